import type { RunSql } from '../search/store-sync.ts'
import { yieldToTab } from '../store/yield-to-tab.ts'

/** A record marked deleted before `$cutoff` (Undo's grace over): its key is destroyed. */
const DELETED_BEFORE_CUTOFF = 'deletedAt IS NOT NULL AND deletedAt <= $cutoff'

/**
 * Forgetting for real: a record deleted (by hand, by retention, by the cleanup job, by "forget this
 * persona" or "forget everything since …") is forgotten when its record key is destroyed
 * (`src/vault/record-keys.ts`). Deleting only marks the row; this finds the keys no kept record uses
 * and destroys them, in every tab. Deleted rows stay readable for `UNDO_GRACE_MS` so Undo works.
 *
 * Which column tells a record's key: any sealed one (every field of a record is sealed with the same
 * key), so the shortest. Chunks use their document's key; notifications have their own key and are
 * forgotten with the record they are about.
 */
const OWNERS = [
  { table: 'memories', column: 'name', dead: DELETED_BEFORE_CUTOFF },
  { table: 'conversations', column: 'title', dead: DELETED_BEFORE_CUTOFF },
  { table: 'messages', column: 'attachments', dead: DELETED_BEFORE_CUTOFF },
  { table: 'documents', column: 'name', dead: DELETED_BEFORE_CUTOFF },
  { table: 'personas', column: 'name', dead: DELETED_BEFORE_CUTOFF },
  // A run's sealed fields are all optional (a waiting run has none yet): whichever it has names its
  // key. Runs are removed outright (retention), never marked: a run's key then belongs to no row, and
  // goes as an unreferenced key does (`keysToDestroy`).
  { table: 'workflow_runs', column: 'COALESCE(currentStep, result, error)', dead: '0' },
] as const

/** How long a deleted record can still be brought back by Undo before its key is destroyed. */
export const UNDO_GRACE_MS = 30_000

/** `hv1.` + a record key id (`r` + 15 characters) + `.`: the key id is characters 5 to 20. */
const RECORD_KEY_OF = (column: string) => `substr(${column}, 5, 16)`
const HAS_RECORD_KEY = (column: string) =>
  `substr(${column}, 1, 5) = 'hv1.r' AND substr(${column}, 21, 1) = '.'`

/** Records a notification can be about whose keys go now: notifications about them go with them. */
const DEAD_SUBJECT = OWNERS.filter((o) => o.dead === DELETED_BEFORE_CUTOFF && o.table !== 'personas')
  .map((o) => `SELECT id FROM ${o.table} WHERE ${o.dead}`)
  .join(' UNION ALL ')

/** Rows read per step of a round: ~15–25 ms of the tab's time each at 100k memories. */
export const ROUND_SLICE = 5_000

/**
 * A slice of one table's record keys, in rowid order after `$after`, as two comma-joined lists (kept
 * and dead) with the slice's size and last rowid: one row back, not one per record. Key ids are `r`
 * and base-36 characters, so a comma never occurs in one. At 100k memories, reading the whole table
 * as one row per record (115k rows turned into JS objects) blocked the tab for 0.5–0.9 s every round
 * (`node bench/profile.mjs cross-tab`).
 */
const sliceOf = (table: string, column: string, dead: string, size: number) =>
  `SELECT count(*) AS n, max(r) AS last,
          group_concat(CASE WHEN dead THEN NULL ELSE k END) AS live,
          group_concat(CASE WHEN dead THEN k END) AS dead
   FROM (SELECT rowid AS r, (${dead}) AS dead,
                CASE WHEN ${HAS_RECORD_KEY(column)} THEN ${RECORD_KEY_OF(column)} END AS k
         FROM ${table} WHERE rowid > $after ORDER BY rowid LIMIT ${size})`

const sliceQueries = (size: number) => [
  ...OWNERS.map((o) => sliceOf(o.table, o.column, o.dead, size)),
  sliceOf('notifications', 'title', `subjectId IN (${DEAD_SUBJECT})`, size),
]
const SLICE_QUERIES = sliceQueries(ROUND_SLICE)

const DEAD_NOTIFICATIONS_SQL = `SELECT id FROM notifications
  WHERE ${HAS_RECORD_KEY('title')} AND subjectId IN (${DEAD_SUBJECT})`

export type KeyReferences = {
  live: Set<string>
  dead: Set<string>
  /** Notifications about a forgotten record: their rows go too (`v1.NotificationsForgotten`). */
  deadNotifications: string[]
}

type Slice = { n: number; last: number | null; live: string | null; dead: string | null }

const addAll = (set: Set<string>, list: string | null) => {
  if (list !== null) for (const id of list.split(',')) set.add(id)
}

/**
 * Which record keys the kept records use, and which belong to records deleted before `cutoff`.
 *
 * Read a slice per task, so a round never holds the tab for long. A key belongs to one row, so each
 * key is judged by one read. A record written during the round either lands after the rows read so
 * far (rowids grow) and is read later, or uses a spare younger than `SPARE_USE_MS`, which is not
 * destroyed for being unreferenced (`keysToDestroy`). Deletion marks a row, it does not move it.
 */
export const keyReferences = async (
  sql: RunSql,
  cutoff: number,
  sliceSize = ROUND_SLICE,
): Promise<KeyReferences> => {
  const live = new Set<string>()
  const dead = new Set<string>()
  for (const query of sliceSize === ROUND_SLICE ? SLICE_QUERIES : sliceQueries(sliceSize)) {
    for (let after = 0; ; ) {
      const [slice] = sql(query, { cutoff, after }) as Slice[]
      if (slice === undefined) break
      addAll(live, slice.live)
      addAll(dead, slice.dead)
      await yieldToTab()
      if (slice.n < sliceSize || slice.last === null) break
      after = slice.last
    }
  }
  const deadNotifications = (sql(DEAD_NOTIFICATIONS_SQL, { cutoff }) as Array<{ id: string }>).map(
    (row) => row.id,
  )
  return { live, dead, deadNotifications }
}

/**
 * The record keys of the given workflow runs, read before their rows are removed: a removed run's key
 * belongs to no row any more, and would otherwise wait out the spare keys' 30 minutes.
 */
export const runKeys = (sql: RunSql, runIds: ReadonlyArray<string>): string[] => {
  const runs = OWNERS.find((o) => o.table === 'workflow_runs')
  if (runs === undefined || runIds.length === 0) return []
  return (
    sql(
      `SELECT DISTINCT ${RECORD_KEY_OF(runs.column)} AS k FROM workflow_runs
       WHERE id IN (SELECT value FROM json_each($ids)) AND ${HAS_RECORD_KEY(runs.column)}`,
      { ids: JSON.stringify(runIds) },
    ) as Array<{ k: string }>
  ).map((row) => row.k)
}

/** The key id a record's stored envelope names, for `RecordKeys.setResolver`: one lookup by primary key. */
const OWNER_KEY_SQL = `${OWNERS.map((o) => `SELECT ${o.column} AS v FROM ${o.table} WHERE id = $id`).join(' UNION ALL ')} LIMIT 1`

export const ownerKeyResolver =
  (sql: RunSql) =>
  (ownerId: string): string | undefined => {
    const [row] = sql(OWNER_KEY_SQL, { id: ownerId }) as Array<{ v: string | null }>
    const value = row?.v
    if (typeof value !== 'string' || !value.startsWith('hv1.')) return undefined
    return value.split('.')[1]
  }
