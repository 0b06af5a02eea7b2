// What file the payments import takes, checked in the page before the file is read and again
// in main (a 2 GB file read into the page would freeze it before main could say no).

/** The largest import file, in bytes. */
export const IMPORT_MAX_BYTES = 20_000_000;

const SPREADSHEET = /\.(xlsx|xlsm|xls|ods|numbers)$/i;

/** Why a file cannot be imported, judged from its name and size alone; null if it may be. */
export function importFileProblem(name: string, bytes: number): string | null {
  if (SPREADSHEET.test(name)) {
    return `${name} is a spreadsheet workbook, not a JSON or CSV file: open it and save it as CSV (File → Save As → CSV UTF-8), then import the .csv file.`;
  }
  if (!/\.(csv|json)$/i.test(name)) {
    return `${name} is not a JSON or CSV file: the import takes .csv or .json files only.`;
  }
  if (bytes > IMPORT_MAX_BYTES) {
    return `${name} is ${(bytes / 1e6).toFixed(1)} MB; an import file may be at most ${IMPORT_MAX_BYTES / 1e6} MB. Split it into smaller files.`;
  }
  if (bytes === 0) return `${name} is empty.`;
  return null;
}
