// A large, sound ledger for `npm run bench -- review`, written by set-based SQL in chunks:
// payments and their lines, PIs in every status, beneficiaries with UTRs and bank failures,
// revised PIs paying some failures again, funds debits and releases, the treasury calls with
// their bodies, the status history and the SMS outbox. Built once per size and kept under
// the temp folder; a later schema migrates it as it would any ledger. Deterministic: the same size gives the same file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Conn } from '../main/ledger/conn';
import { Ledger } from '../main/ledger/ledger';

/** Change when the ledger built below changes, so old cached files are not reused. */
const BUILD = 3;
const CHUNK = 5_000;
const T0 = Date.parse('2023-10-02T04:30:00Z');
const DAY = 86_400_000;

export function reviewLedgerPath(pis: number, benfs: number): string {
  return path.join(os.tmpdir(), `jit-review-${pis}x${benfs}-b${BUILD}.db`);
}

/**
 * A deterministic pseudo-random integer in [0, mod) of SQL integer expressions; `salt` picks
 * another mixing, so two draws from the same row do not move together.
 */
const MULT = [2654435761, 40503, 2246822519, 3266489917, 668265263, 374761393];
// Below 2^31, so (x mod p) times one stays inside SQLite's 64-bit integers.
const MIX = [668265263, 374761393, 1103515245, 1664525, 22695477, 1140671485];
const h = (mod: number, salt: number, ...terms: string[]) =>
  `((((${terms.map((t, i) => `(${t}) * ${MULT[(i + salt) % MULT.length]}`).join(' + ')} + ${salt}) % 4294967291) * ${MIX[salt % MIX.length]} + ${salt * 7919}) % 4294967291 % ${mod})`;

const FIRST = [
  'Kuni',
  'Sukanti',
  'Basanti',
  'Jema',
  'Laxmi',
  'Sabitri',
  'Kamala',
  'Pramila',
  'Tulasi',
  'Sumitra',
  'Rama',
  'Hari',
  'Bhagaban',
  'Sanatan',
  'Prafulla',
  'Niranjan',
  'Gopal',
  'Debendra',
  'Bijay',
  'Ajaya',
  'Pitambar',
  'Suresh',
  'Ramesh',
  'Santosh',
  'Manoj',
  'Pradeep',
  'Sanjay',
  'Ashok',
  'Dillip',
  'Biswajit',
  'Ranjan',
  'Anita',
  'Sunita',
  'Mina',
  'Rita',
  'Puspa',
  'Jyoti',
  'Kabita',
  'Sabita',
  'Manasi',
  'Bandana',
  'Lalita',
  'Urmila',
  'Nirmala',
  'Saraswati',
  'Parbati',
  'Hemalata',
  'Sulochana',
  'Jayanti',
  'Bhagyashree',
  'Lipika',
  'Dambaru',
  'Madhab',
  'Kailash',
  'Trilochan',
  'Sarojini',
  'Gita',
  'Mamata',
  'Rashmi',
  'Sasmita',
];
const LAST = [
  'Majhi',
  'Bag',
  'Bhue',
  'Dalai',
  'Dash',
  'Gouda',
  'Harijan',
  'Jani',
  'Kanhar',
  'Kisan',
  'Mahanta',
  'Mahapatra',
  'Mandal',
  'Muduli',
  'Nanda',
  'Ojha',
  'Pattnaik',
  'Pujari',
  'Rath',
  'Sahani',
  'Santa',
  'Sethy',
  'Singh',
  'Sundaray',
  'Tripathy',
  'Xalxo',
  'Ekka',
  'Kerketta',
  'Lakra',
  'Minz',
  'Toppo',
  'Naik',
  'Behera',
  'Sahu',
  'Pradhan',
  'Das',
  'Mohanty',
  'Rout',
  'Swain',
  'Sethi',
  'Nayak',
  'Jena',
  'Barik',
  'Mallick',
  'Sahoo',
  'Biswal',
  'Parida',
  'Hembram',
  'Soren',
  'Munda',
  'Patra',
  'Dehury',
  'Bhoi',
  'Khuntia',
  'Samal',
  'Tudu',
  'Lenka',
  'Panda',
  'Mishra',
  'Sabar',
];
const REASONS = [
  'Account closed or transferred',
  'Invalid account number',
  'Beneficiary name mismatch',
  'Account frozen or dormant',
  'Invalid IFSC',
];

// PI status by i: most complete, some in every other state.
const STATUS = `CASE
  WHEN ${h(100, 0, 'i')} < 80 THEN 'Completed'
  WHEN ${h(100, 0, 'i')} < 85 THEN 'In Process'
  WHEN ${h(100, 0, 'i')} < 89 THEN 'Approved'
  WHEN ${h(100, 0, 'i')} < 93 THEN 'Initiated'
  WHEN ${h(100, 0, 'i')} < 95 THEN 'Pending'
  WHEN ${h(100, 0, 'i')} < 98 THEN 'Failed'
  ELSE 'Declined' END`;

const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(', ');
const pick = (table: string, mod: number, salt: number, ...terms: string[]) =>
  `(SELECT v FROM ${table} WHERE n = ${h(mod, salt, ...terms)})`;

export async function buildReviewLedger(
  pis: number,
  benfs: number,
  log: (line: string) => void,
): Promise<string> {
  const file = reviewLedgerPath(pis, benfs);
  if (fs.existsSync(file)) return file;
  const tmp = `${file}.building`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  await (await Ledger.open(tmp)).close();
  const db = await Conn.open(tmp);
  await db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -200000;',
  );
  await db.exec(`
    CREATE TEMP TABLE first_names (n INTEGER PRIMARY KEY, v TEXT);
    CREATE TEMP TABLE last_names (n INTEGER PRIMARY KEY, v TEXT);
    CREATE TEMP TABLE reasons (n INTEGER PRIMARY KEY, v TEXT);
    INSERT INTO first_names (n, v) SELECT key, value FROM json_each('${JSON.stringify(FIRST)}');
    INSERT INTO last_names (n, v) SELECT key, value FROM json_each('${JSON.stringify(LAST)}');
    INSERT INTO reasons (n, v) SELECT key, value FROM json_each('${JSON.stringify(REASONS)}');
    CREATE TEMP TABLE ks (k INTEGER PRIMARY KEY);
    WITH RECURSIVE r(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM r WHERE k < ${benfs}) INSERT INTO ks SELECT k FROM r;
  `);
  await db.exec(`BEGIN;
    INSERT INTO heads_of_account (hoa, tenant_id, ddo_code, grantee_code, ssu_ia_id, effective_date, priority)
    SELECT '2217-05-191-2634-0' || k || '-00-00-00', 'od.angul', 'DDO1013', 'GR1013', 'SSU-ANGUL', '2023-04-01 00:00:00', k
      FROM ks WHERE k <= 4;
    WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 8)
    INSERT INTO sanctions (id, mst_allotment_dist_id, tenant_id, hoa, ddo_code, grantee_ag_code, scheme_code, scheme_name, ssu_ia_id, created_at)
    SELECT n, 'MAD-1013-0' || n, 'od.angul', '2217-05-191-2634-0' || ((n - 1) % 4 + 1) || '-00-00-00', 'DDO1013', 'GR1013',
           'MUKTA', 'Mukhyamantri Karma Tatpara Abhiyan', 'SSU-ANGUL', ${T0} FROM s;
    INSERT INTO allotments (id, sanction_id, mst_allotment_dist_id, ssu_allotment_id, allotment_txn_sl_no, txn_type, amount_paise,
                            applied_paise, allotment_date, raw, received_at)
    SELECT id, id, mst_allotment_dist_id, 'SSUA-' || id, '1', 'Initial Allotment', 1000000000000000, 1000000000000000,
           '2023-04-10 10:00:00', '{}', ${T0} FROM sanctions;
    INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, allotment_id, note, at)
    SELECT id, 'allotment', 1000000000000000, 1000000000000000, id, 'Initial Allotment', ${T0} FROM sanctions;
    COMMIT;`);

  const started = Date.now();
  for (let a = 1; a <= pis; a += CHUNK) {
    const b = Math.min(pis, a + CHUNK - 1);
    await db.exec(`BEGIN;
      CREATE TEMP TABLE IF NOT EXISTS chunk (i INTEGER PRIMARY KEY, status TEXT, at INTEGER);
      DELETE FROM chunk;
      WITH RECURSIVE r(i) AS (SELECT ${a} UNION ALL SELECT i + 1 FROM r WHERE i < ${b})
      INSERT INTO chunk SELECT i, ${STATUS}, ${T0} - ${DAY} * 200 + i * ${Math.floor((200 * DAY) / pis)} FROM r;
      ${chunkSql(benfs, pis)}
      COMMIT;`);
    if ((b / CHUNK) % 4 === 0 || b === pis)
      log(
        `  built ${b.toLocaleString('en-IN')} PIs (${Math.round((Date.now() - started) / 1000)} s)`,
      );
  }
  // No ANALYZE: the console never runs it, so the planner sees what it sees in the field.
  await db.exec('PRAGMA wal_checkpoint(TRUNCATE);');
  await db.close();
  fs.renameSync(tmp, file);
  for (const f of [`${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  return file;
}

/** Everything for the PIs in temp table `chunk` (i, status, at). */
function chunkSql(benfs: number, pis: number): string {
  const amount = `(50000 + ${h(1950000, 1, 'c.i', 'ks.k')})`;
  const failed = `(c.status = 'Completed' AND ${h(50, 2, 'c.i', 'ks.k')} = 0)`;
  const account = `(CAST(30001 + ${h(60000, 3, 'c.i', 'ks.k')} AS TEXT) || printf('%07d', ${h(9999999, 4, 'c.i', 'ks.k')}))`;
  const name = `${pick('first_names', FIRST.length, 6, 'c.i', 'ks.k')} || ' ' || ${pick('last_names', LAST.length, 7, 'c.i', 'ks.k')}`;
  const benfStatus = `CASE c.status
      WHEN 'Completed' THEN CASE WHEN ${failed} THEN 'Payment Failed' ELSE 'Payment Successful' END
      WHEN 'In Process' THEN 'Payment In Process'
      WHEN 'Pending' THEN 'Payment Pending'
      ELSE 'Payment Initiated' END`;
  const utr = `'SBIN' || printf('%012d', c.i * ${benfs} + ks.k)`;
  const bid = `((c.i - 1) * ${benfs} + ks.k)`;
  const corId = `(${pis} + c.i)`;
  const msg = (s: string) => `'On call of ${s} API: Response is received and updated successfully'`;
  const reached = (statuses: string[]) => `c.status IN (${list(statuses)})`;
  return `
INSERT INTO payments (id, payment_number, tenant_id, hoa, purpose, gross_paise, net_paise, source_file, imported_at)
SELECT c.i, 'EP/2023-24/' || printf('%06d', c.i), 'od.angul', '2217-05-191-2634-0' || ((c.i % 8) % 4 + 1) || '-00-00-00',
       'Wages for work order WO/2023/' || (c.i % 977), (SELECT sum(${amount}) FROM ks), (SELECT sum(${amount}) FROM ks),
       'bills-' || (c.i / 500) || '.csv', c.at - ${DAY}
  FROM chunk c;
INSERT INTO payment_beneficiaries (payment_id, line_no, benef_id, name, account_no, ifsc, mobile, address, account_type, beneficiary_type, amount_paise)
SELECT c.i, ks.k, 'MGN-' || printf('%07d', ${bid}), ${name}, ${account}, 'SBIN000' || (3000 + ks.k % 500),
       '9' || printf('%09d', ${h(999999999, 5, 'c.i', 'ks.k')}), 'Ward ' || (ks.k % 20 + 1) || ', Angul', 'SAVINGS', 'IND', ${amount}
  FROM chunk c, ks;
INSERT INTO pis (id, kind, bill_no, bill_date, payment_id, sanction_id, hoa, ddo_code, grantee_code, ssu_ia_id, scheme_code,
                 mst_allotment_dist_id, ssu_allotment_id, allotment_txn_sl_no, purpose, gross_paise, net_paise, status,
                 pmt_inst_id, pay_inst_date, fin_year, voucher_no, completed_at, last_message, last_outcome, created_at, updated_at)
SELECT c.i, 'PI', 'PI-1013/2023-24/' || printf('%06d', c.i), date(c.at / 1000, 'unixepoch'), c.i, c.i % 8 + 1,
       pay.hoa, 'DDO1013', 'GR1013', 'SSU-ANGUL', 'MUKTA', 'MAD-1013-0' || (c.i % 8 + 1), 'SSUA-' || (c.i % 8 + 1), '1', pay.purpose,
       pay.gross_paise, pay.net_paise, c.status,
       CASE WHEN ${reached(['Approved', 'In Process', 'Completed'])} THEN 'PMT' || printf('%09d', c.i) END,
       CASE WHEN ${reached(['Approved', 'In Process', 'Completed'])} THEN date(c.at / 1000 + 86400, 'unixepoch') END,
       '2023-24', CASE WHEN c.status = 'Completed' THEN 'VCH' || c.i END,
       CASE WHEN c.status = 'Completed' THEN c.at + 3 * ${DAY} END,
       CASE c.status WHEN 'Completed' THEN ${msg('FD')} WHEN 'In Process' THEN ${msg('PAG')}
         WHEN 'Failed' THEN 'On call of PIS API: Bill rejected by treasury: Wrong IFSC provided'
         WHEN 'Declined' THEN 'On call of PIS API: Declined by DDO' WHEN 'Pending' THEN 'On call of PI API: No response is received.'
         ELSE ${msg('PIS')} END,
       CASE c.status WHEN 'Pending' THEN 'NO_RESPONSE' WHEN 'Failed' THEN 'ERROR' WHEN 'Declined' THEN 'ERROR' ELSE 'OK' END,
       c.at, c.at + 3 * ${DAY}
  FROM chunk c JOIN payments pay ON pay.id = c.i;
INSERT INTO payment_advice (pi_id, advice_id, advice_date, online_bill_ref_no, token_number, token_date, fin_year, received_at)
SELECT c.i, 'ADV' || c.i, date(c.at / 1000 + 86400, 'unixepoch'), 'OBR' || printf('%09d', c.i), 'TOK' || c.i,
       date(c.at / 1000 + 86400, 'unixepoch'), '2023-24', c.at + ${DAY}
  FROM chunk c WHERE ${reached(['In Process', 'Completed'])};
INSERT INTO beneficiaries (id, pi_id, benf_id, payment_beneficiary_id, name, account_no, ifsc, mobile, address, account_type,
                           amount_paise, status, utr_no, utr_date, end_to_end_id, voucher_no, failed_reason, updated_at)
SELECT ${bid}, c.i, pb.benef_id, pb.id, pb.name, pb.account_no, pb.ifsc, pb.mobile, pb.address, pb.account_type, pb.amount_paise,
       ${benfStatus},
       CASE WHEN c.status = 'Completed' THEN ${utr} END,
       CASE WHEN c.status = 'Completed' THEN date(c.at / 1000 + 2 * 86400, 'unixepoch') END,
       CASE WHEN c.status = 'Completed' THEN 'E2E' || ${bid} END,
       CASE WHEN c.status = 'Completed' THEN 'VCH' || c.i END,
       CASE WHEN ${failed} THEN ${pick('reasons', REASONS.length, 8, 'c.i', 'ks.k')} END,
       c.at + 3 * ${DAY}
  FROM chunk c JOIN payment_beneficiaries pb ON pb.payment_id = c.i JOIN ks ON ks.k = pb.line_no;
INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, pi_id, note, at)
SELECT c.i % 8 + 1, 'pi_debit', 0, -pay.gross_paise, c.i, 'PI push', c.at FROM chunk c JOIN payments pay ON pay.id = c.i;
INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, pi_id, note, at)
SELECT c.i % 8 + 1, 'pi_release', 0, pay.gross_paise, c.i, 'PI ' || c.status, c.at + ${DAY}
  FROM chunk c JOIN payments pay ON pay.id = c.i WHERE ${reached(['Failed', 'Declined'])};

-- Revised PIs: half the completed PIs with failures pay their failed beneficiaries again.
INSERT INTO pis (id, kind, bill_no, bill_date, parent_pi_id, sanction_id, hoa, ddo_code, grantee_code, ssu_ia_id, purpose,
                 gross_paise, net_paise, status, pmt_inst_id, completed_at, last_message, last_outcome, created_at, updated_at)
SELECT ${corId}, 'COR', 'COR-1013/2023-24/' || printf('%06d', c.i), date(c.at / 1000 + 5 * 86400, 'unixepoch'), c.i, p.sanction_id,
       p.hoa, p.ddo_code, p.grantee_code, p.ssu_ia_id, p.purpose, f.amount, f.amount, 'Completed', 'PMTC' || c.i,
       c.at + 7 * ${DAY}, ${msg('FTPS')}, 'OK', c.at + 5 * ${DAY}, c.at + 7 * ${DAY}
  FROM chunk c JOIN pis p ON p.id = c.i
  JOIN (SELECT pi_id, sum(amount_paise) AS amount FROM beneficiaries WHERE pi_id IN (SELECT i FROM chunk) AND status = 'Payment Failed'
         GROUP BY pi_id) f ON f.pi_id = c.i
 WHERE c.i % 2 = 0;
INSERT INTO beneficiaries (id, pi_id, benf_id, parent_beneficiary_id, name, account_no, ifsc, org_account_no, org_ifsc, mobile,
                           amount_paise, status, utr_no, utr_date, updated_at)
SELECT ${pis * benfs} + b.id, cor.id, b.benf_id, b.id, b.name, '4' || substr(b.account_no, 2), b.ifsc, b.account_no, b.ifsc, b.mobile, b.amount_paise,
       'Payment Successful', 'SBIC' || printf('%012d', b.id), cor.bill_date, cor.updated_at
  FROM pis cor JOIN beneficiaries b ON b.pi_id = cor.parent_pi_id AND b.status = 'Payment Failed'
 WHERE cor.id IN (SELECT ${pis} + i FROM chunk);

-- The calls that got them there, each with its decrypted request and response.
INSERT INTO treasury_calls (service, pi_id, attempt, started_at, duration_ms, outcome, message, http_status, request_json, response_json)
SELECT 'PI', p.id, 1, p.created_at, 300 + p.id % 900,
       CASE p.status WHEN 'Pending' THEN 'NO_RESPONSE' ELSE 'OK' END,
       CASE p.status WHEN 'Pending' THEN 'On call of PI API: No response is received.' ELSE ${msg('PI')} END,
       CASE p.status WHEN 'Pending' THEN NULL ELSE 200 END,
       json_object('service', 'PI', 'params', json_object('jitBillNo', p.bill_no, 'jitBillDate', p.bill_date, 'hoa', p.hoa,
         'billGrossAmount', printf('%.2f', p.gross_paise / 100.0), 'billNumberOfBenf', ${benfs}, 'purpose', p.purpose)),
       CASE p.status WHEN 'Pending' THEN NULL ELSE json_object('jitBillNo', p.bill_no, 'successCode', '0') END
  FROM pis p WHERE p.id IN (SELECT i FROM chunk);
INSERT INTO treasury_calls (service, pi_id, attempt, started_at, duration_ms, outcome, message, http_status, request_json, response_json)
SELECT 'PIS', c.i, 1, c.at + ${DAY}, 200 + c.i % 700, CASE WHEN ${reached(['Failed', 'Declined'])} THEN 'ERROR' ELSE 'OK' END,
       p.last_message, 200, json_object('params', json_object('jitBillNo', p.bill_no)),
       json_object('pmtInstId', p.pmt_inst_id, 'payInstDate', p.pay_inst_date, 'status', c.status)
  FROM chunk c JOIN pis p ON p.id = c.i WHERE ${reached(['Approved', 'In Process', 'Completed', 'Failed', 'Declined'])};
INSERT INTO treasury_calls (service, pi_id, attempt, started_at, duration_ms, outcome, message, http_status, request_json, response_json)
SELECT 'PAG', c.i, 1, c.at + ${DAY} + 3600000, 250 + c.i % 600, 'OK', ${msg('PAG')}, 200,
       json_object('params', json_object('jitBillNo', p.bill_no, 'pmtInstId', p.pmt_inst_id)),
       json_object('adviceId', 'ADV' || c.i, 'onlineBillRefNo', 'OBR' || printf('%09d', c.i), 'tokenNumber', 'TOK' || c.i)
  FROM chunk c JOIN pis p ON p.id = c.i WHERE ${reached(['In Process', 'Completed'])};
-- A PD that got no answer first, for one PI in 20.
INSERT INTO treasury_calls (service, pi_id, attempt, started_at, duration_ms, outcome, message, error_detail, request_json)
SELECT 'PD', c.i, 1, c.at + 2 * ${DAY}, 30000, 'NO_RESPONSE', 'On call of PD API: No response is received.', 'timeout of 30000ms exceeded',
       json_object('params', json_object('onlineBillRefNo', 'OBR' || printf('%09d', c.i)))
  FROM chunk c WHERE c.status = 'Completed' AND c.i % 20 = 0;
INSERT INTO treasury_calls (service, pi_id, attempt, started_at, duration_ms, outcome, message, http_status, request_json, response_json)
SELECT 'PD', c.i, CASE WHEN c.i % 20 = 0 THEN 2 ELSE 1 END, c.at + 2 * ${DAY} + 60000, 400 + c.i % 900, 'OK', ${msg('PD')}, 200,
       json_object('params', json_object('onlineBillRefNo', 'OBR' || printf('%09d', c.i))),
       (SELECT json_object('voucherNo', 'VCH' || c.i, 'benfList', json_group_array(json_object('benfId', b.benf_id, 'utrNo', b.utr_no,
          'utrDate', b.utr_date, 'endToEndId', b.end_to_end_id, 'amount', printf('%.2f', b.amount_paise / 100.0))))
          FROM beneficiaries b WHERE b.pi_id = c.i)
  FROM chunk c WHERE c.status = 'Completed';
INSERT INTO treasury_calls (service, pi_id, attempt, started_at, duration_ms, outcome, message, http_status, request_json, response_json)
SELECT 'FD', c.i, 1, c.at + 3 * ${DAY}, 300 + c.i % 800, 'OK', ${msg('FD')}, 200,
       json_object('params', json_object('onlineBillRefNo', 'OBR' || printf('%09d', c.i))),
       (SELECT json_object('benfDtls', json_group_array(json_object('benfId', b.benf_id, 'failedReason', b.failed_reason,
          'utrNo', b.utr_no))) FROM beneficiaries b WHERE b.pi_id = c.i AND b.status = 'Payment Failed')
  FROM chunk c WHERE c.status = 'Completed';
INSERT INTO treasury_calls (service, pi_id, attempt, started_at, duration_ms, outcome, message, http_status, request_json, response_json)
SELECT 'FTPS', cor.id, 1, cor.completed_at, 350, 'OK', ${msg('FTPS')}, 200, json_object('params', json_object('jitCorBillNo', cor.bill_no)),
       (SELECT json_object('benfList', json_group_array(json_object('benfId', b.benf_id, 'utrNo', b.utr_no)))
          FROM beneficiaries b WHERE b.pi_id = cor.id)
  FROM pis cor WHERE cor.id IN (SELECT ${pis} + i FROM chunk);

-- Their status history: each PI's steps and each beneficiary's.
WITH steps(n, s) AS (VALUES (1, 'Initiated'), (2, 'Approved'), (3, 'In Process'), (4, 'Completed'))
INSERT INTO status_history (pi_id, from_status, to_status, reason, at)
SELECT c.i, CASE steps.n WHEN 1 THEN 'Pending' ELSE (SELECT s FROM steps x WHERE x.n = steps.n - 1) END, steps.s, NULL,
       c.at + steps.n * 3600000
  FROM chunk c JOIN steps ON steps.n <= CASE c.status WHEN 'Initiated' THEN 1 WHEN 'Approved' THEN 2 WHEN 'In Process' THEN 3
                                                     WHEN 'Completed' THEN 4 ELSE 0 END;
INSERT INTO status_history (pi_id, from_status, to_status, reason, at)
SELECT c.i, 'Initiated', c.status, p.last_message, c.at + ${DAY} FROM chunk c JOIN pis p ON p.id = c.i
 WHERE ${reached(['Failed', 'Declined'])};
INSERT INTO status_history (pi_id, beneficiary_id, from_status, to_status, reason, at)
SELECT b.pi_id, b.id, 'Payment Initiated', 'Payment In Process', NULL, c.at + 2 * ${DAY}
  FROM chunk c JOIN beneficiaries b ON b.pi_id = c.i WHERE ${reached(['In Process', 'Completed'])};
INSERT INTO status_history (pi_id, beneficiary_id, from_status, to_status, reason, at)
SELECT b.pi_id, b.id, 'Payment In Process', 'Payment Successful', NULL, c.at + 2 * ${DAY} + 60000
  FROM chunk c JOIN beneficiaries b ON b.pi_id = c.i WHERE c.status = 'Completed';
INSERT INTO status_history (pi_id, beneficiary_id, from_status, to_status, reason, at)
SELECT b.pi_id, b.id, 'Payment Successful', 'Payment Failed', b.failed_reason, c.at + 3 * ${DAY}
  FROM chunk c JOIN beneficiaries b ON b.pi_id = c.i AND b.status = 'Payment Failed';

-- One SMS per paid beneficiary (PD) and per bank failure (FD); the newest still queued.
INSERT INTO sms_outbox (beneficiary_id, event, utr_no, mobile, body, status, attempts, created_at, sent_at)
SELECT b.id, 'PD', b.utr_no, b.mobile,
       'Dear ' || b.name || ', Rs. ' || printf('%.2f', b.amount_paise / 100.0) || ' has been credited to your account ending ' ||
       substr(b.account_no, -4) || ' vide UTR ' || b.utr_no || ' on ' || b.utr_date || '. -Govt of Odisha',
       CASE WHEN c.i > ${pis} - 200 THEN 'queued' ELSE 'sent' END, CASE WHEN c.i > ${pis} - 200 THEN 0 ELSE 1 END,
       c.at + 2 * ${DAY}, CASE WHEN c.i > ${pis} - 200 THEN NULL ELSE c.at + 2 * ${DAY} + 60000 END
  FROM chunk c JOIN beneficiaries b ON b.pi_id = c.i WHERE c.status = 'Completed';
INSERT INTO sms_outbox (beneficiary_id, event, utr_no, mobile, body, status, attempts, created_at, sent_at)
SELECT b.id, 'FD', b.utr_no, b.mobile,
       'Dear ' || b.name || ', the payment of Rs. ' || printf('%.2f', b.amount_paise / 100.0) || ' to your account ending ' ||
       substr(b.account_no, -4) || ' failed: ' || b.failed_reason || '. -Govt of Odisha', 'sent', 1, c.at + 3 * ${DAY}, c.at + 3 * ${DAY}
  FROM chunk c JOIN beneficiaries b ON b.pi_id = c.i AND b.status = 'Payment Failed';`;
}
