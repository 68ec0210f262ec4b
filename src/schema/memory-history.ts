import { queryDb, Schema, State } from '@livestore/livestore'

/**
 * A memory's history (docs/LIFECYCLE.md, "History"): one row per change, materialized from the same
 * events that make the change, because LiveStore's event log cannot be queried from the page.
 * Creation needs no row: the memory's own `createdAt`, source and origin say it.
 *
 * - `edited`: `before` is the memory's content as it was (what "Undo last edit" brings back);
 * - `importance`, `tier`: `detail` holds `from` and `to`;
 * - `merged` (on the memory kept): `before` is it before the merge, `other` the memory it absorbed,
 *   `detail.absorbedId`; `absorbed` (on the other): `other` is the memory it went into, `detail.intoId`;
 * - `accessed`: one row per memory per day used, `detail.count` adds up the views of that day;
 * - `undone`: an undo of an edit; `before` is what the undo replaced, `detail.historyId` the edit.
 *
 * Snapshots hold the sealed fields exactly as the memory row stored them (envelopes bound to the
 * memory's own id), so history is as sealed as the memory is, and opens with `memoryFields.open`.
 */
export const HISTORY_KINDS = [
  'edited',
  'importance',
  'tier',
  'merged',
  'absorbed',
  'accessed',
  'undone',
] as const
export const HistoryKind = Schema.Literal(...HISTORY_KINDS)
export type HistoryKind = typeof HistoryKind.Type

export const memoryHistory = State.SQLite.table({
  name: 'memory_history',
  columns: {
    /** Deterministic (`<memoryId>:<kind>:<…>`), so every tab and every rebuild makes the same row. */
    id: State.SQLite.text({ primaryKey: true }),
    memoryId: State.SQLite.text(),
    kind: State.SQLite.text({ schema: HistoryKind }),
    at: State.SQLite.integer(),
    before: State.SQLite.text({ nullable: true }),
    other: State.SQLite.text({ nullable: true }),
    /** Plain numbers and ids only (never content). */
    detail: State.SQLite.text({ default: '{}' }),
    /** Set on an `edited` row when it was undone. */
    undoneAt: State.SQLite.integer({ nullable: true }),
  },
  // A memory's history newest first, ties by id: read from this index in order, no sort step.
  indexes: [{ name: 'memory_history_memory', columns: ['memoryId', 'at', 'id'] }],
})
export type MemoryHistoryRow = typeof memoryHistory.Type

/**
 * A pair of memories the person said are not duplicates: never proposed again. The ids are sorted
 * (`firstId < secondId`), so the pair has one row whichever way round it was shown.
 */
export const mergeDismissals = State.SQLite.table({
  name: 'merge_dismissals',
  columns: {
    id: State.SQLite.text({ primaryKey: true }),
    firstId: State.SQLite.text(),
    secondId: State.SQLite.text(),
    dismissedAt: State.SQLite.integer(),
  },
})

/** The content columns an undo writes back from a snapshot (`$.x` of the JSON in `source`). */
export const RESTORED_COLUMNS = [
  'name',
  'content',
  'compressed',
  'summary',
  'tags',
  'type',
  'source',
  'confidence',
  'expiresAt',
  'factCategory',
  'factKey',
] as const

/** The memory row `alias` as a history snapshot: every content field as stored (sealed), plus provenance. */
export const snapshotSql = (alias: string) =>
  `json_object(${[...RESTORED_COLUMNS, 'importance', 'originKind', 'originId', 'createdAt']
    .map((column) => `'${column}', ${alias}.${column}`)
    .join(', ')})`

/** A snapshot as stored: the sealed fields are envelopes, the rest plain. */
export const HistorySnapshot = Schema.Struct({
  name: Schema.String,
  content: Schema.String,
  compressed: Schema.Number,
  summary: Schema.String,
  tags: Schema.String,
  type: Schema.String,
  source: Schema.String,
  confidence: Schema.Number,
  expiresAt: Schema.NullOr(Schema.Number),
  factCategory: Schema.NullOr(Schema.String),
  factKey: Schema.NullOr(Schema.String),
  importance: Schema.Number,
  originKind: Schema.NullOr(Schema.String),
  originId: Schema.NullOr(Schema.String),
  createdAt: Schema.Number,
})
export type HistorySnapshot = typeof HistorySnapshot.Type

export const parseSnapshot = (json: string | null): HistorySnapshot | null =>
  json === null ? null : Schema.decodeUnknownSync(HistorySnapshot)(JSON.parse(json))

/** The newest history of a memory first; a memory used every day for years is capped at the latest. */
export const HISTORY_LIMIT = 200

/** The statement behind `memoryHistory$` (exported so its plan is tested). */
export const MEMORY_HISTORY_SQL = `SELECT * FROM memory_history WHERE memoryId = $memoryId ORDER BY at DESC, id DESC LIMIT ${HISTORY_LIMIT}`

export const memoryHistory$ = (memoryId: string) =>
  queryDb(
    {
      query: MEMORY_HISTORY_SQL,
      bindValues: { memoryId },
      schema: Schema.Array(memoryHistory.rowSchema),
    },
    { label: 'memories.history', deps: [memoryId] },
  )

/** The edit "Undo last edit" would undo: the newest edit not undone yet (none: an empty array). */
export const lastEdit$ = (memoryId: string) =>
  queryDb(
    {
      query: `SELECT id, at FROM memory_history WHERE memoryId = $memoryId AND kind = 'edited' AND undoneAt IS NULL
              AND before IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1`,
      bindValues: { memoryId },
      schema: Schema.Array(Schema.Struct({ id: Schema.String, at: Schema.Number })),
    },
    { label: 'memories.lastEdit', deps: [memoryId] },
  )

/**
 * Every memory merged into this one, directly or through memories merged into those: the `merged`
 * rows with the absorbed memory's snapshot (its provenance), oldest first.
 */
export const mergedInto$ = (memoryId: string) =>
  queryDb(
    {
      query: `WITH RECURSIVE chain(id) AS (
                SELECT $memoryId
                UNION SELECT json_extract(h.detail, '$.absorbedId') FROM memory_history h JOIN chain c ON h.memoryId = c.id
                WHERE h.kind = 'merged')
              SELECT h.id, h.memoryId, h.at, h.other, json_extract(h.detail, '$.absorbedId') AS absorbedId
              FROM memory_history h JOIN chain c ON h.memoryId = c.id
              WHERE h.kind = 'merged' AND h.other IS NOT NULL ORDER BY h.at, h.id`,
      bindValues: { memoryId },
      schema: Schema.Array(
        Schema.Struct({
          id: Schema.String,
          memoryId: Schema.String,
          at: Schema.Number,
          other: Schema.String,
          absorbedId: Schema.String,
        }),
      ),
    },
    { label: 'memories.mergedInto', deps: [memoryId] },
  )

/** The pairs of a persona's memories dismissed as "not duplicates". */
export const mergeDismissals$ = (personaId: string) =>
  queryDb(
    {
      query: `SELECT d.firstId, d.secondId FROM merge_dismissals d JOIN memories m ON m.id = d.firstId
              WHERE m.personaId = $personaId`,
      bindValues: { personaId },
      schema: Schema.Array(Schema.Struct({ firstId: Schema.String, secondId: Schema.String })),
    },
    { label: 'memories.mergeDismissals', deps: [personaId] },
  )
