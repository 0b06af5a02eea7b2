// The Overview's two charts (recharts). Each is drawn for the eye and also given as a table
// with the exact figures, which is what a screen reader reads.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Overview } from '../../../../shared/overview';
import { Table } from '../../components/Table';
import { Money } from '../../components/ui';
import { formatCount, formatInr } from '../../format';

/** Axis ticks in lakh and crore, as Indian offices read large sums. */
function compactInr(paise: number): string {
  const rupees = paise / 100;
  if (rupees >= 1e7) return `₹${(rupees / 1e7).toFixed(1)} Cr`;
  if (rupees >= 1e5) return `₹${(rupees / 1e5).toFixed(1)} L`;
  return formatInr(paise).replace(/\.\d\d$/, '');
}

/** "2217-05-191-2634-01-00-00-00" → "2217-05-191-2634-01": the trailing zero groups say nothing. */
function shortHead(hoa: string): string {
  return hoa.replace(/(-00)+$/, '');
}

export function PiStatusChart({ pis }: { pis: Overview['pis'] }) {
  const total = pis.reduce((s, p) => s + p.original + p.revised, 0);
  return (
    <div className="ov-chart-pair">
      <div
        className="ov-chart"
        role="img"
        aria-label={`Bar chart of ${formatCount(total)} payment instructions by status; the table beside it has the figures.`}
      >
        <ResponsiveContainer width="100%" height={230}>
          <BarChart data={pis} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="status" tick={{ fontSize: 11 }} interval={0} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar
              dataKey="original"
              name="PIs"
              stackId="pi"
              fill="#1f5fbf"
              isAnimationActive={false}
            />
            <Bar
              dataKey="revised"
              name="Revised PIs"
              stackId="pi"
              fill="#7aa7e6"
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <Table
        label="Payment instructions by status"
        rows={pis}
        rowKey={(p) => p.status}
        columns={[
          { key: 'status', header: 'Status', render: (p) => p.status },
          { key: 'pi', header: 'PIs', align: 'right', render: (p) => formatCount(p.original) },
          { key: 'cor', header: 'Revised', align: 'right', render: (p) => formatCount(p.revised) },
        ]}
      />
    </div>
  );
}

export function FundsChart({ heads }: { heads: Overview['heads'] }) {
  return (
    <div className="ov-chart-pair ov-chart-stack">
      <div
        className="ov-chart"
        role="img"
        aria-label="Bar chart of funds allotted, used and available per head of account; the table below has the amounts."
      >
        <ResponsiveContainer width="100%" height={230}>
          <BarChart data={heads} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="hoa" tick={{ fontSize: 10 }} interval={0} tickFormatter={shortHead} />
            <YAxis tick={{ fontSize: 11 }} tickFormatter={compactInr} width={70} />
            <Tooltip formatter={(v) => formatInr(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="allottedPaise" name="Allotted" fill="#1f5fbf" isAnimationActive={false} />
            <Bar dataKey="usedPaise" name="Used" fill="#c77d00" isAnimationActive={false} />
            <Bar
              dataKey="availablePaise"
              name="Available"
              fill="#1b6a37"
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <Table
        label="Funds per head of account"
        rows={heads}
        rowKey={(h) => `${h.tenantId} ${h.hoa}`}
        columns={[
          {
            key: 'hoa',
            header: 'Head of account',
            render: (h) => <span className="mono small">{h.hoa}</span>,
          },
          {
            key: 'allotted',
            header: 'Allotted',
            align: 'right',
            render: (h) => <Money paise={h.allottedPaise} />,
          },
          {
            key: 'used',
            header: 'Used',
            align: 'right',
            render: (h) => <Money paise={h.usedPaise} />,
          },
          {
            key: 'available',
            header: 'Available',
            align: 'right',
            render: (h) => <Money paise={h.availablePaise} strong />,
          },
        ]}
      />
    </div>
  );
}
