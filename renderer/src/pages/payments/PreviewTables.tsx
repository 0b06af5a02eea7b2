// The funds preview as tables: per head, per sanction, and per payment in push order.
import type { PushPreview } from '../../../../shared/push-preview';
import { Table } from '../../components/Table';
import { Money } from '../../components/ui';

export function PreviewTables({ preview }: { preview: PushPreview }) {
  return (
    <div className="pay-preview">
      <h3>Per head of account</h3>
      <Table
        label="Funds per head of account"
        rows={preview.heads}
        rowKey={(h) => `${h.tenantId} ${h.hoa}`}
        columns={[
          {
            key: 'hoa',
            header: 'Head of account',
            render: (h) => <span className="mono small">{h.hoa}</span>,
          },
          {
            key: 'av',
            header: 'Available',
            align: 'right',
            render: (h) => <Money paise={h.availablePaise} />,
          },
          {
            key: 'takes',
            header: 'These pushes take',
            align: 'right',
            render: (h) => <Money paise={h.takesPaise} />,
          },
          {
            key: 'left',
            header: 'Left after',
            align: 'right',
            render: (h) => <Money paise={h.leftPaise} strong />,
          },
        ]}
      />
      <h3>Per sanction</h3>
      <Table
        label="Funds per sanction"
        rows={preview.sanctions}
        rowKey={(s) => s.sanctionId}
        columns={[
          {
            key: 'dist',
            header: 'Sanction',
            render: (s) => <span className="mono small">{s.mstAllotmentDistId}</span>,
          },
          {
            key: 'hoa',
            header: 'Head of account',
            render: (s) => <span className="mono small">{s.hoa}</span>,
          },
          {
            key: 'av',
            header: 'Available',
            align: 'right',
            render: (s) => <Money paise={s.availablePaise} />,
          },
          {
            key: 'takes',
            header: 'Takes',
            align: 'right',
            render: (s) => <Money paise={s.takesPaise} />,
          },
          {
            key: 'left',
            header: 'Left after',
            align: 'right',
            render: (s) => <Money paise={s.leftPaise} strong />,
          },
        ]}
      />
      <h3>Payments, in push order</h3>
      <Table
        label="Payments to push"
        rows={preview.payments}
        rowKey={(p) => p.paymentId}
        rowClass={(p) => (p.refusal ? 'pay-refused' : undefined)}
        columns={[
          {
            key: 'no',
            header: 'Payment no.',
            render: (p) => <span className="mono">{p.paymentNumber}</span>,
          },
          {
            key: 'gross',
            header: 'Gross',
            align: 'right',
            render: (p) => <Money paise={p.grossPaise} />,
          },
          {
            key: 'from',
            header: 'Paid from',
            wrap: true,
            render: (p) =>
              p.refusal ? (
                <span className="text-error">Would be refused: {p.refusal}</span>
              ) : (
                <span className="mono small">{p.mstAllotmentDistId}</span>
              ),
          },
        ]}
      />
    </div>
  );
}
