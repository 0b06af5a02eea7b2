// The exchange envelope {signature, header, message} and the header rules of jit-protocol.md
// §7. Checked in this order, so a refusal names the first thing wrong: the envelope's shape,
// the URL, the header against the URL and us, the sender, the signature.
import { z } from 'zod';

export const MESSAGE_TYPES = [
  'program',
  'on-program',
  'sanction',
  'on-sanction',
  'allocation',
  'on-allocation',
  'disburse',
  'on-disburse',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];
export const ACTIONS = ['create', 'update', 'search'] as const;
export type Action = (typeof ACTIONS)[number];

/** The endpoints of the program-service page, under /program-service/v1/. */
export const ENDPOINTS = [
  'program/_create',
  'program/_update',
  'program/_search',
  'on-program/_create',
  'on-program/_update',
  'on-sanction/_create',
  'on-sanction/_update',
  'sanction/_search',
  'on-allocation/_create',
  'on-allocation/_update',
  'allocation/_search',
  'disburse/_create',
  'disburse/_search',
  'on-disburse/_create',
  'on-disburse/_update',
] as const;
export type Endpoint = (typeof ENDPOINTS)[number];
export const BASE_PATH = '/program-service/v1/';

export const ERROR_CODES = [
  'MALFORMED_MESSAGE',
  'VALIDATION_ERROR',
  'RECEIVER_ID_SENDER_ID_ERROR',
  'RECEIVER_ID_ERROR',
  'ACTION_ERROR',
  'MESSAGE_TYPE_ERROR',
  'UNKNOWN_SENDER',
  'SIGNATURE_ERROR',
  'DUPLICATE_MESSAGE',
  'UNKNOWN_PROGRAM',
  'UNKNOWN_LOCATION',
  'UNKNOWN_SANCTION',
  'UNKNOWN_DISBURSEMENT',
  'DISBURSEMENT_ALREADY_PRESENT_ERROR',
  'FUNDS_ERROR',
  'PAYMENT_ERROR',
  'NOT_FOUND',
  'INTERNAL_ERROR',
] as const;
export type ExchangeErrorCode = (typeof ERROR_CODES)[number];

/** A refusal: answered as {"errors":[{code, message}]} with its HTTP status. */
export class ExchangeError extends Error {
  constructor(
    readonly code: ExchangeErrorCode,
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
    this.name = 'ExchangeError';
  }
}

const ID_RE = /^[^@\s]+@[^@\s]+$/;
const participant = z.string().regex(ID_RE, 'must look like name@host (program@https://host)');

export const headerSchema = z
  .object({
    message_id: z.string().trim().min(1, 'is empty').max(100),
    message_ts: z.number().int('must be whole seconds since 1970').nonnegative(),
    message_type: z.string(),
    action: z.string(),
    sender_id: participant,
    sender_uri: z.string().max(500).optional(),
    receiver_id: participant,
    is_msg_encrypted: z.boolean().optional(),
  })
  .passthrough();
export type Header = z.infer<typeof headerSchema>;

export const envelopeSchema = z.object({
  signature: z.string({ error: 'is missing' }).min(1, 'is empty'),
  header: z.record(z.string(), z.unknown(), { error: 'must be an object' }),
  message: z.unknown().refine((m) => m !== undefined, 'is missing'),
});
export interface Envelope {
  signature: string;
  header: Header;
  message: unknown;
}

export function endpointOf(path: string): Endpoint | null {
  if (!path.startsWith(BASE_PATH)) return null;
  const rest = path.slice(BASE_PATH.length);
  return (ENDPOINTS as readonly string[]).includes(rest) ? (rest as Endpoint) : null;
}

export function routeOf(endpoint: Endpoint): { messageType: MessageType; action: Action } {
  const [type, action] = endpoint.split('/_') as [MessageType, Action];
  return { messageType: type, action };
}

/** "header.action must be …" style sentences from a zod error. */
export function describeIssues(err: z.ZodError, prefix: string): string {
  return err.issues
    .map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.')} ${i.message}`)
    .join('; ');
}

/** Shape of the envelope and its header; throws an ExchangeError naming every problem. */
export function parseEnvelope(body: unknown): Envelope {
  const env = envelopeSchema.safeParse(body);
  if (!env.success) throw new ExchangeError('MALFORMED_MESSAGE', describeIssues(env.error, ''));
  const header = headerSchema.safeParse(env.data.header);
  if (!header.success)
    throw new ExchangeError('MALFORMED_MESSAGE', describeIssues(header.error, 'header'));
  return { signature: env.data.signature, header: header.data, message: env.data.message };
}

/** The header rules; `selfId` is our own participant id. */
export function checkHeader(header: Header, endpoint: Endpoint, selfId: string): void {
  const { messageType, action } = routeOf(endpoint);
  if (header.message_type !== messageType) {
    throw new ExchangeError(
      'MESSAGE_TYPE_ERROR',
      `header.message_type is ${JSON.stringify(header.message_type)}; ${BASE_PATH}${endpoint} takes ${messageType}.`,
    );
  }
  if (header.action !== action) {
    throw new ExchangeError(
      'ACTION_ERROR',
      `header.action is ${JSON.stringify(header.action)}; ${BASE_PATH}${endpoint} takes ${action}.`,
    );
  }
  // A search may be asked of oneself; every other message goes from one party to another.
  if (action !== 'search' && header.sender_id === header.receiver_id) {
    throw new ExchangeError(
      'RECEIVER_ID_SENDER_ID_ERROR',
      `header.sender_id and header.receiver_id are both ${header.sender_id}.`,
    );
  }
  if (header.receiver_id !== selfId) {
    throw new ExchangeError(
      'RECEIVER_ID_ERROR',
      `header.receiver_id is ${header.receiver_id}; this console is ${selfId}.`,
    );
  }
  if (header.is_msg_encrypted === true) {
    throw new ExchangeError(
      'MALFORMED_MESSAGE',
      'header.is_msg_encrypted is true; this exchange takes unencrypted, signed messages only.',
    );
  }
}
