// `exchange …`: the program-service exchange from the command line, through the same handler
// map as the window.
import fs from 'node:fs';
import path from 'node:path';
import type { App } from '../app';
import { z } from 'zod';
import { contract } from '../../shared/contract';
import { writeSettings } from '../core/exchange/settings';
import { flag, type Args } from './args';
import { call } from './call';
import { table as printTable } from './print';

const table = (rows: object[], columns: string[]) =>
  printTable(rows as Record<string, unknown>[], columns);

const HELP = `exchange <sub-command>  the program-service exchange (iFIX):
      status | on [--port N] [--host H] [--self-id name@host] | off | public-key
      peers | peer-add <name@host> <callback base URL> <public-key.pem> | peer-remove <name@host>
      programs | sanctions [--program ID] | disbursements [--status S]
      messages [--direction in|out] [--state S] [--disbursement ID] | message <id>
      redeliver <id> (a queued or rejected message, now) | deliver (every due message, now)`;

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

export const exchangeCommand = {
  help: HELP,
  async run(app: App, args: Args): Promise<number> {
    const sub = args.words[1];
    const json = args.flags.has('json');
    const show = (data: unknown, text: () => string) => {
      console.log(json ? JSON.stringify(data, null, 2) : text());
      return 0;
    };
    switch (sub) {
      case 'status':
      case undefined: {
        const s = await call(app, 'exchange.status', {});
        return show(s, () =>
          [
            `Exchange: ${s.enabled ? 'on' : 'off'} (starts with the window, the browser host and serve)`,
            `We are:   ${s.selfId}`,
            `Address:  ${s.host}:${s.port}`,
          ].join('\n'),
        );
      }
      case 'on':
      case 'off': {
        // Only the setting: the exchange runs in the window, the browser host or serve.
        const parsed = contract['exchange.configure'].request.safeParse({
          enabled: sub === 'on',
          port: num(flag(args, 'port')),
          host: flag(args, 'host'),
          selfId: flag(args, 'self-id'),
        });
        if (!parsed.success) throw new Error(z.prettifyError(parsed.error).replace(/\n/g, '; '));
        await app.ledger.write((tx) => writeSettings(tx, parsed.data));
        return show({ enabled: sub === 'on' }, () => `Exchange switched ${sub}.`);
      }
      case 'public-key':
        console.log((await call(app, 'exchange.status', {})).publicKey);
        return 0;
      case 'peers': {
        const rows = await call(app, 'exchange.peers', {});
        return show(rows, () => table(rows, ['peerId', 'uri', 'programs', 'queued']));
      }
      case 'peer-add': {
        const [, , peerId, uri, keyFile] = args.words;
        if (!peerId || !uri || !keyFile)
          throw new Error(
            'Usage: exchange peer-add <name@host> <callback base URL> <public-key.pem>',
          );
        const publicKey = fs.readFileSync(path.resolve(keyFile), 'utf8');
        const p = await call(app, 'exchange.peerSave', { peerId, uri, publicKey });
        return show(p, () => `Peer ${p.peerId} registered; callbacks go to ${p.uri}.`);
      }
      case 'peer-remove':
        await call(app, 'exchange.peerRemove', { peerId: args.words[2] ?? '' });
        return show({ removed: true }, () => `Peer ${args.words[2]} removed.`);
      case 'programs': {
        const rows = await call(app, 'exchange.programs', {});
        return show(rows, () =>
          table(rows, [
            'id',
            'programCode',
            'name',
            'locationCode',
            'peerId',
            'sanctions',
            'allottedPaise',
            'availablePaise',
            'disbursements',
          ]),
        );
      }
      case 'sanctions': {
        const rows = await call(app, 'exchange.sanctions', {
          programId: num(flag(args, 'program')),
        });
        return show(rows, () =>
          table(
            rows.map((r: { allocations: unknown[] }) => ({
              ...r,
              allocations: r.allocations.length,
            })),
            [
              'sanctionCode',
              'programCode',
              'mstAllotmentDistId',
              'amountPaise',
              'allocations',
              'allottedPaise',
              'availablePaise',
            ],
          ),
        );
      }
      case 'disbursements': {
        const page = await call(app, 'exchange.disbursements', { status: flag(args, 'status') });
        return show(
          page,
          () =>
            `${table(page.rows, ['id', 'targetId', 'programCode', 'netPaise', 'status', 'billNo', 'piStatus', 'statusMessage'])}\n${page.total} in all`,
        );
      }
      case 'messages': {
        const page = await call(app, 'exchange.messages', {
          direction: flag(args, 'direction') as never,
          state: flag(args, 'state'),
          disbursementId: num(flag(args, 'disbursement')),
          limit: num(flag(args, 'limit')),
        });
        return show(
          page,
          () =>
            `${table(page.rows, ['id', 'direction', 'endpoint', 'peerId', 'signatureCheck', 'state', 'attempts', 'errorCode', 'createdAt'])}\n${page.total} in all`,
        );
      }
      case 'message':
        console.log(
          JSON.stringify(
            await call(app, 'exchange.message', { id: Number(args.words[2]) }),
            null,
            2,
          ),
        );
        return 0;
      case 'redeliver': {
        const m = await call(app, 'exchange.redeliver', { id: Number(args.words[2]) });
        const n = await app.exchange.deliverNow();
        const after = await call(app, 'exchange.message', { id: m.id });
        return show(
          after,
          () =>
            `Message ${m.id}: ${after.state}${after.error ? ` (${after.error})` : ''}; ${n} delivered.`,
        );
      }
      case 'deliver': {
        const n = await app.exchange.deliverNow();
        return show({ delivered: n }, () => `${n} message(s) delivered.`);
      }
      default:
        throw new Error(`Unknown exchange command ${sub}.\n${HELP}`);
    }
  },
};
