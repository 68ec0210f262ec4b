import type { State } from '@livestore/livestore'

type MigrationOptions = NonNullable<Parameters<typeof State.SQLite.makeState>[0]['migrations']>
type RebuildHooks = NonNullable<Extract<MigrationOptions, { strategy: 'auto' }>['hooks']>

/** Pages SQLite may keep in memory during a rebuild (negative: KiB), and what the leader keeps after. */
const REBUILD_CACHE_KIB = 256 * 1024
/** The leader's own setting (`scripts/livestore-patches.ts`, "a larger page cache in the leader"). */
const LEADER_CACHE_KIB = 64 * 1024

/**
 * Indexes that serve only the app's reads (the memory list's orders), never a materializer's lookup:
 * during a rebuild they are dropped before the replay and built once after it. Why: each batch of a
 * replayed import lands at scattered places in them, so maintaining them row by row rewrote nearly
 * every page of each per batch; SQLite builds an index from a finished table by one sort. An index
 * a materializer filters by (memory links by memory, messages by conversation, history by memory)
 * must not be here: replaying without it would scan a whole table per event.
 */
export const INDEXES_BUILT_AFTER_REPLAY = [
  'memories_persona_rank',
  'memories_persona_recent',
  'memories_persona_created',
] as const

type Db = Parameters<NonNullable<RebuildHooks['pre']>>[0]

/**
 * A rebuild after a table change runs as one transaction — from before LiveStore creates the new
 * tables to after the replay — with a large page cache, and builds the list indexes after the replay.
 *
 * Why from before the tables (`init`, not `pre`): LiveStore takes a state database whose system tables
 * exist as complete, and rebuilds only one that lacks them. Had the tables been committed before the
 * replay, a tab closed mid-rebuild would leave a database with tables and no rows, and every later
 * start would show no data. In one transaction, SQLite rolls the unfinished rebuild back on the next
 * open (its rollback journal), the tables go with it, and the next start rebuilds from the log.
 *
 * Why: LiveStore 0.4 replays the event log into a new state database on OPFS with every statement in
 * its own transaction (its faster in-memory rebuild is a TODO in `recreate-db.ts`), so each statement
 * wrote its pages, its rollback journal and a sync to disk, and re-read index pages the small default
 * cache had dropped: at 100k memories, writes, reads and syncs of the OPFS file were most of the
 * leader's time. `init` runs before the tables are created, `pre` after they exist and before the
 * replay, `post` right after it, all on the database being rebuilt. If the replay fails, LiveStore discards that database, so a
 * transaction left open (or an index not yet built) is discarded with it; the event log, the truth,
 * is never touched.
 */
export const makeRebuildHooks = (): RebuildHooks => {
  let deferred: ReadonlyArray<{ name: string; sql: string }> = []
  return {
    init: (db: Db) => {
      db.execute(`PRAGMA cache_size = -${REBUILD_CACHE_KIB}`)
      db.execute('BEGIN IMMEDIATE')
    },
    pre: (db: Db) => {
      const names = INDEXES_BUILT_AFTER_REPLAY.map((name) => `'${name}'`).join(', ')
      deferred = db.select<{ name: string; sql: string }>(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (${names})`,
      )
      for (const { name } of deferred) db.execute(`DROP INDEX "${name}"`)
    },
    post: (db: Db) => {
      for (const { sql } of deferred) db.execute(sql)
      deferred = []
      db.execute('COMMIT')
      db.execute(`PRAGMA cache_size = -${LEADER_CACHE_KIB}`)
    },
  }
}
