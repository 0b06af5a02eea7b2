// Heads of account from a list of allotment sources (the sandbox scenario's `allotments`, or
// a treasury letter typed in): the demo and first-run set-up. With `ddoCode` only that DDO's
// heads; without, every (head, DDO) pair listed.
import type { Ledger } from '../../ledger/ledger';
import { registerHeadsOfAccount, type HeadOfAccount } from './heads';

export interface AllotmentSource {
  hoa: string;
  ddoCode: string;
  granteCode: string;
  ssuId: string;
  granteeName?: string;
}

export interface SeedOptions {
  /** The ULB these heads belong to, e.g. "od.angul". */
  tenantId: string;
  /** yyyy-MM-dd[ HH:mm:ss]: the first VA fromDate. */
  effectiveDate: string;
  /** Only sources of this DDO (a scenario may serve several ULBs). */
  ddoCode?: string;
}

export async function seedHeadsOfAccount(
  ledger: Ledger,
  sources: AllotmentSource[],
  options: SeedOptions,
): Promise<{ registered: string[] }> {
  const heads = new Map<string, HeadOfAccount>();
  for (const s of sources) {
    if (options.ddoCode && s.ddoCode !== options.ddoCode) continue;
    const key = `${s.hoa}|${s.ddoCode}`;
    if (heads.has(key)) continue;
    heads.set(key, {
      hoa: s.hoa,
      tenantId: options.tenantId,
      ddoCode: s.ddoCode,
      granteeCode: s.granteCode,
      ssuIaId: s.ssuId,
      effectiveDate: options.effectiveDate,
      priority: heads.size + 1,
      // Bill numbers carry the ULB's code: the digits of its DDO code (DDO1013 → 1013).
      cityCode: s.ddoCode.replace(/\D/g, '') || undefined,
    });
  }
  await registerHeadsOfAccount(ledger, [...heads.values()]);
  return { registered: [...new Set([...heads.values()].map((h) => h.hoa))] };
}
