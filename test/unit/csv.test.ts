// The one CSV format of every export: formula-looking text made inert, amounts as rupees and
// exact paise, India time, and what a spreadsheet reads back equal to what was written.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  amountColumns,
  csvDateTime,
  csvFileName,
  safeCell,
  toCsv,
  type CsvColumn,
} from '../../shared/csv';

interface Row {
  name: string;
  paise: number;
  at: number;
}
const COLUMNS: CsvColumn<Row>[] = [
  { header: 'Name', value: (r) => r.name },
  ...amountColumns<Row>('Amount', (r) => r.paise),
  { header: 'When (IST)', value: (r) => csvDateTime(r.at) },
];

describe('safeCell', () => {
  it.each(['=HYPERLINK("http://x")', '+91 94370', '-2+3', '@SUM(A1)', '\tTab', '\rCR'])(
    'prefixes %j with an apostrophe',
    (text) => expect(safeCell(text)).toBe(`'${text}`),
  );
  it.each(['Kuni Majhi', '1000.50', "O'Brien", ' =not first', ''])('leaves %j alone', (text) =>
    expect(safeCell(text)).toBe(text),
  );
});

describe('toCsv', () => {
  it('writes rupees with two decimals and paise, India time, and reads back the same', () => {
    const rows: Row[] = [
      { name: 'Kuni Majhi', paise: 4_500_000_00, at: Date.UTC(2023, 9, 21, 16, 0) },
      { name: 'Sahoo, "Raju"\nline two', paise: 5, at: Date.UTC(2023, 2, 31, 18, 30) },
      { name: '=cmd|calc', paise: -150_000, at: 0 },
    ];
    const csv = toCsv(rows, COLUMNS);
    const back = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(back).toEqual([
      ['Name', 'Amount (Rs)', 'Amount (paise)', 'When (IST)'],
      ['Kuni Majhi', '4500000.00', '450000000', '2023-10-21 21:30:00'],
      ['Sahoo, "Raju"\nline two', '0.05', '5', '2023-04-01 00:00:00'],
      // A negative amount we wrote stays a number; the formula-looking name is inert.
      ["'=cmd|calc", '-1500.00', '-150000', '1970-01-01 05:30:00'],
    ]);
    expect(csv.split('\r\n')).toHaveLength(4); // CRLF between rows; the quoted newline stays inside its cell
  });

  it('leaves empty what is missing', () => {
    const csv = toCsv<{ a: null; b: undefined }>(
      [{ a: null, b: undefined }],
      [
        { header: 'A', value: (r) => r.a },
        { header: 'B', value: (r) => r.b },
      ],
    );
    expect(csv).toBe('A,B\r\n,');
  });
});

describe('csvFileName', () => {
  it('names the list, the filter in view and the India date', () => {
    // 20:00 UTC on 21 Oct is already 22 Oct in India.
    expect(
      csvFileName(
        'payment-instructions',
        ['Failed', 'Kuni Majhi', undefined, ''],
        Date.UTC(2023, 9, 21, 20),
      ),
    ).toBe('payment-instructions_Failed_Kuni-Majhi_2023-10-22.csv');
    expect(csvFileName('sms-outbox', ['../../etc/passwd'], 0)).toBe(
      'sms-outbox_etc-passwd_1970-01-01.csv',
    );
  });
});
