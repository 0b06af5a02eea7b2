// Receiving one message: envelope, header rules, sender, signature, then (in one transaction
// with its log row) the repeat check, the message's schema and what it applies. Every message
// is logged with its signature check, refused ones included. A message_id seen before from the
// same sender is answered as it was the first time and applies nothing again.
import { z } from 'zod';
import type { AppContext } from '../context';
import type { Conn } from '../../ledger/conn';
import { repushPending } from '../pi/push';
import {
  ExchangeError,
  checkHeader,
  describeIssues,
  parseEnvelope,
  type Endpoint,
  type Envelope,
} from './envelope';
import { MESSAGE_SCHEMAS, type DisburseCreate } from './messages';
import { verifyMessage } from './signing';
import { readSettings } from './settings';
import { createProgram, programFor, updateProgram } from './programs';
import { createDisbursement, importIssues } from './disburse';
import { search } from './search';
import { acknowledge } from './acks';

export interface Answer {
  httpStatus: number;
  body: unknown;
}

type Check = 'valid' | 'invalid' | 'unknown sender' | 'not checked';

interface LogRow {
  endpoint: Endpoint;
  envelope: Envelope | null;
  raw: unknown;
  check: Check;
  state: 'applied' | 'refused' | 'duplicate';
  answer: Answer;
  error?: ExchangeError;
  disbursementId?: number | null;
  programId?: number | null;
}

const errorAnswer = (e: ExchangeError): Answer => ({
  httpStatus: e.httpStatus,
  body: { errors: [{ code: e.code, message: e.message }] },
});

export async function receiveMessage(
  app: AppContext,
  endpoint: Endpoint,
  body: unknown,
): Promise<Answer> {
  let envelope: Envelope | null = null;
  let check: Check = 'not checked';
  try {
    envelope = parseEnvelope(body);
    const settings = await readSettings(app.ledger.read);
    checkHeader(envelope.header, endpoint, settings.selfId);
    const peer = await app.ledger.read.get<{ publicKey: string }>(
      'SELECT public_key AS publicKey FROM exchange_peers WHERE peer_id = ?',
      [envelope.header.sender_id],
    );
    if (!peer) {
      check = 'unknown sender';
      throw new ExchangeError(
        'UNKNOWN_SENDER',
        `${envelope.header.sender_id} is not a registered peer.`,
        401,
      );
    }
    check = verifyMessage(peer.publicKey, envelope.header, envelope.message, envelope.signature)
      ? 'valid'
      : 'invalid';
    if (check === 'invalid')
      throw new ExchangeError(
        'SIGNATURE_ERROR',
        `The signature does not match header + message under ${envelope.header.sender_id}'s registered key.`,
        401,
      );
  } catch (err) {
    if (!(err instanceof ExchangeError)) throw err;
    const answer = errorAnswer(err);
    await app.ledger.write((tx) =>
      logIncoming(
        tx,
        { endpoint, envelope, raw: body, check, state: 'refused', answer, error: err },
        app.now(),
      ),
    );
    return answer;
  }
  const env = envelope;
  const { answer, piId } = await app.ledger.write((tx) => applyIn(tx, endpoint, env, app.now()));
  // Sent after the commit, as a push from the Payments page is; a lost answer leaves the PI
  // Pending for the nightly re-send.
  if (piId)
    void repushPending(app, piId).catch((err) =>
      console.error(`[exchange] sending PI ${piId} failed:`, err),
    );
  return answer;
}

async function applyIn(
  tx: Conn,
  endpoint: Endpoint,
  env: Envelope,
  at: number,
): Promise<{ answer: Answer; piId: number | null }> {
  const seen = await tx.get<{ httpStatus: number; response: string }>(
    `SELECT http_status AS httpStatus, response_json AS response FROM exchange_messages
      WHERE direction = 'in' AND sender_id = ? AND message_id = ? AND state IN ('applied', 'refused')
        AND signature_check = 'valid'
      ORDER BY id LIMIT 1`,
    [env.header.sender_id, env.header.message_id],
  );
  if (seen) {
    const answer = { httpStatus: seen.httpStatus, body: JSON.parse(seen.response) };
    const note = new ExchangeError(
      'DUPLICATE_MESSAGE',
      `message_id ${env.header.message_id} was received before; answered as the first time, applied once.`,
    );
    await logIncoming(
      tx,
      {
        endpoint,
        envelope: env,
        raw: null,
        check: 'valid',
        state: 'duplicate',
        answer,
        error: note,
      },
      at,
    );
    return { answer, piId: null };
  }
  const sender = env.header.sender_id;
  await tx.exec('SAVEPOINT incoming');
  try {
    const parsed = MESSAGE_SCHEMAS[endpoint].safeParse(env.message);
    if (!parsed.success)
      throw new ExchangeError(
        'VALIDATION_ERROR',
        describeIssues(parsed.error as z.ZodError, 'message'),
      );
    const m = parsed.data as Record<string, unknown>;
    let result: {
      body?: unknown;
      programId?: number | null;
      disbursementId?: number | null;
      piId?: number | null;
    } = {};
    switch (endpoint) {
      case 'program/_create':
        result = { programId: await createProgram(tx, sender, m as never, at) };
        break;
      case 'program/_update':
        result = { programId: await updateProgram(tx, sender, m as never, at) };
        break;
      case 'disburse/_create': {
        const d = m as unknown as DisburseCreate;
        const issues = importIssues(d);
        if (issues.length) throw new ExchangeError('VALIDATION_ERROR', issues.join('; '));
        const program = await programFor(tx, d.program_code, sender);
        const out = await createDisbursement(tx, program, env.message, d, at);
        result = { programId: program.id, disbursementId: out.disbursementId, piId: out.piId };
        break;
      }
      case 'program/_search':
      case 'sanction/_search':
      case 'allocation/_search':
      case 'disburse/_search':
        result = { body: { message: await search(tx, endpoint, sender, m) } };
        break;
      default:
        result = await acknowledge(tx, endpoint, sender, m, at);
    }
    const answer: Answer = {
      httpStatus: 200,
      body: result.body ?? { message_id: env.header.message_id, status: 'ACCEPTED' },
    };
    await tx.exec('RELEASE incoming');
    await logIncoming(
      tx,
      { endpoint, envelope: env, raw: null, check: 'valid', state: 'applied', answer, ...result },
      at,
    );
    return { answer, piId: result.piId ?? null };
  } catch (err) {
    await tx.exec('ROLLBACK TO incoming');
    await tx.exec('RELEASE incoming');
    if (!(err instanceof ExchangeError)) throw err;
    const answer = errorAnswer(err);
    await logIncoming(
      tx,
      { endpoint, envelope: env, raw: null, check: 'valid', state: 'refused', answer, error: err },
      at,
    );
    return { answer, piId: null };
  }
}

async function logIncoming(tx: Conn, r: LogRow, at: number): Promise<void> {
  const h = r.envelope?.header;
  await tx.run(
    `INSERT INTO exchange_messages (direction, endpoint, message_id, sender_id, receiver_id, peer_id, header_json, message_json,
                                    body_json, signature, signature_check, state, error_code, error, http_status, response_json,
                                    disbursement_id, program_id, created_at)
     VALUES ('in', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      r.endpoint,
      h?.message_id ?? null,
      h?.sender_id ?? null,
      h?.receiver_id ?? null,
      h?.sender_id ?? null,
      h ? JSON.stringify(h) : null,
      r.envelope ? JSON.stringify(r.envelope.message) : null,
      r.envelope ? null : safeJson(r.raw),
      r.envelope?.signature ?? null,
      r.check,
      r.state,
      r.error?.code ?? null,
      r.error?.message ?? null,
      r.answer.httpStatus,
      JSON.stringify(r.answer.body),
      r.disbursementId ?? null,
      r.programId ?? null,
      at,
    ],
  );
}

function safeJson(v: unknown): string | null {
  if (v === undefined) return null;
  try {
    return JSON.stringify(v)?.slice(0, 100_000) ?? null;
  } catch {
    return null;
  }
}
