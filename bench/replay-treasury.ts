// A treasury that answers at once with the answers a real run recorded: the engine's ledger
// work alone (its own batches, checks and writes, no network), for the benchmark's ledger
// figure. Each answer is judged by the client's own classify when loaded, as it was on the
// wire: decrypting, parsing and checking answers is the client's work, which the HTTP floor
// counts.
import { Conn } from '../main/ledger/conn';
import { callResult } from '../main/jit/client';
import { classify, type Verdict } from '../main/jit/classify';
import type { CallResult, Treasury } from '../main/jit/types';
import type { Service } from '../shared/status';

export class ReplayTreasury implements Treasury {
  private constructor(
    private readonly answers: Map<string, Verdict>,
    private readonly now: () => number,
  ) {}

  /**
   * The answers of every call of `services` in the ledger at `dbPath`, by request. Only OK
   * answers: the benchmark stops unless every call of a round was answered OK.
   */
  static async from(dbPath: string, services: Service[], now: () => number) {
    const db = await Conn.open(dbPath);
    try {
      const rows = await db.all<{ request_json: string; response_json: string }>(
        `SELECT request_json, response_json FROM treasury_calls
          WHERE outcome = 'OK' AND service IN (SELECT value FROM json_each(?))`,
        [JSON.stringify(services)],
      );
      const answers = new Map<string, Verdict>();
      for (const r of rows) {
        const { serviceId } = JSON.parse(r.request_json) as { serviceId: Service };
        const reply = { status: 200, text: 'recorded', plain: r.response_json };
        answers.set(r.request_json, classify(serviceId, reply));
      }
      return new ReplayTreasury(answers, now);
    } finally {
      await db.close();
    }
  }

  async call<T = unknown>(service: Service, params: Record<string, unknown>) {
    const request = { serviceId: service, params };
    const key = JSON.stringify(request);
    const verdict = this.answers.get(key);
    if (!verdict) throw new Error(`no recorded answer for ${key}`);
    return callResult<T>(service, request, verdict, this.now(), 0) as CallResult<T>;
  }
}
