// The payments list with a checkbox per payment that may be pushed: Space toggles the focused
// box, Shift+click ticks a range. Each row says how far its beneficiaries got, or why its
// last push was refused.
import { useRef } from 'react';
import type { PaymentRow } from '../../../../shared/types';
import { Table } from '../../components/Table';
import { Money, StatusChip } from '../../components/ui';
import { formatCount, formatDateTime } from '../../format';
import { hrefFor } from '../../store/router';
import { progressText } from './progress';

export function PaymentsTable({
  rows,
  selected,
  onSelect,
  busy,
  onPush,
  pushingId,
}: {
  rows: readonly PaymentRow[];
  selected: ReadonlySet<number>;
  onSelect(next: Set<number>): void;
  busy: boolean;
  onPush(p: PaymentRow): void;
  pushingId: number | null;
}) {
  const anchor = useRef<number | null>(null);
  const pushable = rows.filter((r) => r.canPush);
  const all = pushable.length > 0 && pushable.every((r) => selected.has(r.id));

  function toggle(p: PaymentRow, on: boolean, shift: boolean) {
    const next = new Set(selected);
    const from = anchor.current === null ? -1 : rows.findIndex((r) => r.id === anchor.current);
    const to = rows.findIndex((r) => r.id === p.id);
    const range = shift && from >= 0 ? rows.slice(Math.min(from, to), Math.max(from, to) + 1) : [p];
    for (const r of range) {
      if (!r.canPush) continue;
      if (on) next.add(r.id);
      else next.delete(r.id);
    }
    anchor.current = p.id;
    onSelect(next);
  }

  return (
    <Table
      label="Payments"
      rows={rows}
      rowKey={(p) => p.id}
      rowClass={(p) => (selected.has(p.id) ? 'selected' : undefined)}
      columns={[
        {
          key: 'pick',
          width: '34px',
          header: (
            <input
              type="checkbox"
              aria-label="Select every payment that can be pushed"
              checked={all}
              disabled={busy || pushable.length === 0}
              onChange={(e) =>
                onSelect(e.target.checked ? new Set(pushable.map((r) => r.id)) : new Set())
              }
            />
          ),
          render: (p) =>
            p.canPush ? (
              <input
                type="checkbox"
                aria-label={`Select ${p.paymentNumber}`}
                checked={selected.has(p.id)}
                disabled={busy}
                onClick={(e) => {
                  toggle(p, e.currentTarget.checked, e.shiftKey);
                }}
                onChange={() => undefined}
              />
            ) : null,
        },
        {
          key: 'no',
          header: 'Payment no.',
          render: (p) => <span className="mono">{p.paymentNumber}</span>,
        },
        {
          key: 'hoa',
          header: 'ULB · head of account',
          render: (p) => (
            <span className="pay-head" title={p.hoa ?? undefined}>
              <span className="muted small">{p.tenantId}</span>
              {p.hoa ? (
                <span className="mono small">{p.hoa.replace(/(-00)+$/, '')}</span>
              ) : (
                <span className="muted small">any head, by priority</span>
              )}
            </span>
          ),
        },
        {
          key: 'benf',
          header: 'Benef.',
          align: 'right',
          render: (p) => formatCount(p.beneficiaryCount),
        },
        {
          key: 'gross',
          header: 'Gross',
          align: 'right',
          render: (p) => <Money paise={p.grossPaise} />,
        },
        {
          key: 'pi',
          header: 'Latest PI',
          wrap: true,
          render: (p) =>
            p.latestPiId ? (
              <span className="pay-pi">
                <a className="link mono small" href={hrefFor('pi', p.latestPiId)}>
                  {p.latestBillNo}
                </a>
                <StatusChip status={p.latestStatus} />
              </span>
            ) : (
              <span className="muted">not pushed</span>
            ),
        },
        {
          key: 'outcome',
          header: 'Outcome',
          wrap: true,
          render: (p) => <Outcome p={p} />,
        },
        {
          key: 'push',
          header: '',
          align: 'right',
          render: (p) =>
            p.canPush ? (
              <button
                type="button"
                className="btn btn-small"
                disabled={busy}
                title={
                  p.latestPiId
                    ? 'The latest PI failed or was declined: push a new PI'
                    : 'Create a PI and send it to the treasury'
                }
                onClick={() => onPush(p)}
              >
                {pushingId === p.id ? 'Pushing…' : p.latestPiId ? 'Push again' : 'Push'}
              </button>
            ) : null,
        },
      ]}
    />
  );
}

function Outcome({ p }: { p: PaymentRow }) {
  const progress = progressText(p);
  if (p.refusal && p.canPush) {
    return (
      <span className="pay-refusal text-error" role="note">
        <strong>Push refused</strong> ({formatDateTime(p.refusal.at)}): {p.refusal.message}
      </span>
    );
  }
  if (progress)
    return (
      <span
        className={`pay-progress ${p.progress!.failed > 0 ? 'text-warn' : p.progress!.paid === p.progress!.total ? 'text-ok' : ''}`}
      >
        {progress}
      </span>
    );
  if (p.latestPiId) return <span className="muted small">PI in progress</span>;
  return <span className="muted small">—</span>;
}
