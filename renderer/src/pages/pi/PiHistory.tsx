// The PI's status history (each event of its beneficiaries in one line, or each beneficiary
// on request) and the revised PIs made from it.
import { useState } from 'react';
import type { HistoryRow, PiRow } from '../../../../shared/types';
import { Table } from '../../components/Table';
import { Banner, Money, OutcomeText, StatusChip } from '../../components/ui';
import { formatCount, formatDateTime, formatTreasuryDate } from '../../format';
import { hrefFor } from '../../store/router';

export function PiHistory({ rows }: { rows: HistoryRow[] }) {
  const [each, setEach] = useState(false);
  const shown = rows.filter((h) =>
    each ? h.entity !== 'beneficiaries' : h.entity !== 'beneficiary',
  );
  return (
    <section className="section">
      <div className="section-head">
        <h2>Status history</h2>
        <label className="check small no-print">
          <input type="checkbox" checked={each} onChange={(e) => setEach(e.target.checked)} />
          Each beneficiary on its own line
        </label>
      </div>
      {shown.length === 0 ? (
        <Banner tone="info">No status changes recorded.</Banner>
      ) : (
        <div className="scroll-box history-box">
          <Table
            label="Status history"
            rows={shown}
            rowKey={(_h, i) => i}
            columns={[
              { key: 'at', header: 'When', width: '160px', render: (h) => formatDateTime(h.at) },
              { key: 'what', header: 'What', wrap: true, render: (h) => h.label },
              {
                key: 'change',
                header: 'Change',
                render: (h) => (
                  <span className="change">
                    {h.fromStatus ? (
                      <StatusChip status={h.fromStatus} />
                    ) : (
                      <span className="muted small">new</span>
                    )}
                    <span className="arrow" aria-hidden="true">
                      →
                    </span>
                    <StatusChip status={h.toStatus} />
                  </span>
                ),
              },
              {
                key: 'reason',
                header: 'Reason',
                wrap: true,
                render: (h) => (
                  <>
                    {h.reason ?? <span className="muted">—</span>}
                    {h.note && <span className="history-note text-error">, {h.note}</span>}
                  </>
                ),
              },
            ]}
          />
        </div>
      )}
    </section>
  );
}

export function Revisions({ rows }: { rows: PiRow[] }) {
  return (
    <section className="section">
      <div className="section-head">
        <h2>Revised PIs</h2>
      </div>
      <Table
        label="Revised PIs"
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          {
            key: 'bill',
            header: 'Bill no.',
            render: (r) => (
              <a className="link mono" href={hrefFor('pi', r.id)}>
                {r.billNo}
              </a>
            ),
          },
          { key: 'date', header: 'Bill date', render: (r) => formatTreasuryDate(r.billDate) },
          {
            key: 'benf',
            header: 'Beneficiaries',
            align: 'right',
            render: (r) => formatCount(r.beneficiaryCount),
          },
          {
            key: 'gross',
            header: 'Gross',
            align: 'right',
            render: (r) => <Money paise={r.grossPaise} />,
          },
          { key: 'status', header: 'Status', render: (r) => <StatusChip status={r.status} /> },
          {
            key: 'msg',
            header: 'Last message',
            wrap: true,
            render: (r) => <OutcomeText outcome={r.lastOutcome} message={r.lastMessage} />,
          },
        ]}
      />
    </section>
  );
}
