import type { Bindable } from '@livestore/livestore'
import type { TestStore } from './test-store.ts'

export type SqlStatement = { query: string; bindValues: Bindable }

/** The `detail` lines of SQLite's `EXPLAIN QUERY PLAN` for a statement, run on the store's own database. */
export const queryPlan = (store: TestStore, { query, bindValues }: SqlStatement): string[] => {
  const rows = store.query({ query: `EXPLAIN QUERY PLAN ${query}`, bindValues }) as ReadonlyArray<{
    detail: string
  }>
  return rows.map((row) => row.detail)
}

/** The indexes a plan searches or scans with (`USING INDEX x`, `USING COVERING INDEX x`), in plan order. */
export const indexesUsed = (plan: ReadonlyArray<string>): string[] =>
  plan.flatMap((line) => [...line.matchAll(/USING (?:COVERING )?INDEX (\S+)/g)].map((m) => m[1] ?? ''))

/** Plan lines that sort in a temporary B-tree (a full sort, or a partial one for the last ORDER BY terms). */
export const sortSteps = (plan: ReadonlyArray<string>): string[] =>
  plan.filter((line) => line.includes('TEMP B-TREE'))

/** Plan lines that read a whole table without an index. */
export const fullScans = (plan: ReadonlyArray<string>): string[] =>
  plan.filter((line) => line.trim().startsWith('SCAN ') && !line.includes('INDEX'))
