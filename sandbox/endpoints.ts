// The two treasury endpoints: login and the service call, with the real encryption and the
// injected faults applied around the treasury's answer.
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { aesDecrypt, aesEncrypt, KEY_BYTES, randomKey, rsaDecrypt } from '../main/jit/crypto';
import { SERVICES, type Service } from '../shared/status';
import type { SandboxContext } from './context';
import { sendJson, sendText } from './http';
import { addUnknownBenf, dropField, reverseData, setFields } from './mangle';
import { answerBadly } from './hostile';
import type { Fault } from './faults';
import { error, errors } from './treasury/envelope';
import { oneIn } from './ids';

export const SESSION_ERROR_TEXT = 'No valid session encryption key found for the given authToken';

export function login(
  ctx: SandboxContext,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
): void {
  const fault = ctx.faults.take('LOGIN', undefined);
  if (fault && lossy(ctx, fault, req, res)) return;
  if (fault?.kind === 'http500') return sendText(res, 500, 'Internal Server Error');
  if (fault?.kind === 'error')
    return sendJson(res, 200, error('AUTH', fault.message ?? 'Authentication service unavailable'));
  if (req.headers.clientid !== ctx.clientId || req.headers.clientsecret !== ctx.clientSecret) {
    return sendJson(res, 401, error('AUTH', 'Invalid clientId or clientSecret'));
  }
  let appKey: Buffer;
  try {
    const { appKey: wrapped } = JSON.parse(body) as { appKey?: string };
    appKey = rsaDecrypt(ctx.keys.privateKey, Buffer.from(String(wrapped), 'base64'));
  } catch {
    return sendJson(res, 400, error('AUTH', 'Invalid appKey'));
  }
  if (appKey.length !== KEY_BYTES) return sendJson(res, 400, error('AUTH', 'Invalid appKey'));
  const { token, sek } = ctx.sessions.open();
  ctx.stats.logins += 1;
  sendJson(res, 200, { authToken: token, sek: aesEncrypt(appKey, sek).toString('base64') });
}

export function serviceCall(
  ctx: SandboxContext,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
): void {
  const token = req.headers.authtoken;
  const sek = ctx.sessions.sek(token);
  if (!sek) return sessionError(ctx, res);
  let rek: Buffer;
  let payload: { serviceId?: unknown; params?: unknown };
  try {
    const wire = JSON.parse(body) as { params?: string; rek?: string };
    rek = aesDecrypt(sek, Buffer.from(String(wire.rek), 'base64'));
    payload = JSON.parse(
      aesDecrypt(sek, Buffer.from(String(wire.params), 'base64')).toString('utf8'),
    ) as typeof payload;
    if (rek.length !== KEY_BYTES) throw new Error('bad rek');
  } catch {
    return sendJson(
      res,
      400,
      error('UNKNOWN', 'Invalid request: params or rek could not be decrypted'),
    );
  }
  const service = payload.serviceId;
  if (!isService(service))
    return sendSealed(res, rek, JSON.stringify(ctx.treasury.answer(service, payload.params)));
  ctx.stats.calls[service] += 1;

  const billNo = ctx.treasury.billOf(service, payload.params);
  const fault = ctx.faults.take(service, billNo) ?? scenarioLoss(ctx, service, billNo);
  // Faults that stand for a treasury that did not process the call at all.
  switch (fault?.kind) {
    case 'http500':
      return sendText(res, 500, 'Internal Server Error');
    case 'status':
      return sendText(res, fault.status ?? 404, fault.body ?? 'Not Found');
    case 'sessionExpired':
      ctx.sessions.drop(token);
      return sessionError(ctx, res);
    case 'error':
      return sendSealed(
        res,
        rek,
        JSON.stringify(error(service, fault.message ?? 'Service is temporarily unavailable')),
      );
    case 'errorMsgs':
      return sendSealed(
        res,
        rek,
        JSON.stringify(
          errors(
            service,
            fault.messages ?? [
              { errorCode: '500', errorMsg: 'Internal error while processing the request' },
            ],
          ),
        ),
      );
  }
  const key = `${service}|${billNo ?? ''}`;
  const previous = ctx.lastAnswers.get(key);
  let answer =
    fault?.kind === 'duplicate' && previous
      ? previous
      : JSON.stringify(ctx.treasury.answer(service, payload.params));
  ctx.lastAnswers.set(key, answer);
  // From here the call was processed (a PI push is accepted) but its answer is spoilt or lost.
  if (fault && lossy(ctx, fault, req, res)) return;
  if (fault && answerBadly(ctx, fault, res, () => sendSealed(res, rek, answer))) return;
  switch (fault?.kind) {
    case 'missingFields':
      answer = dropField(answer, service, fault.field);
      break;
    case 'unknownBenfId':
      answer = addUnknownBenf(answer);
      break;
    case 'emptyData':
      answer = JSON.stringify({ serviceId: service, errorMsg: null, errorMsgs: [], data: [] });
      break;
    case 'answer':
      answer = fault.body ?? answer;
      break;
    case 'reverse':
      answer = reverseData(answer);
      break;
    case 'setField':
      answer = setFields(answer, fault.fields ?? {});
      break;
    case 'garbage':
      // 45 random bytes: never a whole number of AES blocks, so never decryptable.
      return sendText(res, 200, crypto.randomBytes(45).toString('base64'));
    case 'wrongKey':
      return sendText(res, 200, aesEncrypt(randomKey(), answer).toString('base64'));
  }
  sendSealed(res, rek, answer);
}

/** The scenario's `lostAnswers`: the first answer to a push of the bill is lost once. */
function scenarioLoss(
  ctx: SandboxContext,
  service: Service,
  billNo: string | undefined,
): Fault | undefined {
  const { services, kind, every } = ctx.scenario.lostAnswers;
  const key = `${service}|${billNo ?? ''}`;
  if (!billNo || !(services as string[]).includes(service) || ctx.lost.has(key)) return undefined;
  if (!oneIn(ctx.scenario.seed, every, 'lose', billNo)) return undefined;
  ctx.lost.add(key);
  return { kind };
}

/** timeout and reset: no answer at all (a reset with `until` drops the socket once it settles). */
function lossy(
  ctx: SandboxContext,
  { kind, holdMs, until }: Fault,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  if (kind === 'reset') {
    if (until) void Promise.resolve(until).then(() => req.socket.destroy());
    else req.socket.destroy();
    return true;
  }
  if (kind === 'timeout') {
    const timer = setTimeout(() => {
      ctx.held.delete(timer);
      req.socket.destroy();
    }, holdMs ?? ctx.timeoutHoldMs);
    ctx.held.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      ctx.held.delete(timer);
    });
    return true;
  }
  return false;
}

function sessionError(ctx: SandboxContext, res: ServerResponse): void {
  ctx.stats.sessionErrors += 1;
  sendJson(res, 401, error('AUTH', SESSION_ERROR_TEXT));
}

function sendSealed(res: ServerResponse, rek: Buffer, json: string): void {
  sendText(res, 200, aesEncrypt(rek, json).toString('base64'));
}

function isService(v: unknown): v is Service {
  return typeof v === 'string' && (SERVICES as readonly string[]).includes(v);
}
