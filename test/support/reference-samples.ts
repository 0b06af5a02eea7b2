// The real treasury's answers (copies of ../shared/reference-samples/, kept byte for byte and
// out of prettier's reach), read as they are, quirks and all; and the head they belong to.
import fs from 'node:fs';
import path from 'node:path';
import type { HeadOfAccount } from '../../main/core/funds/heads';
import type { ScenarioInput } from '../../sandbox/scenario';

export const SAMPLES_DIR = path.resolve(__dirname, '../fixtures/reference-samples');

export const SAMPLE_FILES = [
  'va-response.json',
  'pi-response.json',
  'cor-response.json',
  'pis-response.json',
  'pis-rejected-response.json',
  'pag-response.json',
  'pd-response.json',
  'fd-response.json',
  'fd-response-without-benfid.json',
  'ftps-response.json',
  'ftfps-response.json',
] as const;
export type SampleFile = (typeof SAMPLE_FILES)[number];

/** The sample's text exactly as published. */
export function sampleText(file: SampleFile): string {
  return fs.readFileSync(path.join(SAMPLES_DIR, file), 'utf8');
}

/** The head of account of the samples (ANGUL MUNICIPALITY, SSU 1621). */
export const REFERENCE_HEAD: HeadOfAccount = {
  hoa: '2217-05-191-2634-01-00-00-00',
  tenantId: 'od.angul',
  ddoCode: 'OLSHUD001',
  granteeCode: 'GOHUDULBMPL0036',
  ssuIaId: '1621',
  effectiveDate: '2023-04-01',
  priority: 1,
  cityCode: '1013',
};

interface SampleVaRow {
  ddoCode: string;
  schemeCode: string;
  schemeName: string;
  granteeAgCode: string;
  granteeName: string;
  ssuId: string;
  ssuOffice: string;
  allotmentDate: string;
  allotmentTxnSlNo: string;
  allotmentAmount: string;
  availableBalance: string;
  allotmentTxnType: string;
  mstAllotmentDistId: string;
  ssuAllotmentId: string;
}

/** va-response.json's rows as sandbox scenario allotments (so VA's fromDate is honoured). */
export function sampleAllotments(): NonNullable<ScenarioInput['allotments']> {
  const rows = (JSON.parse(sampleText('va-response.json')) as { data: SampleVaRow[] }).data;
  return rows.map((r) => ({
    ...r,
    hoa: REFERENCE_HEAD.hoa,
    granteCode: r.granteeAgCode,
    allotmentDate: `${r.allotmentDate} 10:00:00`,
  }));
}
