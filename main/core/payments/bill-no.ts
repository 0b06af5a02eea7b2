// Bill numbers: PI-<city>/<fy>/<seq> and COR-<city>/<fy>/<seq>. The sequence lives in
// bill_sequences and is taken inside the caller's transaction, so a number is never handed
// out twice and a rolled-back step gives its number back.
import type { Conn } from '../../ledger/conn';
import { financialYear } from '../../../shared/time';
import { cityCodeOf } from '../funds/heads';

export async function nextBillNo(
  tx: Conn,
  kind: 'PI' | 'COR',
  tenantId: string,
  at: number,
): Promise<string> {
  const prefix = `${kind}-${await cityCodeOf(tx, tenantId)}/${financialYear(at)}/`;
  const row = await tx.get<{ seq: number }>(
    `INSERT INTO bill_sequences (prefix, next_seq) VALUES (?, 2)
     ON CONFLICT (prefix) DO UPDATE SET next_seq = next_seq + 1
     RETURNING next_seq - 1 AS seq`,
    [prefix],
  );
  return `${prefix}${String(row!.seq).padStart(6, '0')}`;
}
