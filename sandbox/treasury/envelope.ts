// The answer envelope of §2, as the treasury writes it.
import type { Service } from '../../shared/status';

export interface WireError {
  errorCode: string;
  errorMsg: string;
}

export interface Answer {
  serviceId: string;
  errorMsg: string | null;
  errorMsgs: WireError[];
  data: Record<string, unknown>[];
}

export const ok = (service: Service, data: Record<string, unknown>[]): Answer => ({
  serviceId: service,
  errorMsg: null,
  errorMsgs: [],
  data,
});

export const error = (service: Service | string, message: string): Answer => ({
  serviceId: service,
  errorMsg: message,
  errorMsgs: [],
  data: [],
});

export const errors = (service: Service, list: WireError[]): Answer => ({
  serviceId: service,
  errorMsg: null,
  errorMsgs: list,
  data: [],
});
