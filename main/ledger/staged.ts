// Many set-based statements over one batch in two trips to the ledger's thread: the batch's
// JSON documents are staged by one bound statement, then the statements that read them run
// by one exec. During a nightly run each trip waits for a main thread busy with the
// treasury's answers. A document is kept as JSONB, parsed once when staged: read as JSON
// text, every `j.value ->> 'field'` parsed its element again (a PD batch's 12 fields per
// beneficiary cost 3× the rows' own writes).
import type { Conn } from './conn';

/** The writer's scratch table for staged documents (temp: private to its connection). */
export const STAGED_TABLE = 'CREATE TEMP TABLE staged (name TEXT PRIMARY KEY, doc BLOB NOT NULL)';

/** Stage JSON documents by name (as JSONB), replacing any of the same name, in one statement. */
export async function stage(tx: Conn, docs: Record<string, string>): Promise<void> {
  const names = Object.keys(docs);
  await tx.run(
    `INSERT OR REPLACE INTO temp.staged (name, doc) VALUES ${names.map(() => '(?, jsonb(?))').join(', ')}`,
    names.flatMap((n) => [n, docs[n]]),
  );
}

/** The elements of a staged array, as a table-valued `jsonb_each` for a FROM clause. */
export const elementsOf = (name: string): string =>
  `jsonb_each((SELECT doc FROM temp.staged WHERE name = '${name}'))`;

/** Writes not made yet: documents to stage and the statements (each ending in `;`) that read them. */
export interface StagedWrite {
  docs: Record<string, string>;
  sql: string;
}

/**
 * A batch's writes, made together: stage their documents, run their statements (which read
 * them with elementsOf) in order by one exec, then empty the stage, so a batch's documents are
 * not kept past its writes. Two documents of one name would leave one set of statements
 * reading the other's rows: refused.
 */
export async function writeStaged(tx: Conn, writes: StagedWrite[]): Promise<void> {
  const docs: Record<string, string> = {};
  for (const w of writes)
    for (const [name, doc] of Object.entries(w.docs)) {
      if (name in docs) throw new Error(`two staged documents named ${name}`);
      docs[name] = doc;
    }
  await stage(tx, docs);
  await tx.exec(`${writes.map((w) => w.sql).join('\n')}\nDELETE FROM temp.staged;`);
}
