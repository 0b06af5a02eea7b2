// The message bodies of the program-service page, one schema per endpoint. Amounts travel as
// decimal rupees and become integer paise here; account_code is account@IFSC.
import { z } from 'zod';
import { toPaise } from '../../../shared/money';
import type { Endpoint } from './envelope';

const text = (max: number) => z.string().trim().min(1, 'is empty').max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();
const epoch = z.number().int('must be whole seconds since 1970').nonnegative();

const rupeeAmount = z.union([z.number(), z.string()]).transform((v, ctx) => {
  try {
    return toPaise(v);
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: `must be rupees with at most 2 decimals (got ${JSON.stringify(v)})`,
    });
    return z.NEVER;
  }
});

const statusObject = z
  .object({ status_code: z.string().max(40), status_message: z.string().max(1000).nullish() })
  .partial();

export const programCreate = z.object({
  location_code: text(100),
  name: text(200),
  description: optionalText(2000),
  start_date: epoch,
  end_date: epoch.nullish(),
});

export const programUpdate = programCreate.partial().extend({ program_code: text(64) });

export const searchQuery = z
  .object({
    location_code: z.string().max(100).nullish(),
    program_code: z.string().max(64).nullish(),
    sanction_id: z.string().max(64).nullish(),
    target_id: z.string().max(200).nullish(),
  })
  .passthrough();

/** on-program: the peer's word on a program we hold. */
export const programAck = z
  .object({
    program_code: text(64),
    location_code: optionalText(100),
    status: statusObject.nullish(),
  })
  .passthrough();

export const sanctionAck = z
  .object({
    location_code: optionalText(100),
    program_code: text(64),
    id: optionalText(64),
    sanction_id: optionalText(64),
    status: statusObject.nullish(),
  })
  .passthrough()
  .refine((m) => m.id || m.sanction_id, { message: 'names no sanction (id)', path: ['id'] });

export const allocationAck = z
  .object({
    location_code: optionalText(100),
    program_code: text(64),
    sanction_id: text(64),
    id: optionalText(64),
    net_amount: rupeeAmount.nullish(),
    gross_amount: rupeeAmount.nullish(),
    status: statusObject.nullish(),
  })
  .passthrough();

export const disburseAck = z
  .object({ target_id: text(200), program_code: optionalText(64), status: statusObject.nullish() })
  .passthrough();

const individual = z.object({
  name: text(200),
  phone: optionalText(20),
  address: optionalText(500),
});

const accountCode = z
  .string()
  .trim()
  .regex(/^[^@\s]+@[^@\s]+$/, 'must be account@IFSC (1234567890@SBIN0003491)')
  .transform((v) => {
    const [accountNo, ifsc] = v.split('@') as [string, string];
    return { accountNo, ifsc: ifsc.toUpperCase() };
  });

const disbursementLine = z.object({
  target_id: text(200),
  individual,
  account_code: accountCode,
  net_amount: rupeeAmount,
  gross_amount: rupeeAmount,
});

export const disburseCreate = disbursementLine
  .extend({
    location_code: text(100),
    program_code: text(64),
    individual: individual.nullish(),
    account_code: accountCode.nullish(),
    children: z.array(disbursementLine).max(1000).nullish(),
  })
  .passthrough()
  .superRefine((m, ctx) => {
    if (m.net_amount <= 0)
      ctx.addIssue({ code: 'custom', path: ['net_amount'], message: 'must be more than 0' });
    if (m.gross_amount < m.net_amount)
      ctx.addIssue({ code: 'custom', path: ['gross_amount'], message: 'is less than net_amount' });
    if (m.children?.length) {
      const sum = m.children.reduce((s, c) => s + c.net_amount, 0);
      if (sum !== m.net_amount)
        ctx.addIssue({
          code: 'custom',
          path: ['net_amount'],
          message: `is not the sum of the children's net_amount`,
        });
    } else if (!m.individual || !m.account_code) {
      ctx.addIssue({
        code: 'custom',
        path: ['individual'],
        message: 'and account_code are required when there are no children',
      });
    }
  });
export type DisburseCreate = z.output<typeof disburseCreate>;

export const MESSAGE_SCHEMAS: Record<Endpoint, z.ZodType> = {
  'program/_create': programCreate,
  'program/_update': programUpdate,
  'program/_search': searchQuery,
  'on-program/_create': programAck,
  'on-program/_update': programAck,
  'on-sanction/_create': sanctionAck,
  'on-sanction/_update': sanctionAck,
  'sanction/_search': searchQuery,
  'on-allocation/_create': allocationAck,
  'on-allocation/_update': allocationAck,
  'allocation/_search': searchQuery,
  'disburse/_create': disburseCreate,
  'disburse/_search': searchQuery,
  'on-disburse/_create': disburseAck,
  'on-disburse/_update': disburseAck,
};
