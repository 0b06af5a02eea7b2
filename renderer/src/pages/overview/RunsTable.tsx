// The latest run of each nightly service and how it ended.
import type { Overview } from '../../../../shared/overview';
import type { JobRunRow } from '../../../../shared/types';
import { Table } from '../../components/Table';
import { Chip } from '../../components/ui';
import { formatCount, formatDateTime, formatDuration, type Tone } from '../../format';

function outcome(run: JobRunRow): { tone: Tone; text: string } {
  if (run.state === 'running') return { tone: 'progress', text: 'Running' };
  if (run.state === 'interrupted') return { tone: 'warn', text: 'Interrupted' };
  if (run.state === 'failed') return { tone: 'error', text: 'Failed' };
  if (run.failures > 0)
    return { tone: 'warn', text: `Done, ${formatCount(run.failures)} without answer` };
  return { tone: 'ok', text: 'Done' };
}

export function RunsTable({ runs }: { runs: Overview['runs'] }) {
  return (
    <Table
      label="Last run per service"
      rows={runs}
      rowKey={(r) => r.service}
      columns={[
        { key: 'service', header: 'Service', render: (r) => <strong>{r.service}</strong> },
        {
          key: 'started',
          header: 'Started',
          render: (r) => (r.lastRun ? formatDateTime(r.lastRun.startedAt) : 'Never run'),
        },
        {
          key: 'outcome',
          header: 'Outcome',
          render: (r) => {
            if (!r.lastRun) return <span className="muted">—</span>;
            const o = outcome(r.lastRun);
            return <Chip tone={o.tone}>{o.text}</Chip>;
          },
        },
        {
          key: 'done',
          header: 'Checked',
          align: 'right',
          render: (r) =>
            r.lastRun ? `${formatCount(r.lastRun.done)} of ${formatCount(r.lastRun.total)}` : '—',
        },
        {
          key: 'took',
          header: 'Took',
          align: 'right',
          render: (r) =>
            r.lastRun?.finishedAt
              ? formatDuration(r.lastRun.finishedAt - r.lastRun.startedAt)
              : '—',
        },
        {
          key: 'message',
          header: 'Message',
          wrap: true,
          render: (r) => r.lastRun?.message ?? <span className="muted">—</span>,
        },
      ]}
    />
  );
}
