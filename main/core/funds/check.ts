// The conservation and funds check: everything that must hold whatever the order of events.
// Read-only; lists every breach it finds rather than stopping at the first.
import type { AppContext } from '../context';
import type { Conn } from '../../ledger/conn';
import type { Breach, CheckResult } from '../../../shared/types';
import type { BeneficiaryStatus, PiKind, PiStatus } from '../../../shared/status';
import { rupees } from '../../../shared/money';
import { checkExchangeFunds } from '../exchange/funds';
import { checkLiveBills } from './check-bills';

export async function runCheck(app: AppContext): Promise<CheckResult> {
  const at = app.now();
  // A damaged file is reported as such; its rows are not worth checking, nor to be trusted.
  const damage = await app.ledger.quickCheck((p) => app.events.emit('check.progress', p));
  if (damage.length) {
    const breaches = damage.map((d) => ({
      kind: 'ledger' as const,
      message: `The ledger file is damaged (${d}). Stop using it and restore it from a backup.`,
      piId: null,
      sanctionId: null,
    }));
    return { ok: false, checkedAt: at, breaches };
  }
  const breaches = await checkLedger(app.ledger.read);
  return { ok: breaches.length === 0, checkedAt: at, breaches };
}

export async function checkLedger(db: Conn): Promise<Breach[]> {
  return [
    ...(await checkFunds(db)),
    ...(await checkPis(db)),
    ...(await checkLiveBills(db)),
    ...(await checkConservation(db)),
    ...(await checkExchangeFunds(db)),
  ];
}

const dead = (s: PiStatus) => s === 'Failed' || s === 'Declined';

// Each query below aggregates in SQL and returns only rows that break a rule, so the check
// holds a handful of rows in memory whatever the ledger's size; the messages are made here.
const DEAD = `('Failed', 'Declined')`;

async function checkFunds(db: Conn): Promise<Breach[]> {
  const breaches: Breach[] = [];
  const sanctions = await db.all<{
    id: number;
    distId: string;
    allotted: number | null;
    available: number | null;
    sumAllotted: number | null;
    sumAvailable: number | null;
  }>(
    `SELECT s.id, s.mst_allotment_dist_id AS distId, f.allotted_paise AS allotted, f.available_paise AS available,
            t.sumAllotted, t.sumAvailable
       FROM sanctions s LEFT JOIN funds_summary f ON f.sanction_id = s.id
       LEFT JOIN (SELECT sanction_id, sum(allotted_delta) AS sumAllotted, sum(available_delta) AS sumAvailable
                    FROM funds_transactions GROUP BY sanction_id) t ON t.sanction_id = s.id
      WHERE f.sanction_id IS NULL OR f.available_paise < 0
         OR f.allotted_paise <> coalesce(t.sumAllotted, 0) OR f.available_paise <> coalesce(t.sumAvailable, 0)
      ORDER BY s.id`,
  );
  for (const s of sanctions) {
    const b = (message: string) =>
      breaches.push({ kind: 'funds', message, piId: null, sanctionId: s.id });
    if (s.allotted === null || s.available === null) {
      b(`Sanction ${s.distId} has no funds summary row.`);
      continue;
    }
    if (s.allotted !== (s.sumAllotted ?? 0) || s.available !== (s.sumAvailable ?? 0)) {
      b(
        `Sanction ${s.distId}: summary says allotted ${s.allotted}, available ${s.available} paise; its transactions add up to ${s.sumAllotted ?? 0} and ${s.sumAvailable ?? 0}.`,
      );
    }
    if (s.available < 0)
      b(`Sanction ${s.distId} has negative available funds (${s.available} paise).`);
  }
  // Failed amounts moved to a new payment were released from the debit of their chain's
  // original PI: walk each moved beneficiary's PI up to that root.
  const pis = await db.all<{
    id: number;
    billNo: string;
    kind: PiKind;
    status: PiStatus;
    gross: number;
    debits: number;
    net: number;
    sanctions: number;
    moved: number;
  }>(
    `WITH RECURSIVE
       up(at, amount) AS (
         SELECT pi_id, amount_paise FROM beneficiaries WHERE moved_to_payment_id IS NOT NULL
         UNION ALL
         SELECT p.parent_pi_id, up.amount FROM up JOIN pis p ON p.id = up.at WHERE p.parent_pi_id IS NOT NULL),
       moved(root, amount) AS (
         SELECT up.at, sum(up.amount) FROM up JOIN pis p ON p.id = up.at WHERE p.parent_pi_id IS NULL GROUP BY up.at),
       tx(pi_id, debits, net, sanctions) AS (
         SELECT pi_id, sum(kind = 'pi_debit'), sum(available_delta), count(DISTINCT sanction_id)
           FROM funds_transactions WHERE pi_id IS NOT NULL GROUP BY pi_id),
       pi(id, billNo, kind, status, gross, debits, net, sanctions, moved) AS (
         SELECT p.id, p.bill_no, p.kind, p.status, p.gross_paise, coalesce(tx.debits, 0), coalesce(tx.net, 0),
                coalesce(tx.sanctions, 0), coalesce(m.amount, 0)
           FROM pis p LEFT JOIN tx ON tx.pi_id = p.id LEFT JOIN moved m ON m.root = p.id)
     SELECT * FROM pi
      WHERE CASE WHEN kind = 'COR' THEN net <> 0 OR debits <> 0
                 WHEN status IN ${DEAD} THEN net <> 0
                 ELSE debits <> 1 OR net <> moved - gross OR sanctions > 1 END
      ORDER BY id`,
  );
  for (const p of pis) {
    const b = (message: string) =>
      breaches.push({ kind: 'funds', message, piId: p.id, sanctionId: null });
    const net = p.net;
    const held = p.gross - p.moved;
    if (p.kind === 'COR') {
      // A revised PI pays from the original's debit: it must move no funds of its own.
      if (net !== 0 || p.debits !== 0)
        b(`Revised PI ${p.billNo} has funds transactions of its own (net ${net} paise).`);
    } else if (dead(p.status)) {
      if (net !== 0) b(`${p.billNo} is ${p.status} but still holds ${-net} paise.`);
    } else {
      if (p.debits !== 1)
        b(`${p.billNo} (${p.status}) has ${p.debits} debits; it must have exactly one.`);
      if (net !== -held)
        b(
          `${p.billNo} (${p.status}) holds ${-net} paise; it should hold ${held} (gross ${p.gross}).`,
        );
      if (p.sanctions > 1) b(`${p.billNo} has funds transactions on ${p.sanctions} sanctions.`);
    }
  }
  return breaches;
}

async function checkPis(db: Conn): Promise<Breach[]> {
  const breaches: Breach[] = [];
  const sums = await db.all<{
    id: number;
    billNo: string;
    kind: PiKind;
    status: PiStatus;
    gross: number;
    benSum: number | null;
    paymentGross: number | null;
    livePaid: number;
  }>(
    `WITH b(pi_id, benSum, livePaid) AS (
       SELECT pi_id, sum(amount_paise), sum(status IN ('Payment In Process', 'Payment Successful', 'Payment Failed'))
         FROM beneficiaries GROUP BY pi_id)
     SELECT p.id, p.bill_no AS billNo, p.kind, p.status, p.gross_paise AS gross, b.benSum,
            pay.gross_paise AS paymentGross, coalesce(b.livePaid, 0) AS livePaid
       FROM pis p LEFT JOIN payments pay ON pay.id = p.payment_id LEFT JOIN b ON b.pi_id = p.id
      WHERE coalesce(b.benSum, 0) <> p.gross_paise
         OR (p.kind = 'PI' AND pay.gross_paise <> p.gross_paise)
         OR (p.status IN ${DEAD} AND b.livePaid > 0)
      ORDER BY p.id`,
  );
  for (const p of sums) {
    const b = (message: string) =>
      breaches.push({ kind: 'ledger', message, piId: p.id, sanctionId: null });
    if ((p.benSum ?? 0) !== p.gross)
      b(`${p.billNo}: beneficiaries add up to ${p.benSum ?? 0} paise, gross is ${p.gross}.`);
    if (p.kind === 'PI' && p.paymentGross !== null && p.paymentGross !== p.gross) {
      b(`${p.billNo}: gross ${p.gross} paise differs from its payment's ${p.paymentGross}.`);
    }
    if (dead(p.status) && p.livePaid > 0)
      b(
        `${p.billNo} is ${p.status} (funds released) but ${p.livePaid} beneficiaries were paid or are being paid.`,
      );
  }
  return breaches;
}

interface Ben {
  id: number;
  piId: number;
  billNo: string;
  benfId: string;
  parentId: number | null;
  amount: number;
  status: BeneficiaryStatus;
  piKind: PiKind;
  piStatus: PiStatus;
}

interface Split {
  paid: number;
  inFlight: number;
  failed: number;
}

const BEN_COLUMNS = `
SELECT b.id, b.pi_id AS piId, p.bill_no AS billNo, b.benf_id AS benfId, b.parent_beneficiary_id AS parentId,
       b.amount_paise AS amount, b.status, p.kind AS piKind, p.status AS piStatus`;
const BEN_SELECT = `${BEN_COLUMNS} FROM beneficiaries b JOIN pis p ON p.id = b.pi_id`;

/**
 * Per beneficiary of an original PI: amount = paid + in flight + failed and not revised.
 * One with no live revision holds its whole amount in exactly one of the three and breaks
 * no rule, so only the trees below beneficiaries that a live revised PI pays again are read.
 */
async function checkConservation(db: Conn): Promise<Breach[]> {
  const rows = await db.all<Ben>(
    `WITH RECURSIVE
       kid(id, parent) AS (
         SELECT b.id, b.parent_beneficiary_id FROM beneficiaries b JOIN pis p ON p.id = b.pi_id
          WHERE b.parent_beneficiary_id > 0 AND p.status NOT IN ${DEAD}),
       tree(id) AS (
         SELECT DISTINCT r.id FROM kid JOIN beneficiaries r ON r.id = kid.parent JOIN pis rp ON rp.id = r.pi_id
          WHERE rp.kind = 'PI' AND rp.status NOT IN ${DEAD}
         UNION
         SELECT kid.id FROM kid JOIN tree ON kid.parent = tree.id)
     ${BEN_SELECT} WHERE b.id IN (SELECT id FROM tree) ORDER BY b.id`,
  );
  const children = new Map<number, Ben[]>();
  for (const r of rows) {
    if (r.parentId === null || dead(r.piStatus)) continue;
    const list = children.get(r.parentId) ?? [];
    list.push(r);
    children.set(r.parentId, list);
  }
  const breaches: Breach[] = [];
  const split = (node: Ben): Split => {
    const kids = children.get(node.id) ?? [];
    const b = (message: string) =>
      breaches.push({ kind: 'conservation', message, piId: node.piId, sanctionId: null });
    if (kids.length > 0 && node.status !== 'Payment Failed')
      b(`${node.benfId} on ${node.billNo} is ${node.status} but also paid again by a revised PI.`);
    for (const k of kids) {
      if (k.amount !== node.amount)
        b(
          `${node.benfId}: revised PI ${k.billNo} pays ${k.amount} paise for a failed ${node.amount}.`,
        );
    }
    const own: Split = { paid: 0, inFlight: 0, failed: 0 };
    if (node.status === 'Payment Successful') own.paid = node.amount;
    else if (node.status === 'Payment Failed') own.failed = kids.length ? 0 : node.amount;
    else own.inFlight = node.amount;
    return kids.map(split).reduce(
      (a, c) => ({
        paid: a.paid + c.paid,
        inFlight: a.inFlight + c.inFlight,
        failed: a.failed + c.failed,
      }),
      own,
    );
  };
  for (const r of rows) {
    if (r.piKind !== 'PI' || dead(r.piStatus)) continue;
    const s = split(r);
    if (s.paid + s.inFlight + s.failed !== r.amount) {
      breaches.push({
        kind: 'conservation',
        message: `${r.benfId} on ${r.billNo}: Rs. ${rupees(r.amount)} ≠ paid ${rupees(s.paid)} + in flight ${rupees(s.inFlight)} + failed ${rupees(s.failed)}.`,
        piId: r.piId,
        sanctionId: null,
      });
    }
  }
  const orphans = await db.all<Ben>(
    // From the revised PIs, not from the index of parents: nearly every beneficiary has none.
    `${BEN_COLUMNS} FROM pis p CROSS JOIN beneficiaries b ON b.pi_id = p.id
      WHERE p.kind = 'COR' AND b.parent_beneficiary_id IS NULL ORDER BY b.id`,
  );
  for (const o of orphans) {
    breaches.push({
      kind: 'conservation',
      message: `${o.benfId} on revised PI ${o.billNo} pays no failed beneficiary.`,
      piId: o.piId,
      sanctionId: null,
    });
  }
  return breaches;
}
