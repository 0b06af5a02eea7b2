// Turns whatever came back from one service call into one of the three outcomes of §2.
import type { Outcome, Service } from '../../shared/status';
import { answersWithList, emptyIsAnswer, responseSchemas } from './services';
import { describeIssues, envelope, errorText } from './envelope';

/** What the wire gave us for one call, before any judgement. */
export interface Reply {
  /** Set when no HTTP answer came at all (refused, reset, timeout). */
  networkError?: string;
  status: number | null;
  text: string;
  /** The body decrypted with the REK, when it could be. */
  plain?: string;
  decryptError?: string;
}

export interface Verdict {
  outcome: Outcome;
  jitError?: string;
  /** The service itself answered no (errorMsg/errorMsgs in its envelope). */
  refused?: boolean;
  data?: unknown;
  response: unknown;
  httpStatus: number | null;
  errorDetail?: string;
}

export const SESSION_ERROR = 'No valid session encryption key';
const MAX_KEPT_TEXT = 2000;

export function classify(service: Service, reply: Reply): Verdict {
  const { status } = reply;
  if (reply.networkError) {
    return {
      outcome: 'NO_RESPONSE',
      response: null,
      httpStatus: null,
      errorDetail: reply.networkError,
    };
  }
  const text = reply.text.trim();
  const plainJson = parseJson(text);
  if (status !== null && status >= 500) {
    return noResponse(plainJson ?? clip(text), status, `HTTP ${status}`);
  }
  if (status !== null && (status < 200 || status >= 300)) {
    const message = plainErrorText(plainJson) ?? (clip(text, 300) || 'no body');
    return {
      outcome: 'ERROR',
      jitError: text.includes(SESSION_ERROR) ? message : `HTTP ${status}: ${message}`,
      response: plainJson ?? clip(text),
      httpStatus: status,
      errorDetail: `HTTP ${status}`,
    };
  }
  if (!text) return noResponse(null, status, 'empty body');
  let json: unknown;
  if (reply.plain !== undefined) {
    json = parseJson(reply.plain);
    if (json === undefined)
      return noResponse(clip(reply.plain), status, 'decrypted body is not JSON');
  } else if (plainErrorText(plainJson)) {
    // Some treasury errors come back unencrypted; they are still the treasury's answer.
    json = plainJson;
  } else {
    return noResponse(clip(text), status, `undecryptable body: ${reply.decryptError ?? 'unknown'}`);
  }
  return judgeEnvelope(service, json, status);
}

function judgeEnvelope(service: Service, json: unknown, status: number | null): Verdict {
  const env = envelope.safeParse(json);
  if (!env.success) {
    return invalid(`Invalid response: ${describeIssues(env.error, json)}`, json, status);
  }
  const error = errorText(env.data);
  if (error) {
    return { outcome: 'ERROR', jitError: error, refused: true, response: json, httpStatus: status };
  }
  const list = env.data.data ?? [];
  if (list.length === 0 && !emptyIsAnswer(service)) {
    return noResponse(json, status, 'no error and empty data');
  }
  const subject = answersWithList(service) ? list : list[0];
  const parsed = responseSchemas[service].safeParse(subject);
  if (!parsed.success) {
    return invalid(`Invalid response: ${describeIssues(parsed.error, subject)}`, json, status);
  }
  return { outcome: 'OK', data: parsed.data, response: json, httpStatus: status };
}

function noResponse(response: unknown, status: number | null, detail: string): Verdict {
  return { outcome: 'NO_RESPONSE', response, httpStatus: status, errorDetail: detail };
}

function invalid(message: string, response: unknown, status: number | null): Verdict {
  return {
    outcome: 'ERROR',
    jitError: message,
    response,
    httpStatus: status,
    errorDetail: message,
  };
}

function plainErrorText(json: unknown): string | undefined {
  const env = envelope.safeParse(json);
  return env.success ? errorText(env.data) : undefined;
}

function parseJson(text: string): unknown {
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function clip(text: string, max = MAX_KEPT_TEXT): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
