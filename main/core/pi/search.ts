// Search over the full-text indexes that triggers keep in step with the ledger: PIs by bill,
// payment and JIT PI id; beneficiaries by name, id, account (whole or its last digits) and
// mobile; their UTRs in an index of their own (PD writes one per beneficiary, and
// re-indexing the whole row for it cost the nightly run half its ledger work).

/** FTS5 MATCH expressions for what a clerk typed, or null when it has nothing to search. */
export interface SearchQuery {
  pi: string;
  beneficiary: string;
  utr: string;
}

const MAX_TOKENS = 8;

/**
 * A search stops counting after this many matching PIs (or beneficiaries): past it the page
 * says "1,000+" and the clerk types more. Counting every match of a common name cost a scan
 * of tens of thousands of rows per keystroke on a large ledger.
 */
export const SEARCH_CAP = 1000;

export function searchQuery(text: string | undefined): SearchQuery | null {
  // The index splits on anything but letters and digits; so does the query, which also
  // keeps FTS5's own syntax (quotes, colons, NEAR) out of what the user typed.
  const tokens = (text ?? '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_TOKENS);
  if (tokens.length === 0) return null;
  // A prefix of one or two letters would match most of a large ledger: such a token must
  // match a whole word (an initial).
  const word = (t: string) => (t.length >= 3 ? `"${t}"*` : `"${t}"`);
  return {
    // A bill, payment or JIT id is typed as it is written: its words in order, the last one
    // maybe unfinished ("2023-24/0001"). As a phrase only the last word is a prefix; a prefix
    // on every word ("PI"*, "2023"*) made FTS5 merge every PI's entries for each.
    pi: `"${tokens.join(' ')}"*`,
    beneficiary: tokens
      .map((t) => {
        // Only digits can be an account's last digits. account_tail holds each account's
        // last 4 to 16 characters as whole tokens, so they match exactly there; the column
        // filter keeps a prefix from matching digits in an account's middle. A word with a
        // letter needs no filter (which would cost FTS5 a read of every position).
        if (!/^\p{N}+$/u.test(t)) return word(t);
        return `({name benf_id account_no mobile} : ${word(t)} OR account_tail : "${t}")`;
      })
      .join(' AND '),
    // A UTR is searched on its own: its words are not combined with a name's.
    utr: tokens.map(word).join(' AND '),
  };
}

/**
 * The newest beneficiaries that match, up to SEARCH_CAP, by their details or their UTR, as
 * rows of `bid`. Parameters: beneficiary, utr.
 */
export const BENEFICIARY_HITS = `SELECT bid FROM (
  SELECT bid FROM (SELECT rowid AS bid FROM beneficiary_search WHERE beneficiary_search MATCH ? ORDER BY rowid DESC LIMIT ${SEARCH_CAP})
  UNION SELECT bid FROM (SELECT rowid AS bid FROM utr_search WHERE utr_search MATCH ? ORDER BY rowid DESC LIMIT ${SEARCH_CAP})
  ORDER BY bid DESC LIMIT ${SEARCH_CAP})`;

/**
 * A CTE `matched(pi_id, bid)`: the newest PIs that match, up to SEARCH_CAP from each index,
 * with the first matching beneficiary (NULL when the PI matched by its own numbers).
 * Parameters: pi, beneficiary, utr.
 */
export const MATCHED_CTE = `
pi_hit(pi_id) AS MATERIALIZED (
  SELECT rowid FROM pi_search WHERE pi_search MATCH ? ORDER BY rowid DESC LIMIT ${SEARCH_CAP}),
benf_hit(bid) AS MATERIALIZED (${BENEFICIARY_HITS}),
hit(pi_id, bid) AS (
  SELECT pi_id, NULL FROM pi_hit
  UNION ALL
  SELECT b.pi_id, h.bid FROM benf_hit h JOIN beneficiaries b ON b.id = h.bid),
matched(pi_id, bid, capped) AS (
  SELECT pi_id, min(bid),
         (SELECT count(*) FROM pi_hit) >= ${SEARCH_CAP} OR (SELECT count(*) FROM benf_hit) >= ${SEARCH_CAP}
    FROM hit GROUP BY pi_id)`;

/**
 * The ids of the PIs that match, as a subquery for `pi_id IN (...)`, capped as MATCHED_CTE is.
 * Parameters: pi, beneficiary, utr.
 */
export const MATCHED_PI_IDS = `
  SELECT * FROM (SELECT rowid FROM pi_search WHERE pi_search MATCH ? ORDER BY rowid DESC LIMIT ${SEARCH_CAP})
  UNION SELECT b.pi_id FROM beneficiaries b WHERE b.id IN (${BENEFICIARY_HITS})`;

/**
 * A MATCH on utr_search for the beneficiaries whose UTR is made of these words, or null when
 * it has none. The ledger has no b-tree index on utr_no (PD writes one per beneficiary), so an
 * exact look-up goes through the search index and compares utr_no after.
 */
export function utrMatch(utr: string): string | null {
  const tokens = utr.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return tokens.length ? `"${tokens.join(' ')}"` : null;
}
