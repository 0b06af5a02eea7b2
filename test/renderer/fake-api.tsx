// A fake of the IPC contract for component tests: answers per channel, records every call,
// and lets a test push events. Channels without an answer reply like the pending handlers.
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import type { Api, Channel, Events, RequestOf, ResponseOf, Result } from '../../shared/contract';
import type { BeneficiaryRow, CallRow, PiDetail, PiRow } from '../../shared/types';
import { setApi } from '../../renderer/src/api';
import { App } from '../../renderer/src/App';
import { useJobs } from '../../renderer/src/store/jobs';
import { usePiDetail } from '../../renderer/src/store/piDetail';
import { usePis } from '../../renderer/src/store/pis';
import { useRouter } from '../../renderer/src/store/router';
import { useToasts } from '../../renderer/src/store/toasts';

type Answer<C extends Channel> =
  | Result<ResponseOf<C>>
  | ((req: RequestOf<C>) => Result<ResponseOf<C>> | Promise<Result<ResponseOf<C>>>);

export interface FakeApi extends Api {
  calls: { channel: Channel; request: unknown }[];
  answer<C extends Channel>(channel: C, answer: Answer<C>): void;
  emit<E extends keyof Events>(event: E, payload: Events[E]): void;
  requestsFor<C extends Channel>(channel: C): RequestOf<C>[];
}

export const ok = <T,>(data: T): Result<T> => ({ ok: true, data });
export const fail = (
  code: 'INTERNAL' | 'NOT_FOUND' | 'REFUSED' | 'BAD_REQUEST',
  message: string,
): Result<never> => ({
  ok: false,
  error: { code, message },
});

export function createFakeApi(): FakeApi {
  const answers = new Map<Channel, Answer<Channel>>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const calls: FakeApi['calls'] = [];
  return {
    calls,
    answer(channel, answer) {
      answers.set(channel, answer as Answer<Channel>);
    },
    requestsFor<C extends Channel>(channel: C) {
      return calls.filter((c) => c.channel === channel).map((c) => c.request as RequestOf<C>);
    },
    async invoke<C extends Channel>(
      channel: C,
      request: RequestOf<C>,
    ): Promise<Result<ResponseOf<C>>> {
      calls.push({ channel, request });
      const a = answers.get(channel) as Answer<C> | undefined;
      if (!a) return fail('INTERNAL', `${channel} is not available yet.`);
      return typeof a === 'function' ? a(request) : a;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (p: unknown) => void);
    },
    emit(event, payload) {
      listeners.get(event)?.forEach((l) => l(payload));
    },
  };
}

/** jsdom lays nothing out: give the virtualized tables a size so rows render. */
function layout() {
  Element.prototype.getBoundingClientRect = function () {
    return {
      x: 0,
      y: 0,
      top: 0,
      left: 0,
      bottom: 640,
      right: 1600,
      width: 1600,
      height: 640,
      toJSON: () => ({}),
    };
  };
  for (const [prop, value] of [
    ['clientHeight', 640],
    ['clientWidth', 1600],
    ['offsetHeight', 640],
    ['offsetWidth', 1600],
  ] as const) {
    Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get: () => value });
  }
  Element.prototype.scrollTo = function () {} as typeof Element.prototype.scrollTo;
  Element.prototype.scrollIntoView = function () {};
}

/** Fresh stores, route and fake api for each test. */
export function useFakeApi(): { api: () => FakeApi } {
  let api: FakeApi;
  beforeEach(() => {
    layout();
    api = createFakeApi();
    api.answer(
      'app.info',
      ok({
        version: '0.1.0',
        dbPath: '/tmp/l.db',
        schemaVersion: 4,
        treasury: { kind: 'sandbox', baseUrl: 'http://127.0.0.1:9/jit' },
      }),
    );
    setApi(api);
    usePis.getState().reset();
    usePiDetail.getState().reset();
    useJobs.getState().reset();
    useToasts.setState({ toasts: [], dialogs: 0 });
    window.location.hash = '#/pis';
    useRouter.getState().sync();
  });
  afterEach(() => {
    cleanup();
    setApi(null);
  });
  return { api: () => api };
}

export function renderApp(hash = '#/pis') {
  window.location.hash = hash;
  useRouter.getState().sync();
  return render(<App />);
}

export function piRow(id: number, overrides: Partial<PiRow> = {}): PiRow {
  return {
    id,
    kind: 'PI',
    billNo: `PI-1013/2023-24/${String(id).padStart(6, '0')}`,
    billDate: '2023-10-02',
    paymentNumber: `EP/2023-24/${String(id).padStart(6, '0')}`,
    parentBillNo: null,
    hoa: '2217-05-191-2634-01-00-00-00',
    grossPaise: 12_345_650,
    netPaise: 12_345_650,
    beneficiaryCount: 3,
    failedCount: 0,
    status: 'Initiated',
    lastMessage: 'On call of PI API: Response is received and updated successfully',
    lastOutcome: 'OK',
    updatedAt: Date.UTC(2023, 9, 2, 16, 0),
    held: false,
    ...overrides,
  };
}

export function benf(id: number, overrides: Partial<BeneficiaryRow> = {}): BeneficiaryRow {
  return {
    id,
    benfId: `B${String(id).padStart(4, '0')}`,
    name: `Wage Seeker ${id}`,
    accountNo: `10000000000${id}`,
    ifsc: 'SBIN0003491',
    mobile: '9876500000',
    amountPaise: 100_000,
    status: 'Payment Successful',
    utrNo: `UTR${id}`,
    utrDate: '2023-10-05',
    endToEndId: null,
    voucherNo: 'VCH1',
    failedReason: null,
    challanNumber: null,
    challanDate: null,
    orgBillRefNo: null,
    revisedInBillNo: null,
    movedToPayment: null,
    ...overrides,
  };
}

export function call(
  id: number,
  service: CallRow['service'],
  outcome: CallRow['outcome'],
  message: string,
): CallRow {
  return {
    id,
    service,
    piId: 7,
    billNo: 'PI-1013/2023-24/000007',
    attempt: 1,
    startedAt: Date.UTC(2023, 9, 3),
    durationMs: 420,
    outcome,
    message,
  };
}

export function detail(
  overrides: Partial<PiDetail> = {},
  pi: Partial<PiDetail['pi']> = {},
): PiDetail {
  return {
    pi: {
      ...piRow(7, { status: 'Completed', failedCount: 1 }),
      ssuIaId: 'SSU-ANGUL',
      pmtInstId: 'PMI2023000458812',
      payInstDate: '2023-10-03',
      adviceId: 'ADV20231004117',
      onlineBillRefNo: 'OBR/2023-24/0087712',
      tokenNumber: 'TKN776142',
      tokenDate: '2023-10-04',
      voucherNo: 'VCH/1013/0045871',
      completedAt: Date.UTC(2023, 9, 4),
      purpose: 'Wages for work order WO/2023/17',
      paymentId: 5,
      parentPiId: null,
      ...pi,
    },
    reviseBy: '2023-12-31',
    nextCheckAt: {},
    beneficiaries: [
      benf(1),
      benf(2, {
        status: 'Payment Failed',
        failedReason: 'Account closed',
        challanNumber: 'CHL/23/40170',
      }),
      benf(3),
    ],
    latestCalls: [
      call(11, 'FD', 'OK', 'On call of FD API: Response is received and updated successfully'),
      call(10, 'PAG', 'NO_RESPONSE', 'On call of PAG API: No response is received.'),
      call(9, 'PIS', 'ERROR', 'On call of PIS API: Bill is under verification'),
    ],
    history: [],
    revisions: [],
    actions: [{ kind: 'revise', service: 'COR', label: 'Generate Revised PI' }],
    held: null,
    ...overrides,
  };
}
