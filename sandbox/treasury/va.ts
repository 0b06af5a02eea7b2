// VA: the scenario's allotments for a head of account, dated after `fromDate` and not in
// the future of the sandbox clock (so advancing the clock makes new funds arrive).
import { parseTreasuryDate, treasuryDateTime } from '../../shared/time';
import type { Scenario, ScenarioAllotment } from '../scenario';
import { error, ok, type Answer } from './envelope';

export function va(
  scenario: Scenario,
  p: Record<string, unknown>,
  now: number,
  startedAt: number,
): Answer {
  let from: number;
  try {
    from = parseTreasuryDate(p.fromDate);
  } catch {
    return error('VA', `Invalid fromDate ${String(p.fromDate)}`);
  }
  const found = scenario.allotments
    .map((a) => ({ a, at: dateOf(a, startedAt) }))
    .filter(
      ({ a, at }) =>
        a.hoa === p.hoa &&
        a.ddoCode === p.ddoCode &&
        a.granteCode === p.granteCode &&
        at > from &&
        at <= now,
    )
    .sort((x, y) => x.at - y.at);
  if (found.length === 0) {
    return error('VA', `No allotment found for HOA ${String(p.hoa)} after ${String(p.fromDate)}`);
  }
  return ok(
    'VA',
    found.map(({ a, at }) => ({
      ddoCode: a.ddoCode,
      schemeCode: a.schemeCode,
      schemeName: a.schemeName,
      granteeAgCode: a.granteCode,
      granteeName: a.granteeName,
      ssuId: a.ssuId,
      ssuOffice: a.ssuOffice,
      allotmentDate: treasuryDateTime(at),
      allotmentTxnSlNo: a.allotmentTxnSlNo,
      allotmentAmount: a.allotmentAmount,
      availableBalance: a.availableBalance ?? a.allotmentAmount,
      allotmentTxnType: a.allotmentTxnType,
      mstAllotmentDistId: a.mstAllotmentDistId,
      ssuAllotmentId: a.ssuAllotmentId,
    })),
  );
}

function dateOf(a: ScenarioAllotment, startedAt: number): number {
  if (a.allotmentDate) return parseTreasuryDate(a.allotmentDate);
  return startedAt + (a.afterStartMs ?? 0);
}
