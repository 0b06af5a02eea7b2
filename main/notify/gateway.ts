// Where messages leave the console. The default writes them to a file (nothing is sent);
// an HTTP gateway posts them to the ULB's SMS provider.
import fs from 'node:fs/promises';
import axios from 'axios';

export interface SmsGateway {
  send(to: string, body: string): Promise<{ ok: boolean; detail: string }>;
}

export function fileGateway(file: string): SmsGateway {
  return {
    async send(to, body) {
      // Mobile numbers and amounts: readable by the owner only (the mode applies on creation).
      await fs.appendFile(file, `${JSON.stringify({ at: new Date().toISOString(), to, body })}\n`, {
        mode: 0o600,
      });
      return { ok: true, detail: `written to ${file}` };
    },
  };
}

export interface HttpGatewayConfig {
  url: string;
  /** Extra fields sent with every message (sender id, API key…). */
  fields?: Record<string, string>;
  timeoutMs?: number;
}

export function httpGateway(config: HttpGatewayConfig): SmsGateway {
  return {
    async send(to, body) {
      try {
        const res = await axios.post(
          config.url,
          { ...config.fields, to, message: body },
          { timeout: config.timeoutMs ?? 15_000, validateStatus: () => true },
        );
        const ok = res.status >= 200 && res.status < 300;
        return {
          ok,
          detail: `HTTP ${res.status}${ok ? '' : `: ${String(JSON.stringify(res.data)).slice(0, 300)}`}`,
        };
      } catch (err) {
        return { ok: false, detail: (err as Error).message };
      }
    },
  };
}
