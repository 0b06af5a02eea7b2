// Search over the full-text indexes that migration 7 keeps in step with the ledger: PIs by
// bill, payment and JIT PI id; beneficiaries by name, id, account (whole or its last digits),
// UTR and mobile.

/** FTS5 MATCH expressions for what a clerk typed, or null when it has nothing to search. */
export interface SearchQuery {
  pi: string;
  beneficiary: string;
  /** Any part of a bill number, as typed (LIKE pattern). */
  bill: string;
}

const MAX_TOKENS = 8;

export function searchQuery(text: string | undefined): SearchQuery | null {
  // The index splits on anything but letters and digits; so does the query, which also
  // keeps FTS5's own syntax (quotes, colons, NEAR) out of what the user typed.
  const tokens = (text ?? '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_TOKENS);
  if (tokens.length === 0) return null;
  return {
    bill: `%${(text ?? '').trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    pi: tokens.map((t) => `"${t}"*`).join(' AND '),
    beneficiary: tokens
      .map((t) => {
        // A prefix of one or two letters would match most of a large ledger: such a token
        // must match a whole word (an initial). account_tail holds each account's last 4 to
        // 16 characters as whole tokens, so "last digits" is an exact match there.
        const word = t.length >= 3 ? `"${t}"*` : `"${t}"`;
        return `({name benf_id account_no utr_no mobile} : ${word} OR account_tail : "${t}")`;
      })
      .join(' AND '),
  };
}

/**
 * A CTE `matched(pi_id, bid)`: every PI that matches, with its first matching beneficiary
 * (NULL when the PI matched by its own numbers). Parameters: pi, bill, beneficiary.
 */
export const MATCHED_CTE = `
hit(pi_id, bid) AS (
  SELECT rowid, NULL FROM pi_search WHERE pi_search MATCH ?
  UNION ALL
  SELECT id, NULL FROM pis WHERE bill_no LIKE ? ESCAPE '\\'
  UNION ALL
  SELECT b.pi_id, min(b.id) FROM beneficiary_search s JOIN beneficiaries b ON b.id = s.rowid
   WHERE beneficiary_search MATCH ? GROUP BY b.pi_id),
matched(pi_id, bid) AS (SELECT pi_id, min(bid) FROM hit GROUP BY pi_id)`;
