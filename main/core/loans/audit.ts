import type { Conn } from '../../ledger/conn';

export interface AuditRow {
  loanId: number;
  requestId?: number | null;
  chargeId?: number | null;
  event: string;
  from?: string | null;
  to?: string | null;
  detail?: string | null;
  actor: string;
}

export async function audit(tx: Conn, row: AuditRow, at: number): Promise<void> {
  await tx.run(
    `INSERT INTO loan_audit (loan_id, request_id, charge_id, event, from_status, to_status, detail, actor, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      row.loanId,
      row.requestId ?? null,
      row.chargeId ?? null,
      row.event,
      row.from ?? null,
      row.to ?? null,
      row.detail ?? null,
      row.actor,
      at,
    ],
  );
}
