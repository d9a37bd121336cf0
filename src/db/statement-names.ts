import { createHash } from 'node:crypto';

/**
 * Names for server-side prepared statements. PostgreSQL then parses and plans a statement once per
 * connection instead of on every execution, which matters for the ledger's few, long, constantly
 * repeated statements. A name is a hash of the SQL text, so the same text always maps to the same
 * statement. The set of texts is small and fixed; past `NAMED_STATEMENTS_MAX` distinct texts (a sign
 * of SQL built with inlined values somewhere) new texts run unprepared rather than grow without bound.
 */
const NAMED_STATEMENTS_MAX = 500;
const names = new Map<string, string>();

export function statementNameFor(sql: string): string {
  const known = names.get(sql);
  if (known !== undefined) return known;
  // An empty name is pg's unnamed statement: parsed for this execution only.
  if (names.size >= NAMED_STATEMENTS_MAX) return '';
  const name = `s_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
  names.set(sql, name);
  return name;
}
