// The embedded sandbox lives in memory, but the console's ledger outlives it: accepted PIs
// and revised PIs are appended to a journal and replayed at the next start, so a PI pushed
// yesterday is still known to the sandbox today.
import fs from 'node:fs';

export interface JournalEntry {
  service: 'PI' | 'COR';
  params: Record<string, unknown>;
  at: number;
}

export function readJournal(file: string): JournalEntry[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as JournalEntry];
      } catch {
        return []; // a line cut short by a crash: that push was never answered
      }
    });
}

export function appendJournal(file: string, entry: JournalEntry): void {
  fs.appendFileSync(file, `${JSON.stringify(entry)}\n`);
}
