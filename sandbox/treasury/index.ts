// The sandbox treasury's business side: one answer per service call, from the bill book,
// the scenario and the clock. Transport, encryption and faults live in the server.
import { SERVICES, type Service } from '../../shared/status';
import type { Scenario } from '../scenario';
import { BillBook } from './bills';
import { error, type Answer } from './envelope';
import { pushCor, pushPi } from './push';
import { fd, ftfps, ftps, pag, pd, pis } from './status';
import { va } from './va';
import { paramProblems } from './params';
import { appendJournal, readJournal } from '../journal';

type Params = Record<string, unknown>;

export class SandboxTreasury {
  readonly book: BillBook;

  constructor(
    readonly scenario: Scenario,
    private readonly now: () => number,
    private readonly startedAt: number,
    private readonly journal?: string,
  ) {
    this.book = new BillBook(scenario);
    if (journal) {
      for (const e of readJournal(journal))
        (e.service === 'PI' ? pushPi : pushCor)(this.book, e.params, e.at);
    }
  }

  answer(serviceId: unknown, params: unknown): Answer {
    const answer = this.respond(serviceId, params);
    if (this.journal && (serviceId === 'PI' || serviceId === 'COR') && answer.data.length > 0) {
      appendJournal(this.journal, { service: serviceId, params: params as Params, at: this.now() });
    }
    return answer;
  }

  private respond(serviceId: unknown, params: unknown): Answer {
    if (!isService(serviceId))
      return error(String(serviceId), `Invalid serviceId ${String(serviceId)}`);
    const problems = paramProblems(serviceId, params);
    if (problems.length) return error(serviceId, `Invalid request: ${problems.join('; ')}`);
    const p = params as Params;
    const now = this.now();
    const ssu = this.scenario.ssuName;
    switch (serviceId) {
      case 'VA':
        return va(this.scenario, p, now, this.startedAt);
      case 'PI':
        return pushPi(this.book, p, now);
      case 'PIS':
        return pis(this.book, p, now, ssu);
      case 'PAG':
        return pag(this.book, p, now, ssu);
      case 'PD':
        return pd(this.book, p, now);
      case 'FD':
        return fd(this.book, p, now);
      case 'COR':
        return pushCor(this.book, p, now);
      case 'FTPS':
        return ftps(this.book, p, now);
      case 'FTFPS':
        return ftfps(this.book, p, now);
    }
  }

  /** The bill a call is about (for fault targeting and replay), whatever the service calls it. */
  billOf(service: Service, params: unknown): string | undefined {
    const p = params && typeof params === 'object' ? (params as Params) : {};
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    switch (service) {
      case 'PI':
      case 'PIS':
        return text(p.jitBillNo);
      case 'PAG':
        return text(p.billNo);
      case 'FD':
        return text(p.billno);
      case 'PD':
        return this.book.byBillRef(p.billRefNo)?.billNo ?? text(p.billRefNo);
      case 'COR':
      case 'FTPS':
      case 'FTFPS':
        return text(p.jitCorBillNo);
      case 'VA':
        return text(p.hoa);
    }
  }

  /** Preload accepted PIs (benchmarks): the same checks as a push; throws on a refused one. */
  seed(bills: Params[], acceptedAt: number): void {
    for (const bill of bills) {
      const answer = pushPi(this.book, bill, acceptedAt);
      if (answer.data.length === 0) {
        const why =
          answer.errorMsg ??
          answer.errorMsgs.map((e) => `${e.errorCode}: ${e.errorMsg}`).join('; ');
        throw new Error(`seedBills: ${String(bill.jitBillNo)} refused: ${why}`);
      }
    }
  }
}

function isService(v: unknown): v is Service {
  return typeof v === 'string' && (SERVICES as readonly string[]).includes(v);
}
