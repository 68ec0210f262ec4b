import type { RunSql } from '../search/store-sync.ts'

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

const REFERENCES_SQL = [
  ...OWNERS.map(
    (o) =>
      `SELECT ${RECORD_KEY_OF(o.column)} AS k, (${o.dead}) AS dead, NULL AS notification
       FROM ${o.table} WHERE ${HAS_RECORD_KEY(o.column)}`,
  ),
  `SELECT ${RECORD_KEY_OF('title')} AS k, (subjectId IN (${DEAD_SUBJECT})) AS dead, id AS notification
   FROM notifications WHERE ${HAS_RECORD_KEY('title')}`,
].join(' UNION ALL ')

export type KeyReferences = {
  live: Set<string>
  dead: Set<string>
  /** Notifications about a forgotten record: their rows go too (`v1.NotificationsForgotten`). */
  deadNotifications: string[]
}

/** Which record keys the kept records use, and which belong to records deleted before `cutoff`. */
export const keyReferences = (sql: RunSql, cutoff: number): KeyReferences => {
  const live = new Set<string>()
  const dead = new Set<string>()
  const deadNotifications: string[] = []
  for (const row of sql(REFERENCES_SQL, { cutoff }) as Array<{
    k: string
    dead: number
    notification: string | null
  }>) {
    if (row.dead === 1) {
      dead.add(row.k)
      if (row.notification !== null) deadNotifications.push(row.notification)
    } else live.add(row.k)
  }
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
