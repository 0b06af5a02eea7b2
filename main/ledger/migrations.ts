// Numbered migrations. Never edit a released one: add the next number. Each runs in its own
// transaction and sets user_version in it, so a failure leaves the file as it was.
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Rebuilds tables others point at: run with foreign keys off (SQLite's documented way to
   * change a table's keys; otherwise a rename rewrites the other tables' REFERENCES), then
   * checked with foreign_key_check before the commit.
   */
  rebuildsTables?: boolean;
}

/**
 * An account number's last 4 to 16 characters as one space-separated token each, for the
 * search index. Used by released migrations: never change what it returns.
 */
function accountTail(column: string): string {
  return Array.from({ length: 13 }, (_, i) => `substr(${column}, -${i + 4})`).join(" || ' ' || ");
}

/**
 * The lowest row of a revised PI that paid this parent row again (succeeded, or failed in its
 * turn), as a scalar subquery. Used by a released migration: never change what it returns.
 */
function lowestPaidAgain(parent: string): string {
  return `(SELECT min(c.id) FROM beneficiaries c
    WHERE c.parent_beneficiary_id = ${parent} AND c.status IN ('Payment Successful', 'Payment Failed'))`;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'ledger',
    sql: `
CREATE TABLE heads_of_account (
  hoa            TEXT PRIMARY KEY,
  tenant_id      TEXT NOT NULL,
  ddo_code       TEXT NOT NULL,
  grantee_code   TEXT NOT NULL,
  ssu_ia_id      TEXT NOT NULL,
  effective_date TEXT NOT NULL,             -- yyyy-MM-dd HH:mm:ss, India time: first VA fromDate
  priority       INTEGER NOT NULL DEFAULT 0 -- head-of-account order when picking a sanction
);

CREATE TABLE sanctions (
  id                    INTEGER PRIMARY KEY,
  mst_allotment_dist_id TEXT NOT NULL UNIQUE,
  tenant_id             TEXT NOT NULL,
  hoa                   TEXT NOT NULL REFERENCES heads_of_account(hoa),
  ddo_code              TEXT NOT NULL,
  grantee_ag_code       TEXT NOT NULL,
  scheme_code           TEXT,
  scheme_name           TEXT,
  ssu_ia_id             TEXT NOT NULL,
  created_at            INTEGER NOT NULL
);

CREATE TABLE allotments (
  id                       INTEGER PRIMARY KEY,
  sanction_id              INTEGER REFERENCES sanctions(id),
  mst_allotment_dist_id    TEXT NOT NULL,
  ssu_allotment_id         TEXT NOT NULL,
  allotment_txn_sl_no      TEXT NOT NULL,
  txn_type                 TEXT NOT NULL,
  amount_paise             INTEGER NOT NULL CHECK (amount_paise >= 0),
  applied_paise            INTEGER NOT NULL DEFAULT 0,
  allotment_date           TEXT,
  reported_available_paise INTEGER,
  flag                     TEXT,              -- why it was not (fully) applied; NULL when clean
  raw                      TEXT NOT NULL,
  received_at              INTEGER NOT NULL,
  UNIQUE (ssu_allotment_id, allotment_txn_sl_no)
);

-- Append-only: a balance is always the sum of its transactions (see triggers below).
CREATE TABLE funds_transactions (
  id              INTEGER PRIMARY KEY,
  sanction_id     INTEGER NOT NULL REFERENCES sanctions(id),
  kind            TEXT NOT NULL CHECK (kind IN ('allotment', 'withdrawal', 'pi_debit', 'pi_release')),
  allotted_delta  INTEGER NOT NULL,
  available_delta INTEGER NOT NULL,
  allotment_id    INTEGER REFERENCES allotments(id),
  pi_id           INTEGER,
  note            TEXT,
  at              INTEGER NOT NULL
);

-- Maintained only by the trigger on funds_transactions; the CHECK makes overspending
-- impossible even if two pushes race: the second debit aborts its whole transaction.
CREATE TABLE funds_summary (
  sanction_id     INTEGER PRIMARY KEY REFERENCES sanctions(id),
  allotted_paise  INTEGER NOT NULL DEFAULT 0,
  available_paise INTEGER NOT NULL DEFAULT 0 CHECK (available_paise >= 0)
);

CREATE TRIGGER sanction_summary AFTER INSERT ON sanctions BEGIN
  INSERT INTO funds_summary (sanction_id) VALUES (NEW.id);
END;
CREATE TRIGGER funds_tx_apply AFTER INSERT ON funds_transactions BEGIN
  UPDATE funds_summary
     SET allotted_paise = allotted_paise + NEW.allotted_delta,
         available_paise = available_paise + NEW.available_delta
   WHERE sanction_id = NEW.sanction_id;
END;
CREATE TRIGGER funds_tx_no_update BEFORE UPDATE ON funds_transactions BEGIN
  SELECT RAISE(ABORT, 'funds_transactions is append-only');
END;
CREATE TRIGGER funds_tx_no_delete BEFORE DELETE ON funds_transactions BEGIN
  SELECT RAISE(ABORT, 'funds_transactions is append-only');
END;

CREATE TABLE payments (
  id             INTEGER PRIMARY KEY,
  payment_number TEXT NOT NULL UNIQUE,
  tenant_id      TEXT NOT NULL,
  hoa            TEXT NOT NULL REFERENCES heads_of_account(hoa),
  purpose        TEXT NOT NULL DEFAULT '',
  gross_paise    INTEGER NOT NULL CHECK (gross_paise > 0),
  net_paise      INTEGER NOT NULL CHECK (net_paise > 0),
  source_file    TEXT,
  imported_at    INTEGER NOT NULL
);

CREATE TABLE payment_beneficiaries (
  id               INTEGER PRIMARY KEY,
  payment_id       INTEGER NOT NULL REFERENCES payments(id),
  line_no          INTEGER,
  benef_id         TEXT NOT NULL,
  name             TEXT NOT NULL,
  account_no       TEXT NOT NULL,
  ifsc             TEXT NOT NULL,
  mobile           TEXT,
  email            TEXT,
  address          TEXT,
  account_type     TEXT,
  beneficiary_type TEXT,
  amount_paise     INTEGER NOT NULL CHECK (amount_paise > 0),
  UNIQUE (payment_id, benef_id)
);

CREATE TABLE pis (
  id                 INTEGER PRIMARY KEY,
  kind               TEXT NOT NULL CHECK (kind IN ('PI', 'COR')),
  bill_no            TEXT NOT NULL UNIQUE,
  bill_date          TEXT NOT NULL,          -- yyyy-MM-dd, India time
  payment_id         INTEGER REFERENCES payments(id),
  parent_pi_id       INTEGER REFERENCES pis(id),
  sanction_id        INTEGER REFERENCES sanctions(id),
  hoa                TEXT NOT NULL,
  ddo_code           TEXT NOT NULL,
  grantee_code       TEXT NOT NULL,
  ssu_ia_id          TEXT NOT NULL,
  scheme_code        TEXT,
  mst_allotment_dist_id TEXT,
  ssu_allotment_id   TEXT,
  allotment_txn_sl_no TEXT,
  purpose            TEXT NOT NULL DEFAULT '',
  gross_paise        INTEGER NOT NULL CHECK (gross_paise > 0),
  net_paise          INTEGER NOT NULL CHECK (net_paise > 0),
  status             TEXT NOT NULL CHECK (status IN ('Pending','Initiated','Approved','In Process','Completed','Failed','Declined')),
  pmt_inst_id        TEXT,
  pay_inst_date      TEXT,
  fin_year           TEXT,
  voucher_no         TEXT,
  voucher_date       TEXT,
  completed_at       INTEGER,
  last_message       TEXT,
  last_outcome       TEXT,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
);

-- Payment advice details from PAG (and for a revised PI, from FTPS).
CREATE TABLE payment_advice (
  pi_id              INTEGER PRIMARY KEY REFERENCES pis(id),
  advice_id          TEXT,
  advice_date        TEXT,
  online_bill_ref_no TEXT NOT NULL,
  token_number       TEXT NOT NULL,
  token_date         TEXT NOT NULL,
  fin_year           TEXT,
  received_at        INTEGER NOT NULL
);

CREATE TABLE beneficiaries (
  id                     INTEGER PRIMARY KEY,
  pi_id                  INTEGER NOT NULL REFERENCES pis(id),
  benf_id                TEXT NOT NULL,
  payment_beneficiary_id INTEGER REFERENCES payment_beneficiaries(id),
  parent_beneficiary_id  INTEGER REFERENCES beneficiaries(id), -- on a revised PI: the failed row it pays again
  name                   TEXT NOT NULL,
  account_no             TEXT NOT NULL,
  ifsc                   TEXT NOT NULL,
  org_account_no         TEXT,                                -- on a revised PI: the details that failed
  org_ifsc               TEXT,
  mobile                 TEXT,
  email                  TEXT,
  address                TEXT,
  account_type           TEXT,
  amount_paise           INTEGER NOT NULL CHECK (amount_paise > 0),
  status                 TEXT NOT NULL CHECK (status IN ('Payment Pending','Payment Initiated','Payment In Process','Payment Successful','Payment Failed')),
  utr_no                 TEXT,
  utr_date               TEXT,
  end_to_end_id          TEXT,
  voucher_no             TEXT,
  voucher_date           TEXT,
  failed_reason          TEXT,
  challan_number         TEXT,
  challan_date           TEXT,
  org_bill_ref_no        TEXT,
  updated_at             INTEGER NOT NULL,
  UNIQUE (pi_id, benf_id)
);

-- Every treasury call, decrypted, without keys or tokens.
CREATE TABLE treasury_calls (
  id           INTEGER PRIMARY KEY,
  service      TEXT NOT NULL,
  pi_id        INTEGER REFERENCES pis(id),
  call_key     TEXT,                -- what the call was about when it is not a PI (VA: the head of account)
  run_id       INTEGER,
  attempt      INTEGER NOT NULL DEFAULT 1,
  started_at   INTEGER NOT NULL,
  duration_ms  INTEGER NOT NULL,
  outcome      TEXT NOT NULL CHECK (outcome IN ('NO_RESPONSE', 'ERROR', 'OK')),
  message      TEXT NOT NULL,
  http_status  INTEGER,
  request_json TEXT,
  response_json TEXT,
  error_detail TEXT
);

-- The audit trail: every status change of a PI or a beneficiary, with the call that caused it.
CREATE TABLE status_history (
  id             INTEGER PRIMARY KEY,
  pi_id          INTEGER NOT NULL REFERENCES pis(id),
  beneficiary_id INTEGER REFERENCES beneficiaries(id),
  from_status    TEXT,
  to_status      TEXT NOT NULL,
  reason         TEXT,
  call_id        INTEGER REFERENCES treasury_calls(id),
  at             INTEGER NOT NULL
);

-- One message per beneficiary, event and UTR, ever: the UNIQUE key enforces it.
CREATE TABLE sms_outbox (
  id             INTEGER PRIMARY KEY,
  beneficiary_id INTEGER NOT NULL REFERENCES beneficiaries(id),
  event          TEXT NOT NULL CHECK (event IN ('PD', 'FD')),
  utr_no         TEXT NOT NULL,
  mobile         TEXT,
  body           TEXT NOT NULL,
  status         TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts       INTEGER NOT NULL DEFAULT 0,
  call_id        INTEGER REFERENCES treasury_calls(id),
  created_at     INTEGER NOT NULL,
  sent_at        INTEGER,
  UNIQUE (beneficiary_id, event, utr_no)
);

CREATE TABLE sms_attempts (
  id     INTEGER PRIMARY KEY,
  sms_id INTEGER NOT NULL REFERENCES sms_outbox(id),
  at     INTEGER NOT NULL,
  ok     INTEGER NOT NULL,
  detail TEXT
);
`,
  },
  {
    version: 2,
    name: 'jobs and settings',
    sql: `
CREATE TABLE job_runs (
  id            INTEGER PRIMARY KEY,
  service       TEXT NOT NULL,
  trigger       TEXT NOT NULL CHECK (trigger IN ('schedule', 'catch-up', 'manual')),
  scheduled_for INTEGER,
  started_at    INTEGER NOT NULL,
  finished_at   INTEGER,
  state         TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed', 'interrupted')),
  total         INTEGER NOT NULL DEFAULT 0,
  done          INTEGER NOT NULL DEFAULT 0,
  failures      INTEGER NOT NULL DEFAULT 0,
  message       TEXT
);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE bill_sequences (prefix TEXT PRIMARY KEY, next_seq INTEGER NOT NULL);
`,
  },
  {
    version: 3,
    name: 'indexes for the nightly selects and the log views',
    sql: `
CREATE INDEX pis_status ON pis (status, kind);
CREATE INDEX pis_parent ON pis (parent_pi_id);
CREATE INDEX pis_payment ON pis (payment_id);
CREATE INDEX beneficiaries_parent ON beneficiaries (parent_beneficiary_id);
CREATE INDEX calls_pi ON treasury_calls (pi_id, service, id);
CREATE INDEX calls_service ON treasury_calls (service, id);
CREATE INDEX history_pi ON status_history (pi_id, id);
CREATE INDEX sms_status ON sms_outbox (status);
CREATE INDEX funds_tx_sanction ON funds_transactions (sanction_id);
CREATE INDEX job_runs_service ON job_runs (service, started_at);
`,
  },
  {
    version: 4,
    name: 'write-ahead call rows',
    // A call row is written before the request leaves, so a crash between sending and
    // applying still leaves the call in the log; start-up closes such rows as interrupted.
    sql: `
ALTER TABLE treasury_calls ADD COLUMN in_flight INTEGER NOT NULL DEFAULT 0;
CREATE INDEX calls_in_flight ON treasury_calls (in_flight) WHERE in_flight = 1;
`,
  },
  {
    version: 5,
    name: 'failed amounts moved to a new payment',
    // Past the revised-PI window a failed amount needs a new original PI: it is released from
    // the old debit and becomes a payment of its own, remembered on both sides.
    sql: `
ALTER TABLE beneficiaries ADD COLUMN moved_to_payment_id INTEGER REFERENCES payments(id);
ALTER TABLE payments ADD COLUMN reissue_of_pi_id INTEGER REFERENCES pis(id);
`,
  },
  {
    version: 6,
    name: 'allotments keyed by sanction, allotment and serial number',
    // The real treasury sends two sanctions' Initial Allotments with the same ssuAllotmentId
    // and allotmentTxnSlNo (reference-samples/va-response.json): the old key dropped the
    // second one. SQLite cannot change a UNIQUE constraint, so the table is rebuilt with its
    // ids kept; deferred foreign keys let funds_transactions point at it again by commit.
    // Forgetting every head's VA fromDate makes the next VA ask from the effective date, so
    // an allotment dropped the old way comes back and is applied (repeats are skipped by key).
    sql: `
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE allotments_v5 AS SELECT * FROM allotments;
DROP TABLE allotments;
CREATE TABLE allotments (
  id                       INTEGER PRIMARY KEY,
  sanction_id              INTEGER REFERENCES sanctions(id),
  mst_allotment_dist_id    TEXT NOT NULL,
  ssu_allotment_id         TEXT NOT NULL,
  allotment_txn_sl_no      TEXT NOT NULL,
  txn_type                 TEXT NOT NULL,
  amount_paise             INTEGER NOT NULL CHECK (amount_paise >= 0),
  applied_paise            INTEGER NOT NULL DEFAULT 0,
  allotment_date           TEXT,
  reported_available_paise INTEGER,
  flag                     TEXT,              -- why it was not (fully) applied; NULL when clean
  raw                      TEXT NOT NULL,
  received_at              INTEGER NOT NULL,
  UNIQUE (mst_allotment_dist_id, ssu_allotment_id, allotment_txn_sl_no)
);
INSERT INTO allotments (id, sanction_id, mst_allotment_dist_id, ssu_allotment_id, allotment_txn_sl_no, txn_type,
                        amount_paise, applied_paise, allotment_date, reported_available_paise, flag, raw, received_at)
  SELECT id, sanction_id, mst_allotment_dist_id, ssu_allotment_id, allotment_txn_sl_no, txn_type,
         amount_paise, applied_paise, allotment_date, reported_available_paise, flag, raw, received_at
    FROM allotments_v5;
DROP TABLE allotments_v5;
DELETE FROM settings WHERE key LIKE 'va.fromDate.%';
`,
  },
  {
    version: 7,
    name: 'review at scale: status lists, funds by PI, full-text search',
    // Status tabs walk (status, id) in order and stop at the page; the check sums funds per
    // PI from a covering index instead of scanning every transaction per PI. Search is FTS5, kept in
    // step by triggers, so every write path (push, pollers, revisions) indexes what it writes
    // in its own transaction. Account numbers are also indexed by their last 4 to 16
    // characters, one token each, so "last digits" is an exact token match, not a scan.
    sql: `
CREATE INDEX pis_status_id ON pis (status, id);
CREATE INDEX funds_tx_pi ON funds_transactions (pi_id, kind, available_delta, sanction_id) WHERE pi_id IS NOT NULL;
CREATE INDEX beneficiaries_moved ON beneficiaries (moved_to_payment_id) WHERE moved_to_payment_id IS NOT NULL;

CREATE VIRTUAL TABLE pi_search USING fts5(bill_no, payment_number, pmt_inst_id, content='', contentless_delete=1);
CREATE VIRTUAL TABLE beneficiary_search USING fts5(name, benf_id, account_no, account_tail, utr_no, mobile, content='', contentless_delete=1, prefix='3');

INSERT INTO pi_search (rowid, bill_no, payment_number, pmt_inst_id)
SELECT p.id, p.bill_no, pay.payment_number, p.pmt_inst_id FROM pis p LEFT JOIN payments pay ON pay.id = p.payment_id;
INSERT INTO beneficiary_search (rowid, name, benf_id, account_no, account_tail, utr_no, mobile)
SELECT id, name, benf_id, account_no, ${accountTail('account_no')}, utr_no, mobile FROM beneficiaries;

CREATE TRIGGER pi_search_insert AFTER INSERT ON pis BEGIN
  INSERT INTO pi_search (rowid, bill_no, payment_number, pmt_inst_id)
  VALUES (NEW.id, NEW.bill_no, (SELECT payment_number FROM payments WHERE id = NEW.payment_id), NEW.pmt_inst_id);
END;
CREATE TRIGGER pi_search_update AFTER UPDATE OF bill_no, payment_id, pmt_inst_id ON pis
WHEN NEW.bill_no IS NOT OLD.bill_no OR NEW.payment_id IS NOT OLD.payment_id OR NEW.pmt_inst_id IS NOT OLD.pmt_inst_id BEGIN
  DELETE FROM pi_search WHERE rowid = OLD.id;
  INSERT INTO pi_search (rowid, bill_no, payment_number, pmt_inst_id)
  VALUES (NEW.id, NEW.bill_no, (SELECT payment_number FROM payments WHERE id = NEW.payment_id), NEW.pmt_inst_id);
END;
CREATE TRIGGER pi_search_delete AFTER DELETE ON pis BEGIN
  DELETE FROM pi_search WHERE rowid = OLD.id;
END;

CREATE TRIGGER beneficiary_search_insert AFTER INSERT ON beneficiaries BEGIN
  INSERT INTO beneficiary_search (rowid, name, benf_id, account_no, account_tail, utr_no, mobile)
  VALUES (NEW.id, NEW.name, NEW.benf_id, NEW.account_no, ${accountTail('NEW.account_no')}, NEW.utr_no, NEW.mobile);
END;
CREATE TRIGGER beneficiary_search_update AFTER UPDATE OF name, benf_id, account_no, utr_no, mobile ON beneficiaries
WHEN NEW.name IS NOT OLD.name OR NEW.benf_id IS NOT OLD.benf_id OR NEW.account_no IS NOT OLD.account_no
  OR NEW.utr_no IS NOT OLD.utr_no OR NEW.mobile IS NOT OLD.mobile BEGIN
  DELETE FROM beneficiary_search WHERE rowid = OLD.id;
  INSERT INTO beneficiary_search (rowid, name, benf_id, account_no, account_tail, utr_no, mobile)
  VALUES (NEW.id, NEW.name, NEW.benf_id, NEW.account_no, ${accountTail('NEW.account_no')}, NEW.utr_no, NEW.mobile);
END;
CREATE TRIGGER beneficiary_search_delete AFTER DELETE ON beneficiaries BEGIN
  DELETE FROM beneficiary_search WHERE rowid = OLD.id;
END;
`,
  },
  {
    version: 8,
    name: 'loan payment requests',
    // Loans and their charges are imported; service requests (maker) wait for a checker.
    // The CHECKs on the charges are the last guard: an approval that would take a charge
    // below zero aborts its whole transaction, whatever raced it.
    sql: `
CREATE TABLE loans (
  loan_id        INTEGER PRIMARY KEY,
  borrower       TEXT NOT NULL,
  disbursal_date TEXT NOT NULL,             -- yyyy-MM-dd, India time
  business_date  TEXT NOT NULL,             -- yyyy-MM-dd: the lender's current business day
  imported_at    INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);

CREATE TABLE loan_charges (
  charge_id             INTEGER PRIMARY KEY,
  loan_id               INTEGER NOT NULL REFERENCES loans(loan_id),
  disbursal_schedule_id INTEGER NOT NULL,
  label                 TEXT NOT NULL,
  type                  TEXT NOT NULL,
  original_paise        INTEGER NOT NULL CHECK (original_paise >= 0),
  outstanding_paise     INTEGER NOT NULL CHECK (outstanding_paise >= 0),
  in_process_paise      INTEGER NOT NULL DEFAULT 0 CHECK (in_process_paise >= 0),
  paid_paise            INTEGER NOT NULL DEFAULT 0 CHECK (paid_paise >= 0),
  CHECK (outstanding_paise + paid_paise = original_paise)
);
CREATE INDEX loan_charges_loan ON loan_charges (loan_id);

CREATE TABLE service_requests (
  id                         INTEGER PRIMARY KEY,
  loan_id                    INTEGER NOT NULL REFERENCES loans(loan_id),
  service_request_type       TEXT NOT NULL,
  service_request_subtype    TEXT NOT NULL,
  status                     TEXT NOT NULL CHECK (status IN ('initiated', 'approved', 'rejected')),
  unique_transaction_number  TEXT NOT NULL UNIQUE,
  paid_to                    TEXT NOT NULL,
  payment_mode               TEXT NOT NULL,
  payment_account            TEXT NOT NULL DEFAULT '',
  payment_date               TEXT NOT NULL,
  payment_amount_paise       INTEGER NOT NULL CHECK (payment_amount_paise > 0),
  in_favour_of               TEXT,
  transaction_date           TEXT,
  payment_bank               TEXT NOT NULL,
  fund_transfer_number       TEXT,          -- the UTR
  bank_recon_ref_identifier  TEXT,
  instrument_date            TEXT,
  instrument_number          TEXT,
  beneficiary_account_type   TEXT NOT NULL DEFAULT '',
  beneficiary_account_number TEXT NOT NULL,
  ifsc                       TEXT NOT NULL,
  remarks                    TEXT,
  source                     TEXT NOT NULL CHECK (source IN ('api', 'console')),
  maker                      TEXT NOT NULL,
  utr_beneficiary_id         INTEGER REFERENCES beneficiaries(id),
  flags                      TEXT NOT NULL DEFAULT '[]',  -- JSON [{code, message}] for the checker
  body                       TEXT NOT NULL,               -- the request as it came
  created_at                 INTEGER NOT NULL,
  decided_by                 TEXT,
  decided_at                 INTEGER,
  decision_reason            TEXT
);
CREATE INDEX service_requests_status ON service_requests (status, id);
CREATE INDEX service_requests_utr ON service_requests (fund_transfer_number);

CREATE TABLE service_request_payables (
  request_id         INTEGER NOT NULL REFERENCES service_requests(id),
  charge_id          INTEGER NOT NULL REFERENCES loan_charges(charge_id),
  allocated_paise    INTEGER NOT NULL CHECK (allocated_paise >= 0),
  stated_outstanding_paise INTEGER,        -- what the maker's screen said, kept for the checker
  PRIMARY KEY (request_id, charge_id)
);

-- Every state change of a loan, a charge or a request, with who did it and why.
CREATE TABLE loan_audit (
  id          INTEGER PRIMARY KEY,
  loan_id     INTEGER NOT NULL REFERENCES loans(loan_id),
  request_id  INTEGER REFERENCES service_requests(id),
  charge_id   INTEGER REFERENCES loan_charges(charge_id),
  event       TEXT NOT NULL,
  from_status TEXT,
  to_status   TEXT,
  detail      TEXT,
  actor       TEXT NOT NULL,
  at          INTEGER NOT NULL
);
CREATE INDEX loan_audit_loan ON loan_audit (loan_id, id);

-- Bearer tokens for the service-request API: only a hash is kept.
CREATE TABLE api_tokens (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);

-- When any user is listed, requests are decided by a listed user other than their maker.
CREATE TABLE console_users (
  name       TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL
);
`,
  },
  {
    version: 9,
    name: 'program-service exchange',
    // Peers, programs, the exchange's sanctions and allocations (mirrors of the funds ledger),
    // disbursements, and one log of every message in and out. Outgoing messages are rows of
    // the same log (direction 'out'), written in the transaction of the change that causes them.
    sql: `
CREATE TABLE exchange_peers (
  id          INTEGER PRIMARY KEY,
  peer_id     TEXT NOT NULL UNIQUE,          -- name@host, as in header.sender_id
  uri         TEXT NOT NULL,                 -- base URL the callbacks are posted to
  public_key  TEXT NOT NULL,                 -- PEM: checks the peer's signatures
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE TABLE exchange_programs (
  id            INTEGER PRIMARY KEY,
  program_code  TEXT NOT NULL UNIQUE,
  peer_id       TEXT NOT NULL,
  location_code TEXT NOT NULL,
  tenant_id     TEXT NOT NULL,
  name          TEXT NOT NULL,
  description   TEXT,
  start_date    INTEGER,
  end_date      INTEGER,
  peer_status   TEXT,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX exchange_programs_tenant ON exchange_programs (tenant_id, id);
CREATE TABLE exchange_sanctions (
  id            INTEGER PRIMARY KEY,
  sanction_code TEXT NOT NULL UNIQUE,
  program_id    INTEGER NOT NULL REFERENCES exchange_programs(id),
  sanction_id   INTEGER NOT NULL UNIQUE REFERENCES sanctions(id),
  allotment_id  INTEGER REFERENCES allotments(id),  -- its initial allotment
  amount_paise  INTEGER NOT NULL,
  peer_status   TEXT,
  created_at    INTEGER NOT NULL
);
CREATE TABLE exchange_allocations (
  id               INTEGER PRIMARY KEY,
  allocation_code  TEXT NOT NULL UNIQUE,
  exchange_sanction_id INTEGER NOT NULL REFERENCES exchange_sanctions(id),
  allotment_id     INTEGER NOT NULL UNIQUE REFERENCES allotments(id),
  type             TEXT NOT NULL CHECK (type IN ('ALLOCATION', 'DEDUCTION')),
  amount_paise     INTEGER NOT NULL CHECK (amount_paise >= 0),
  peer_status      TEXT,
  created_at       INTEGER NOT NULL
);
CREATE TABLE exchange_disbursements (
  id            INTEGER PRIMARY KEY,
  target_id     TEXT NOT NULL,
  program_id    INTEGER NOT NULL REFERENCES exchange_programs(id),
  peer_id       TEXT NOT NULL,
  payment_id    INTEGER REFERENCES payments(id),
  status        TEXT NOT NULL,                 -- the status_code last sent to the peer
  status_message TEXT,
  snapshot      TEXT,                          -- the last on-disburse body sent: a change sends a new one
  request_json  TEXT NOT NULL,
  peer_status   TEXT,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX exchange_disbursements_target ON exchange_disbursements (target_id, id);
CREATE INDEX exchange_disbursements_payment ON exchange_disbursements (payment_id, id);
CREATE TABLE exchange_messages (
  id              INTEGER PRIMARY KEY,
  direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  endpoint        TEXT NOT NULL,               -- disburse/_create, on-disburse/_update, ...
  message_id      TEXT,
  sender_id       TEXT,
  receiver_id     TEXT,
  peer_id         TEXT,                        -- the other party
  header_json     TEXT,
  message_json    TEXT,
  body_json       TEXT,                        -- in: the body as received when it was not an envelope
  signature       TEXT,
  signature_check TEXT NOT NULL CHECK (signature_check IN ('valid', 'invalid', 'unknown sender', 'not checked', 'signed', 'unsigned')),
  state           TEXT NOT NULL CHECK (state IN ('applied', 'refused', 'duplicate', 'queued', 'delivered', 'rejected')),
  error_code      TEXT,
  error           TEXT,
  http_status     INTEGER,
  response_json   TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  delivered_at    INTEGER,
  disbursement_id INTEGER REFERENCES exchange_disbursements(id),
  program_id      INTEGER REFERENCES exchange_programs(id),
  created_at      INTEGER NOT NULL
);
-- Sent at most once per message_id; an incoming id is looked up per sender.
CREATE UNIQUE INDEX exchange_out_once ON exchange_messages (message_id) WHERE direction = 'out';
CREATE INDEX exchange_in_seen ON exchange_messages (sender_id, message_id) WHERE direction = 'in';
CREATE INDEX exchange_out_due ON exchange_messages (peer_id, id) WHERE direction = 'out' AND state = 'queued';
CREATE INDEX exchange_messages_disbursement ON exchange_messages (disbursement_id, id);
`,
  },
  {
    version: 10,
    name: 'bills held awaiting treasury confirmation',
    // A PI or revised PI any send of which may have reached the treasury is never failed on a
    // refusal: it is held until its status service settles it. `refused` tells a clean "no"
    // (the service's own errorMsg) from every other non-OK answer; `held_end` says how a
    // hold ended when the bill is not live any more (proof of absence, or released by hand).
    sql: `
ALTER TABLE treasury_calls ADD COLUMN refused INTEGER NOT NULL DEFAULT 0;
UPDATE treasury_calls SET refused = 1
 WHERE outcome = 'ERROR' AND error_detail IS NULL AND http_status BETWEEN 200 AND 299;
ALTER TABLE pis ADD COLUMN held_since INTEGER;
ALTER TABLE pis ADD COLUMN held_reason TEXT;
ALTER TABLE pis ADD COLUMN held_end TEXT CHECK (held_end IN ('confirmed', 'absent', 'released'));
`,
  },
  {
    version: 11,
    name: 'leases and SMS claims',
    // Two processes on one ledger (the window and `serve`, two `sms-send`): one holder at a
    // time runs the schedule and sends SMS, and each message is claimed before it is sent.
    sql: `
CREATE TABLE leases (
  name       TEXT PRIMARY KEY,              -- 'scheduler', 'sms'
  holder     TEXT NOT NULL,                 -- host:pid:random of the process
  expires_at INTEGER NOT NULL,              -- wall clock ms; renewed well before
  renewed_at INTEGER NOT NULL
);
ALTER TABLE sms_outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE sms_outbox ADD COLUMN claimed_at INTEGER;
`,
  },
  {
    version: 12,
    name: 'heads of account per DDO; payments that name no head',
    rebuildsTables: true,
    // One head of account may serve several DDOs, so a head is keyed by (hoa, DDO). A sanction
    // keeps the hoa and DDO the treasury gave it (no key: VA may name another DDO, which is
    // flagged, not refused); a payment names a tenant and maybe a head (a disbursement from the
    // program service names none). SQLite cannot change keys in place: the three tables are
    // rebuilt; legacy_alter_table (with foreign keys off) keeps the other tables' REFERENCES
    // pointing at the names, which the rebuilt tables take back. VA's fromDate moves onto the head row.
    sql: `
PRAGMA legacy_alter_table = ON;
ALTER TABLE heads_of_account RENAME TO heads_of_account_before;
CREATE TABLE heads_of_account (
  hoa            TEXT NOT NULL,
  ddo_code       TEXT NOT NULL,
  tenant_id      TEXT NOT NULL,
  grantee_code   TEXT NOT NULL,
  ssu_ia_id      TEXT NOT NULL,
  effective_date TEXT NOT NULL,
  priority       INTEGER NOT NULL DEFAULT 0,
  va_from_date   TEXT,
  PRIMARY KEY (hoa, ddo_code)
);
INSERT INTO heads_of_account (hoa, ddo_code, tenant_id, grantee_code, ssu_ia_id, effective_date, priority, va_from_date)
SELECT h.hoa, h.ddo_code, h.tenant_id, h.grantee_code, h.ssu_ia_id, h.effective_date, h.priority,
       (SELECT value FROM settings WHERE key = 'va.fromDate.' || h.hoa)
  FROM heads_of_account_before h;
DELETE FROM settings WHERE key LIKE 'va.fromDate.%';
CREATE INDEX heads_tenant ON heads_of_account (tenant_id, priority);

ALTER TABLE sanctions RENAME TO sanctions_before;
DROP TRIGGER IF EXISTS sanction_summary;
CREATE TABLE sanctions (
  id                    INTEGER PRIMARY KEY,
  mst_allotment_dist_id TEXT NOT NULL UNIQUE,
  tenant_id             TEXT NOT NULL,
  hoa                   TEXT NOT NULL,
  ddo_code              TEXT NOT NULL,
  grantee_ag_code       TEXT NOT NULL,
  scheme_code           TEXT,
  scheme_name           TEXT,
  ssu_ia_id             TEXT NOT NULL,
  created_at            INTEGER NOT NULL
);
INSERT INTO sanctions SELECT id, mst_allotment_dist_id, tenant_id, hoa, ddo_code, grantee_ag_code, scheme_code,
                             scheme_name, ssu_ia_id, created_at FROM sanctions_before;
DROP TABLE sanctions_before;
CREATE TRIGGER sanction_summary AFTER INSERT ON sanctions BEGIN
  INSERT INTO funds_summary (sanction_id) VALUES (NEW.id);
END;
CREATE INDEX sanctions_tenant ON sanctions (tenant_id, hoa);

ALTER TABLE payments RENAME TO payments_before;
CREATE TABLE payments (
  id               INTEGER PRIMARY KEY,
  payment_number   TEXT NOT NULL UNIQUE,
  tenant_id        TEXT NOT NULL,
  hoa              TEXT,                  -- NULL: paid from any head of the tenant, in priority order
  purpose          TEXT NOT NULL DEFAULT '',
  gross_paise      INTEGER NOT NULL CHECK (gross_paise > 0),
  net_paise        INTEGER NOT NULL CHECK (net_paise > 0),
  source_file      TEXT,
  imported_at      INTEGER NOT NULL,
  reissue_of_pi_id INTEGER REFERENCES pis(id)
);
INSERT INTO payments SELECT id, payment_number, tenant_id, hoa, purpose, gross_paise, net_paise, source_file,
                            imported_at, reissue_of_pi_id FROM payments_before;
DROP TABLE payments_before;
DROP TABLE heads_of_account_before;
PRAGMA legacy_alter_table = OFF;

-- Who changed the set-up, when and to what (never the secret).
CREATE TABLE settings_log (
  id      INTEGER PRIMARY KEY,
  at      INTEGER NOT NULL,
  section TEXT NOT NULL,
  detail  TEXT NOT NULL
);
`,
  },
  {
    version: 13,
    name: 'beneficiary sums per PI from an index',
    // The ledger check adds up every PI's beneficiaries; with the amount and status in an
    // index ordered by PI it reads that index alone instead of two million rows.
    sql: `
CREATE INDEX beneficiaries_pi_sums ON beneficiaries (pi_id, status, amount_paise);
`,
  },
  {
    version: 14,
    name: 'refused pushes kept on their payment',
    // A push refused before anything reached the treasury (no funds, set-up missing) leaves no
    // PI to carry the reason: it is kept here, append-only, and shown on the payment's row
    // while the payment's latest PI is still the one it had then (after_pi_id, NULL for none).
    sql: `
CREATE TABLE push_refusals (
  id          INTEGER PRIMARY KEY,
  payment_id  INTEGER NOT NULL REFERENCES payments(id),
  after_pi_id INTEGER REFERENCES pis(id),
  message     TEXT NOT NULL,
  at          INTEGER NOT NULL
);
CREATE INDEX push_refusals_payment ON push_refusals (payment_id, id);
CREATE TRIGGER push_refusals_no_update BEFORE UPDATE ON push_refusals BEGIN
  SELECT RAISE(ABORT, 'push_refusals is append-only');
END;
`,
  },
  {
    version: 15,
    name: 'job runs count "not yet" answers apart from errors',
    // A treasury "not yet" (advice not yet generated, pending approval) is an answer, not a
    // failure: Jobs shows those calls apart from real errors and calls without response.
    sql: `
ALTER TABLE job_runs ADD COLUMN waiting INTEGER NOT NULL DEFAULT 0;
`,
  },
  {
    version: 16,
    name: 'review at scale: payment numbers searched, Needs action from indexes',
    // Payments are found by their number through a full-text index (a LIKE read every
    // payment on each keystroke), kept in step by triggers like the PI and beneficiary ones.
    // Needs action reads only what it lists: failed rows not moved, the failure in their
    // history, and the PIs whose last call got no answer.
    sql: `
CREATE VIRTUAL TABLE payment_search USING fts5(payment_number, content='', contentless_delete=1);
INSERT INTO payment_search (rowid, payment_number) SELECT id, payment_number FROM payments;
CREATE TRIGGER payment_search_insert AFTER INSERT ON payments BEGIN
  INSERT INTO payment_search (rowid, payment_number) VALUES (NEW.id, NEW.payment_number);
END;
CREATE TRIGGER payment_search_update AFTER UPDATE OF payment_number ON payments
WHEN NEW.payment_number IS NOT OLD.payment_number BEGIN
  DELETE FROM payment_search WHERE rowid = OLD.id;
  INSERT INTO payment_search (rowid, payment_number) VALUES (NEW.id, NEW.payment_number);
END;
CREATE TRIGGER payment_search_delete AFTER DELETE ON payments BEGIN
  DELETE FROM payment_search WHERE rowid = OLD.id;
END;

CREATE INDEX beneficiaries_failed_open ON beneficiaries (pi_id)
 WHERE status = 'Payment Failed' AND moved_to_payment_id IS NULL;
CREATE INDEX history_benf_failed ON status_history (beneficiary_id, at) WHERE to_status = 'Payment Failed';
CREATE INDEX pis_no_response ON pis (last_outcome) WHERE last_outcome = 'NO_RESPONSE';
CREATE INDEX history_pi_status ON status_history (pi_id, to_status, at) WHERE beneficiary_id IS NULL;
CREATE INDEX calls_pi_outcome ON treasury_calls (pi_id, outcome, id);
`,
  },
  {
    version: 17,
    name: 'Needs action read from indexes alone',
    // Each Needs action page counts and orders every open failure and every stuck PI; these
    // indexes hold all that those statements read, so no table row of beneficiaries, history
    // or calls is visited (a partial index's WHERE columns are still read from the row, so
    // they are in the index too). Held PIs are few: their own index spares reading every
    // Pending PI.
    sql: `
DROP INDEX beneficiaries_failed_open;
CREATE INDEX beneficiaries_failed_open ON beneficiaries (pi_id, status, moved_to_payment_id)
 WHERE status = 'Payment Failed' AND moved_to_payment_id IS NULL;
CREATE INDEX beneficiaries_paid_again ON beneficiaries (parent_beneficiary_id, status)
 WHERE parent_beneficiary_id IS NOT NULL;
CREATE INDEX pis_lineage ON pis (id, parent_pi_id, bill_date);
CREATE INDEX pis_held ON pis (status, id) WHERE held_since IS NOT NULL;
DROP INDEX history_pi_status;
CREATE INDEX history_pi_status ON status_history (pi_id, to_status, at, beneficiary_id)
 WHERE beneficiary_id IS NULL;
CREATE INDEX calls_pi_silent ON treasury_calls (pi_id, id, started_at) WHERE outcome = 'NO_RESPONSE';
`,
  },
  {
    version: 18,
    name: 'UTRs in a search index of their own',
    // PD writes a UTR to every beneficiary it pays. In beneficiary_search that re-indexed the
    // whole row (name, account and its 13 tails, mobile) for each: half of PD's ledger work.
    // A UTR now goes to utr_search alone, one token; the rest is re-indexed only when it
    // changes. Search looks in both.
    sql: `
DROP TRIGGER beneficiary_search_insert;
DROP TRIGGER beneficiary_search_update;
DROP TRIGGER beneficiary_search_delete;
DROP TABLE beneficiary_search;
CREATE VIRTUAL TABLE beneficiary_search USING fts5(name, benf_id, account_no, account_tail, mobile, content='', contentless_delete=1, prefix='3');
CREATE VIRTUAL TABLE utr_search USING fts5(utr_no, content='', contentless_delete=1, prefix='3');

INSERT INTO beneficiary_search (rowid, name, benf_id, account_no, account_tail, mobile)
SELECT id, name, benf_id, account_no, ${accountTail('account_no')}, mobile FROM beneficiaries;
INSERT INTO utr_search (rowid, utr_no) SELECT id, utr_no FROM beneficiaries WHERE utr_no IS NOT NULL;

CREATE TRIGGER beneficiary_search_insert AFTER INSERT ON beneficiaries BEGIN
  INSERT INTO beneficiary_search (rowid, name, benf_id, account_no, account_tail, mobile)
  VALUES (NEW.id, NEW.name, NEW.benf_id, NEW.account_no, ${accountTail('NEW.account_no')}, NEW.mobile);
  INSERT INTO utr_search (rowid, utr_no) SELECT NEW.id, NEW.utr_no WHERE NEW.utr_no IS NOT NULL;
END;
CREATE TRIGGER beneficiary_search_update AFTER UPDATE OF name, benf_id, account_no, mobile ON beneficiaries
WHEN NEW.name IS NOT OLD.name OR NEW.benf_id IS NOT OLD.benf_id OR NEW.account_no IS NOT OLD.account_no
  OR NEW.mobile IS NOT OLD.mobile BEGIN
  DELETE FROM beneficiary_search WHERE rowid = OLD.id;
  INSERT INTO beneficiary_search (rowid, name, benf_id, account_no, account_tail, mobile)
  VALUES (NEW.id, NEW.name, NEW.benf_id, NEW.account_no, ${accountTail('NEW.account_no')}, NEW.mobile);
END;
CREATE TRIGGER utr_search_update AFTER UPDATE OF utr_no ON beneficiaries WHEN NEW.utr_no IS NOT OLD.utr_no BEGIN
  DELETE FROM utr_search WHERE rowid = OLD.id AND OLD.utr_no IS NOT NULL;
  INSERT INTO utr_search (rowid, utr_no) SELECT NEW.id, NEW.utr_no WHERE NEW.utr_no IS NOT NULL;
END;
CREATE TRIGGER beneficiary_search_delete AFTER DELETE ON beneficiaries BEGIN
  DELETE FROM beneficiary_search WHERE rowid = OLD.id;
  DELETE FROM utr_search WHERE rowid = OLD.id AND OLD.utr_no IS NOT NULL;
END;
`,
  },
  {
    version: 19,
    name: 'failed rows paid again marked on the row',
    // A failed row is paid again by a row of a revised PI that succeeded or failed in its turn.
    // Needs action subtracted those from every failure ever made, a set that only grows; kept
    // on the row (the lowest such row's id, kept by triggers whatever writes the statuses), the
    // open failures are one small partial index. A derived column, like an index: no audit.
    sql: `
ALTER TABLE beneficiaries ADD COLUMN paid_again_by INTEGER;
UPDATE beneficiaries SET paid_again_by = c.id
  FROM (SELECT parent_beneficiary_id AS parent, min(id) AS id FROM beneficiaries
         WHERE parent_beneficiary_id IS NOT NULL AND status IN ('Payment Successful', 'Payment Failed')
         GROUP BY parent_beneficiary_id) c
 WHERE beneficiaries.id = c.parent;
CREATE TRIGGER beneficiary_paid_again_insert AFTER INSERT ON beneficiaries
WHEN NEW.parent_beneficiary_id IS NOT NULL AND NEW.status IN ('Payment Successful', 'Payment Failed') BEGIN
  UPDATE beneficiaries SET paid_again_by = ${lowestPaidAgain('NEW.parent_beneficiary_id')}
   WHERE id = NEW.parent_beneficiary_id;
END;
CREATE TRIGGER beneficiary_paid_again_update AFTER UPDATE OF status, parent_beneficiary_id ON beneficiaries
WHEN NEW.parent_beneficiary_id IS NOT OLD.parent_beneficiary_id
  OR (NEW.parent_beneficiary_id IS NOT NULL AND (NEW.status IN ('Payment Successful', 'Payment Failed')) <> (OLD.status IN ('Payment Successful', 'Payment Failed'))) BEGIN
  UPDATE beneficiaries SET paid_again_by = ${lowestPaidAgain('beneficiaries.id')}
   WHERE id IN (OLD.parent_beneficiary_id, NEW.parent_beneficiary_id);
END;
CREATE TRIGGER beneficiary_paid_again_delete AFTER DELETE ON beneficiaries
WHEN OLD.parent_beneficiary_id IS NOT NULL AND OLD.status IN ('Payment Successful', 'Payment Failed') BEGIN
  UPDATE beneficiaries SET paid_again_by = ${lowestPaidAgain('OLD.parent_beneficiary_id')}
   WHERE id = OLD.parent_beneficiary_id;
END;
DROP INDEX beneficiaries_failed_open;
CREATE INDEX beneficiaries_failed_open ON beneficiaries (pi_id, status, moved_to_payment_id, paid_again_by)
 WHERE status = 'Payment Failed' AND moved_to_payment_id IS NULL AND paid_again_by IS NULL;
`,
  },
];
