// The exchange as the hosts run it: the HTTP server with the program-service endpoints (and
// any routes other modules add), and the outbox delivery loop. Off until a host starts it:
// the window and the browser host when Settings switch it on, `serve --exchange-port N`.
import type { AppContext } from '../core/context';
import { BASE_PATH, ENDPOINTS } from '../core/exchange/envelope';
import { receiveMessage } from '../core/exchange/inbound';
import { readSettings, writeSettings } from '../core/exchange/settings';
import type { KeyPair } from '../core/exchange/signing';
import type { ExchangeStatus } from '../../shared/types';
import { DEFAULT_DELIVERY, deliverDue, type DeliveryOptions } from './deliver';
import { keyFileFor, loadOrCreateKeys } from './keys';
import { startJsonServer, type JsonServer, type RouteHandler } from './http';

export interface ExchangeOptions {
  delivery?: Partial<DeliveryOptions>;
  /** How often the outbox is looked at when nothing wakes it. */
  pollMs?: number;
}

export class ExchangeService {
  private server: JsonServer | null = null;
  private timer: NodeJS.Timeout | undefined;
  private delivering: Promise<unknown> = Promise.resolve();
  private again = false;
  private keys: KeyPair | null = null;
  private lastError: string | null = null;
  private readonly extraRoutes = new Map<string, RouteHandler>();
  private readonly delivery: DeliveryOptions;

  constructor(
    private readonly app: AppContext,
    private readonly options: ExchangeOptions = {},
  ) {
    this.delivery = { ...DEFAULT_DELIVERY, ...options.delivery };
  }

  /** Our key pair, made on first use. */
  keyPair(): KeyPair {
    this.keys ??= loadOrCreateKeys(keyFileFor(this.app.ledger.file));
    return this.keys;
  }

  /**
   * Add a POST route on the exchange's server (e.g. another service's endpoint). Kept and
   * mounted whenever the server (re)starts.
   */
  addRoute(path: string, handler: RouteHandler): void {
    if (this.extraRoutes.has(path) || path.startsWith(BASE_PATH))
      throw new Error(`${path} is already mounted`);
    this.extraRoutes.set(path, handler);
    this.server?.addRoute(path, handler);
  }

  get running(): boolean {
    return this.server !== null;
  }

  /** Start on the configured (or given) address; saving the given port and host as the settings. */
  async start(override: { port?: number; host?: string } = {}): Promise<ExchangeStatus> {
    if (this.server) return this.status();
    if (override.port !== undefined || override.host !== undefined)
      await this.app.ledger.write((tx) => writeSettings(tx, override));
    const settings = await readSettings(this.app.ledger.read);
    this.keyPair();
    try {
      const server = await startJsonServer({ host: settings.host, port: settings.port });
      for (const endpoint of ENDPOINTS) {
        server.addRoute(`${BASE_PATH}${endpoint}`, async (body) => {
          const answer = await receiveMessage(this.app, endpoint, body);
          this.kick();
          return answer;
        });
      }
      for (const [path, handler] of this.extraRoutes) server.addRoute(path, handler);
      this.server = server;
      this.lastError = null;
      await this.app.ledger.write((tx) => writeSettings(tx, { url: server.url }));
    } catch (err) {
      this.lastError = `The exchange could not listen on ${settings.host}:${settings.port}: ${(err as Error).message}`;
      throw new Error(this.lastError, { cause: err });
    }
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 1_000);
    this.kick();
    return this.status();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    const server = this.server;
    this.server = null;
    await server?.close();
    await this.delivering;
  }

  /** Look at the outbox now; one delivery pass at a time, another right after if asked meanwhile. */
  kick(): void {
    if (!this.server) return;
    if (this.again) return;
    this.again = true;
    this.delivering = this.delivering
      .then(() => {
        this.again = false;
        return deliverDue(this.app, this.keyPair(), this.delivery);
      })
      .catch((err) => console.error('[exchange] delivery failed:', err));
  }

  /** Deliver what is due now, whether or not the server runs (CLI `exchange deliver`). */
  deliverNow(): Promise<number> {
    return deliverDue(this.app, this.keyPair(), this.delivery);
  }

  async status(): Promise<ExchangeStatus> {
    const s = await readSettings(this.app.ledger.read);
    let publicKey: string | null = null;
    try {
      publicKey = this.keyPair().publicKeyPem;
    } catch (err) {
      this.lastError = `The exchange key cannot be read: ${(err as Error).message}`;
    }
    return {
      enabled: s.enabled,
      running: this.running,
      url: this.server?.url ?? null,
      selfId: s.selfId,
      host: s.host,
      port: this.server?.port ?? s.port,
      publicKey,
      error: this.lastError,
    };
  }
}
