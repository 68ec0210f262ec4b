import type { State } from '@livestore/livestore'

type MigrationOptions = NonNullable<Parameters<typeof State.SQLite.makeState>[0]['migrations']>
type RebuildHooks = NonNullable<Extract<MigrationOptions, { strategy: 'auto' }>['hooks']>

/** Pages SQLite may keep in memory during a rebuild (negative: KiB), and the default it returns to. */
const REBUILD_CACHE_KIB = 256 * 1024
const DEFAULT_CACHE_KIB = 2000

/**
 * A rebuild after a table change runs as one transaction, with a large page cache.
 *
 * Why: LiveStore 0.4 replays the event log into a new state database on OPFS with every statement in
 * its own transaction (its faster in-memory rebuild is a TODO in `recreate-db.ts`), so each statement
 * wrote its pages, its rollback journal and a sync to disk, and re-read index pages the 2 MB default
 * cache had dropped: at 100k memories, writes, reads and syncs of the OPFS file were most of the
 * leader's time. `pre` runs after the tables exist and before the replay, `post` right after it, both
 * on the database being rebuilt. If the replay fails, LiveStore discards that database, so a
 * transaction left open is discarded with it; the event log, the truth, is never touched.
 */
export const rebuildInOneTransaction: RebuildHooks = {
  pre: (db) => {
    db.execute(`PRAGMA cache_size = -${REBUILD_CACHE_KIB}`)
    db.execute('BEGIN IMMEDIATE')
  },
  post: (db) => {
    db.execute('COMMIT')
    db.execute(`PRAGMA cache_size = -${DEFAULT_CACHE_KIB}`)
  },
}
