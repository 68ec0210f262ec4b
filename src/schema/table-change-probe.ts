import { State } from '@livestore/livestore'
import { memories } from './memories.ts'

/**
 * The smallest real table change: `memories` with one more (nullable) column. The migration test,
 * the schema-change e2e test and `npm run bench` build the app with it to prove what a future table
 * change costs (a rebuild of state from the event log) and that every row survives it.
 */
export const memoriesWithProbeColumn = State.SQLite.table({
  name: 'memories',
  columns: { ...memories.sqliteDef.columns, reviewAt: State.SQLite.integer({ nullable: true }) },
  indexes: [...(memories.sqliteDef.indexes ?? [])],
})

/** Whether this build carries the probe change (set by `VITE_TABLE_CHANGE_PROBE=1` at build time). */
export const TABLE_CHANGE_PROBE = import.meta.env.VITE_TABLE_CHANGE_PROBE === '1'
