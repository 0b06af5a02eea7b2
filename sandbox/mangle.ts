// The faults that spoil a good answer's content (the client must catch them by schema or match).
import type { Service } from '../shared/status';

type Json = Record<string, unknown>;

/** A field each service's schema requires, dropped by `missingFields` unless told another. */
const REQUIRED: Record<Service, string> = {
  VA: 'allotmentAmount',
  PI: 'jitBillNo',
  PIS: 'pmtInstId',
  PAG: 'onlineBillRefNo',
  PD: 'benfDtls[0].utrNo',
  FD: 'billRefNo',
  COR: 'jitCorBillNo',
  FTPS: 'benfDtls[0].utrNo',
  FTFPS: 'billRefNo',
};

export function dropField(answer: string, service: Service, field = REQUIRED[service]): string {
  const env = JSON.parse(answer) as Json;
  const data = env.data as Json[];
  if (!data?.length) return answer;
  const path = field.split(/[.[\]]+/).filter(Boolean);
  let node: unknown = data[0];
  for (const p of path.slice(0, -1)) node = (node as Json | undefined)?.[p];
  if (node && typeof node === 'object') delete (node as Json)[path[path.length - 1]!];
  return JSON.stringify(env);
}

/** The data list in reverse order: the spec promises no order of a list (VA's rows, FD's bills). */
export function reverseData(answer: string): string {
  const env = JSON.parse(answer) as Json;
  if (Array.isArray(env.data)) env.data.reverse();
  return JSON.stringify(env);
}

/** `fields` written into every data item: a treasury that writes some fields its own way. */
export function setFields(answer: string, fields: Json): string {
  const env = JSON.parse(answer) as Json;
  for (const item of (env.data as Json[] | undefined) ?? []) Object.assign(item, fields);
  return JSON.stringify(env);
}

/** Adds a beneficiary the bill does not have to benfDtls (PD, FD, FTPS, FTFPS) or benfList (PAG). */
export function addUnknownBenf(answer: string): string {
  const env = JSON.parse(answer) as Json;
  const item = (env.data as Json[] | undefined)?.[0];
  if (!item) return answer;
  const key = Array.isArray(item.benfList) ? 'benfList' : 'benfDtls';
  const list = (item[key] as Json[] | undefined) ?? [];
  const template: Json = list[0] ?? {
    benfAcctNo: '99999999999',
    benfBankIfscCode: 'SBIN0000001',
    utrNo: 'SBIN999999999999',
    utrDate: item.billDate,
    endToEndId: 'E2E99999999999999',
    orgBillRefNumber: item.billRefNo,
    challanNumber: 'CHL999999999',
    challanDate: item.billDate,
    failedReason: 'Account does not exist',
  };
  item[key] = [...list, { ...template, benfId: 'UNKNOWN-BENF-1' }];
  return JSON.stringify(env);
}
