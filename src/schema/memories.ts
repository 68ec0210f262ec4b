import { Events, queryDb, Schema, State } from '@livestore/livestore'
import {
  COMPRESSION_FORMAT,
  type CompressionFormat,
  compressText,
  decompressText,
  isCompressionFormat,
} from '../lifecycle/compression.ts'
import { DAY_MS } from '../lifecycle/tiers.ts'
import { type DataKey, openRaw, type SealContext, sealRaw } from '../vault/envelope.ts'
import { json, nullable, type Opened, recordCodec, recordSealingKey, text } from '../vault/record-codec.ts'
import { insertMany } from './insert-many.ts'
import { mergeDismissals, RESTORED_COLUMNS, snapshotSql } from './memory-history.ts'
import { Id, Millis, Percent, Sealed, Tags, Unit } from './shared.ts'

export const MEMORY_TYPES = [
  'person',
  'concept',
  'event',
  'task',
  'conversation',
  'knowledge',
  'fact',
  'preference',
] as const
export const MemoryType = Schema.Literal(...MEMORY_TYPES)
export type MemoryType = typeof MemoryType.Type

export const MEMORY_SOURCES = ['chat', 'document', 'workflow', 'manual'] as const
export const MemorySource = Schema.Literal(...MEMORY_SOURCES)
export type MemorySource = typeof MemorySource.Type

export const MEMORY_TIERS = ['hot', 'warm', 'cold'] as const
export const MemoryTier = Schema.Literal(...MEMORY_TIERS)
export type MemoryTier = typeof MemoryTier.Type

/** Where a memory came from: a message, a document, a workflow run, or nothing (written by hand). */
export const OriginKind = Schema.Literal('message', 'document', 'run')
export type OriginKind = typeof OriginKind.Type

/** What a person (or the assistant) wrote in a memory: all of it is content, sealed by the vault. */
export const MemoryContent = Schema.Struct({
  type: MemoryType,
  name: Schema.String,
  content: Schema.String,
  summary: Schema.String,
  tags: Tags,
  source: MemorySource,
  confidence: Unit,
  expiresAt: Schema.NullOr(Millis),
  /** Only for `fact` memories (seed 000's user facts): a category and a key unique per persona. */
  factCategory: Schema.NullOr(Schema.String),
  factKey: Schema.NullOr(Schema.String),
})
export type MemoryContent = typeof MemoryContent.Type

const MEMORY_FIELD_CODECS = {
  name: text,
  content: text,
  summary: text,
  tags: json<ReadonlyArray<string>>([]),
  factCategory: nullable(text),
  factKey: nullable(text),
}
const memoryCodec = recordCodec('memories', MEMORY_FIELD_CODECS, { perRecord: true })
type StoredMemory = Parameters<typeof memoryCodec.open>[1]

/**
 * A cold memory's content is compressed before it is sealed (docs/LIFECYCLE.md): the `compressed`
 * column names the format (`src/lifecycle/compression.ts`), and the envelope is bound to a field
 * that names it too — `memories.content.deflate1` for format 1, `memories.content.words2` for
 * format 2 — so compressed bytes can never be opened as plain text, as the other format, or the
 * other way round.
 */
const COMPRESSED_CONTENT_FIELD: Record<CompressionFormat, string> = {
  1: 'content.deflate1',
  2: 'content.words2',
}
const compressedContentContext = (recordId: string, format: CompressionFormat): SealContext => ({
  table: 'memories',
  field: COMPRESSED_CONTENT_FIELD[format],
  recordId,
})

/** Seals `content` compressed with `format` (new compressions: `COMPRESSION_FORMAT`). */
export const sealCompressedContent = (
  key: DataKey,
  recordId: string,
  content: string,
  format: CompressionFormat = COMPRESSION_FORMAT,
) =>
  sealRaw(
    recordSealingKey(key, recordId),
    compressedContentContext(recordId, format),
    compressText(content, format),
  )

/** Opens every format ever written. Throws (a `VaultError`, or the format's error for damaged data) when it cannot. */
export const openCompressedContent = (key: DataKey, recordId: string, format: number, envelope: string) => {
  if (!isCompressionFormat(format)) throw new Error(`Unknown compression format ${format}.`)
  return decompressText(openRaw(key, compressedContentContext(recordId, format), envelope), format)
}

type MemoryOpened<Row> = Opened<Row, typeof MEMORY_FIELD_CODECS>

/**
 * The memory fields the vault seals; the rest (type, source, numbers, dates) is what SQL filters on.
 * Opening reads the `compressed` column: every reader of memory content goes through here, so a
 * cold, compressed memory reads like any other. `open` needs the column (a query that forgets to
 * select it does not compile); `openStrict` also opens event records, which are never compressed.
 */
export const memoryFields = {
  ...memoryCodec,
  open: <Row extends StoredMemory & { compressed: number }>(key: DataKey, row: Row): MemoryOpened<Row> => {
    if (row.compressed === 0) return memoryCodec.open(key, row)
    const opened = memoryCodec.open(key, { ...row, content: '' })
    try {
      return { ...opened, content: openCompressedContent(key, row.id, row.compressed, row.content ?? '') }
    } catch {
      return { ...opened, content: text.unreadable, unreadable: true }
    }
  },
  openStrict: <Row extends StoredMemory & { compressed?: number }>(
    key: DataKey,
    row: Row,
  ): MemoryOpened<Row> => {
    const format = row.compressed ?? 0
    if (format === 0) return memoryCodec.openStrict(key, row)
    const opened = memoryCodec.openStrict(key, { ...row, content: '' })
    return { ...opened, content: openCompressedContent(key, row.id, format, row.content ?? '') }
  },
}

/** `MemoryContent` as events carry it: sealed. */
const SealedMemoryContent = Schema.Struct({
  ...MemoryContent.fields,
  name: Sealed,
  content: Sealed,
  summary: Sealed,
  tags: Sealed,
  factCategory: Schema.NullOr(Sealed),
  factKey: Schema.NullOr(Sealed),
})

export const MemoryRecord = Schema.Struct({
  id: Id,
  personaId: Id,
  ...MemoryContent.fields,
  importance: Percent,
  tier: MemoryTier,
  originKind: Schema.NullOr(OriginKind),
  originId: Schema.NullOr(Id),
  createdAt: Millis,
  lastAccessedAt: Millis,
  accessCount: Schema.Number,
})
export type MemoryRecord = typeof MemoryRecord.Type

export const SealedMemoryRecord = Schema.Struct({ ...MemoryRecord.fields, ...SealedMemoryContent.fields })
export type SealedMemoryRecord = typeof SealedMemoryRecord.Type

/** A memory row as the UI shows it: content opened. */
export type OpenMemoryRow = ReturnType<typeof memoryFields.open<MemoryRow>>

export const sealMemoryRecord = (key: DataKey, m: MemoryRecord): SealedMemoryRecord => ({
  ...m,
  ...memoryFields.seal(key, m.id, m),
})

export const memories = State.SQLite.table({
  name: 'memories',
  columns: {
    id: State.SQLite.text({ primaryKey: true }),
    personaId: State.SQLite.text(),
    type: State.SQLite.text({ schema: MemoryType }),
    name: State.SQLite.text({ default: '' }),
    content: State.SQLite.text({ default: '' }),
    summary: State.SQLite.text({ default: '' }),
    tags: State.SQLite.text({ default: '' }),
    importance: State.SQLite.integer({ default: 50 }),
    source: State.SQLite.text({ schema: MemorySource, default: 'manual' }),
    confidence: State.SQLite.real({ default: 1 }),
    tier: State.SQLite.text({ schema: MemoryTier, default: 'hot' }),
    compressed: State.SQLite.integer({ default: 0 }),
    accessCount: State.SQLite.integer({ default: 0 }),
    linkCount: State.SQLite.integer({ default: 0 }),
    /** The model that made this memory's vector; the vector itself is derived data kept by search. */
    embeddingModel: State.SQLite.text({ nullable: true }),
    originKind: State.SQLite.text({ nullable: true, schema: OriginKind }),
    originId: State.SQLite.text({ nullable: true }),
    factCategory: State.SQLite.text({ nullable: true }),
    factKey: State.SQLite.text({ nullable: true }),
    expiresAt: State.SQLite.integer({ nullable: true }),
    createdAt: State.SQLite.integer(),
    updatedAt: State.SQLite.integer(),
    lastAccessedAt: State.SQLite.integer(),
    deletedAt: State.SQLite.integer({ nullable: true }),
  },
  indexes: [
    // The memory list orders by importance, then last access, then id (a stable tie-break) inside one
    // persona. This one index yields rows in exactly that order (no sort step); type, tier and
    // createdAt ride along at the end so every filter is checked inside the index, without a table
    // lookup. One index rather than one per filter: each index costs every import (see
    // docs/ARCHITECTURE.md, "Indexes"). There is deliberately no (personaId, createdAt) index: the
    // planner would pick it for a date range and then sort the whole range.
    {
      name: 'memories_persona_rank',
      columns: ['personaId', 'deletedAt', 'importance', 'lastAccessedAt', 'id', 'type', 'tier', 'createdAt'],
    },
    // The other orders of the list ("recently used", "newest"/"oldest"): narrow, with the rowid every
    // index ends in as the tie-break. Why not covering like the first: every batch of an import lands
    // at scattered places in each index, so an import rewrites nearly every page of every index;
    // two more 8-column indexes made a 100k import ~1.8× slower (34 s against 18 s without them).
    // These orders check their filters in the row instead, for the page they show.
    { name: 'memories_persona_recent', columns: ['personaId', 'deletedAt', 'lastAccessedAt'] },
    { name: 'memories_persona_created', columns: ['personaId', 'deletedAt', 'createdAt'] },
    { name: 'memories_expires', columns: ['expiresAt'] },
    { name: 'memories_origin', columns: ['originKind', 'originId'] },
  ],
})
export type MemoryRow = typeof memories.Type

export const memoryLinks = State.SQLite.table({
  name: 'memory_links',
  columns: {
    id: State.SQLite.text({ primaryKey: true }),
    fromId: State.SQLite.text(),
    toId: State.SQLite.text(),
    createdAt: State.SQLite.integer(),
    deletedAt: State.SQLite.integer({ nullable: true }),
  },
  indexes: [
    { name: 'memory_links_from', columns: ['fromId', 'deletedAt'] },
    { name: 'memory_links_to', columns: ['toId', 'deletedAt'] },
  ],
})
export type MemoryLinkRow = typeof memoryLinks.Type

/** A live link as a restore carries it: nothing in it is content, so nothing is sealed. */
export const MemoryLinkRecord = Schema.Struct({ id: Id, fromId: Id, toId: Id, createdAt: Millis })
export type MemoryLinkRecord = typeof MemoryLinkRecord.Type

/** Recounts of many memories go in slices this big (named parameters are matched one by one). */
const RECOUNT_SLICE = 500

export const memoryEvents = {
  memoryCreated: Events.synced({
    name: 'v1.MemoryCreated',
    schema: Schema.Struct({
      id: Id,
      personaId: Id,
      ...SealedMemoryContent.fields,
      importance: Percent,
      originKind: Schema.NullOr(OriginKind),
      originId: Schema.NullOr(Id),
      createdAt: Millis,
    }),
  }),
  memoryEdited: Events.synced({
    name: 'v1.MemoryEdited',
    schema: Schema.Struct({ id: Id, ...SealedMemoryContent.fields, updatedAt: Millis }),
  }),
  memoryImportanceChanged: Events.synced({
    name: 'v1.MemoryImportanceChanged',
    schema: Schema.Struct({ id: Id, importance: Percent, updatedAt: Millis }),
  }),
  /**
   * One memory's tier and flag, nothing else. Kept so old logs replay; the app never commits it (a
   * flag without content sealed to match would make the memory unreadable): the lifecycle job
   * commits `v1.MemoriesTiered`.
   */
  memoryTierChanged: Events.synced({
    name: 'v1.MemoryTierChanged',
    schema: Schema.Struct({ id: Id, tier: MemoryTier, compressed: Schema.Boolean, changedAt: Millis }),
  }),
  /**
   * The lifecycle job's tier changes, one event per batch of memories (docs/LIFECYCLE.md). A change
   * that also changes how the content is stored (compressed when it goes cold, plain when it warms)
   * carries the content sealed anew and the `updatedAt` of the version it was made from: it applies
   * only if the memory was not edited since, so a job running on stale rows never undoes an edit.
   */
  memoriesTiered: Events.synced({
    name: 'v1.MemoriesTiered',
    schema: Schema.Struct({
      changes: Schema.Array(
        Schema.Struct({
          id: Id,
          tier: MemoryTier,
          /** `null`: the content stays as it is. */
          content: Schema.NullOr(
            Schema.Struct({ sealed: Sealed, compressed: Schema.Number, updatedAt: Millis }),
          ),
        }),
      ),
      changedAt: Millis,
    }),
  }),
  /** Access is tracked in batches: one event for many views, never one event per view. */
  memoriesAccessed: Events.synced({
    name: 'v1.MemoriesAccessed',
    schema: Schema.Struct({
      accesses: Schema.Array(Schema.Struct({ id: Id, count: Schema.Number, lastAccessedAt: Millis })),
    }),
  }),
  memoriesEmbedded: Events.synced({
    name: 'v1.MemoriesEmbedded',
    schema: Schema.Struct({ ids: Schema.Array(Id), model: Schema.String }),
  }),
  memoryDeleted: Events.synced({
    name: 'v1.MemoryDeleted',
    schema: Schema.Struct({ id: Id, personaId: Id, deletedAt: Millis }),
  }),
  memoryRestored: Events.synced({
    name: 'v1.MemoryRestored',
    schema: Schema.Struct({ id: Id, personaId: Id, deletedAt: Millis, restoredAt: Millis }),
  }),
  memoriesLinked: Events.synced({
    name: 'v1.MemoriesLinked',
    schema: Schema.Struct({ id: Id, fromId: Id, toId: Id, createdAt: Millis }),
  }),
  memoriesUnlinked: Events.synced({
    name: 'v1.MemoriesUnlinked',
    schema: Schema.Struct({ id: Id, fromId: Id, toId: Id, deletedAt: Millis }),
  }),
  /**
   * Near-duplicates merged (docs/LIFECYCLE.md, "Consolidation"): one merge by hand, or a batch of the
   * lifecycle job's automatic merges. Each keeps `keepId` with the union of both memories' tags
   * (sealed for `keepId`), the higher importance, both links and the absorbed memory's provenance in
   * its history; `absorbedId` is deleted softly. A merge whose memories are not both live (merged or
   * deleted meanwhile in another tab) changes nothing.
   */
  memoriesMerged: Events.synced({
    name: 'v1.MemoriesMerged',
    schema: Schema.Struct({
      merges: Schema.Array(
        Schema.Struct({ keepId: Id, absorbedId: Id, personaId: Id, tags: Sealed, importance: Percent }),
      ),
      mergedAt: Millis,
      auto: Schema.Boolean,
    }),
  }),
  /** "Not duplicates": the pair is never proposed again. `firstId < secondId`. */
  mergeDismissed: Events.synced({
    name: 'v1.MergeDismissed',
    schema: Schema.Struct({ firstId: Id, secondId: Id, dismissedAt: Millis }),
  }),
  /**
   * "Undo last edit": the memory's content goes back to the snapshot its `edited` history row took
   * before that edit (an event, so every tab sees it). Applies once, to a live memory.
   */
  memoryEditUndone: Events.synced({
    name: 'v1.MemoryEditUndone',
    schema: Schema.Struct({ id: Id, historyId: Schema.String, undoneAt: Millis }),
  }),
  /** Bulk: one event carries a batch of memories (see docs/ARCHITECTURE.md, event granularity). */
  memoriesImported: Events.synced({
    name: 'v1.MemoriesImported',
    schema: Schema.Struct({ memories: Schema.Array(SealedMemoryRecord) }),
  }),
  /** Bulk: a batch of links (restores), one event each; the memories at both ends are recounted. */
  memoryLinksImported: Events.synced({
    name: 'v1.MemoryLinksImported',
    schema: Schema.Struct({ links: Schema.Array(MemoryLinkRecord) }),
  }),
}

/** A materializer statement; only the parameters its SQL names are bound (helpers share one set). */
const sqlOp = (sql: string, bindValues: Record<string, string | number | null>, tables: string[]) => ({
  sql,
  bindValues: Object.fromEntries(
    Object.entries(bindValues).filter(([name]) => new RegExp(`\\$${name}\\b`).test(sql)),
  ),
  writeTables: new Set(tables),
})

const adjustMemoryCount = (personaId: string, delta: number) =>
  sqlOp(
    'UPDATE personas SET memoryCount = memoryCount + $delta WHERE id = $personaId',
    { personaId, delta },
    ['personas'],
  )

/**
 * Moves the persona's count only when the memory is really changing state (live ↔ deleted), so a
 * repeated delete or a second "Undo" (or the same change arriving from two devices) counts once.
 * Runs before the memory row itself changes.
 */
const adjustMemoryCountIf = (id: string, personaId: string, delta: 1 | -1) =>
  sqlOp(
    `UPDATE personas SET memoryCount = memoryCount + $delta WHERE id = $personaId
       AND EXISTS (SELECT 1 FROM memories WHERE id = $id AND deletedAt IS ${delta < 0 ? '' : 'NOT '}NULL)`,
    { id, personaId, delta },
    ['personas'],
  )

/**
 * Recounts `linkCount` (live links whose other end is a live memory) for the memories matched by
 * `whereSql`. A recount rather than ±1 keeps the count right when the same pair is linked twice,
 * when a delete or restore is repeated, or when a neighbour was deleted in between.
 */
const recountLinks = (whereSql: string, bindValues: Record<string, string | number | null>) =>
  sqlOp(
    `UPDATE memories SET linkCount = (
       SELECT count(*) FROM memory_links l
       JOIN memories o ON o.id = CASE WHEN l.fromId = memories.id THEN l.toId ELSE l.fromId END
       WHERE (l.fromId = memories.id OR l.toId = memories.id) AND l.deletedAt IS NULL AND o.deletedAt IS NULL)
     WHERE ${whereSql}`,
    bindValues,
    ['memories'],
  )

/** The memory `$id` and every memory at the other end of one of its links deleted or restored at `$at`. */
const SELF_AND_NEIGHBOURS = `id = $id OR id IN (
  SELECT CASE WHEN fromId = $id THEN toId ELSE fromId END FROM memory_links
  WHERE (fromId = $id OR toId = $id) AND deletedAt IS $at)`

/**
 * Deletes (softly) the live memories whose ids are in the JSON array `$ids`, at `$at`, as
 * `v1.MemoryDeleted` does one at a time: each persona's count, the memories' links and the link
 * counts of their neighbours — in four statements for the whole batch. Used by retention.
 */
export const removeMemoriesOps = (ids: ReadonlyArray<string>, at: number) => {
  const IDS = '(SELECT value FROM json_each($ids))'
  const bind = { ids: JSON.stringify(ids), at }
  return [
    sqlOp(
      `UPDATE personas SET memoryCount = memoryCount -
         (SELECT count(*) FROM memories m WHERE m.personaId = personas.id AND m.id IN ${IDS} AND m.deletedAt IS NULL)
       WHERE id IN (SELECT personaId FROM memories WHERE id IN ${IDS} AND deletedAt IS NULL)`,
      { ids: bind.ids },
      ['personas'],
    ),
    sqlOp(`UPDATE memories SET deletedAt = $at WHERE id IN ${IDS} AND deletedAt IS NULL`, bind, ['memories']),
    sqlOp(
      `UPDATE memory_links SET deletedAt = $at
       WHERE (fromId IN ${IDS} OR toId IN ${IDS}) AND deletedAt IS NULL`,
      bind,
      ['memory_links'],
    ),
    recountLinks(
      `id IN (SELECT fromId FROM memory_links WHERE deletedAt = $at AND (fromId IN ${IDS} OR toId IN ${IDS})
              UNION SELECT toId FROM memory_links WHERE deletedAt = $at AND (fromId IN ${IDS} OR toId IN ${IDS}))`,
      bind,
    ),
  ]
}

const memoryRow = (m: SealedMemoryRecord) => ({ ...m, updatedAt: m.createdAt })

const HISTORY_COLUMNS = '(id, memoryId, kind, at, before, other, detail)'

/** An `edited` row: the memory as it was, taken before the edit changes it. */
const historyOfEdit = (id: string, at: number) =>
  sqlOp(
    `INSERT OR IGNORE INTO memory_history ${HISTORY_COLUMNS}
     SELECT m.id || ':edited:' || $at, m.id, 'edited', $at, ${snapshotSql('m')}, NULL, '{}' FROM memories m WHERE m.id = $id`,
    { id, at },
    ['memory_history'],
  )

/** Both memories of a merge are live: every statement of a merge checks it, so a stale merge does nothing. */
const LIVE_PAIR =
  '(SELECT count(*) FROM memories WHERE id IN ($keepId, $absorbedId) AND deletedAt IS NULL) = 2'
/** The memories linked to `$keepId` by a live link. */
const KEEP_NEIGHBOURS = `(SELECT CASE WHEN fromId = $keepId THEN toId ELSE fromId END FROM memory_links
  WHERE (fromId = $keepId OR toId = $keepId) AND deletedAt IS NULL)`

/**
 * One merge, in statement order: history rows on both memories (snapshots taken before anything
 * changes), the kept memory's tags, importance and use, the absorbed memory's links moved to the
 * kept one (except a link between the two and links the kept memory already has, which go), then
 * the absorbed memory deleted softly, and the link counts of everything involved recounted.
 */
const mergeOps = (
  m: { keepId: string; absorbedId: string; personaId: string; tags: string; importance: number },
  at: number,
  auto: boolean,
) => {
  const bind = { keepId: m.keepId, absorbedId: m.absorbedId, at }
  return [
    sqlOp(
      `INSERT OR IGNORE INTO memory_history ${HISTORY_COLUMNS}
       SELECT k.id || ':merged:' || a.id, k.id, 'merged', $at, ${snapshotSql('k')}, ${snapshotSql('a')},
              json_object('absorbedId', a.id, 'auto', $auto)
       FROM memories k, memories a WHERE k.id = $keepId AND a.id = $absorbedId AND ${LIVE_PAIR}`,
      { ...bind, auto: auto ? 1 : 0 },
      ['memory_history'],
    ),
    sqlOp(
      `INSERT OR IGNORE INTO memory_history ${HISTORY_COLUMNS}
       SELECT a.id || ':absorbed:' || k.id, a.id, 'absorbed', $at, ${snapshotSql('a')}, ${snapshotSql('k')},
              json_object('intoId', k.id, 'auto', $auto)
       FROM memories k, memories a WHERE k.id = $keepId AND a.id = $absorbedId AND ${LIVE_PAIR}`,
      { ...bind, auto: auto ? 1 : 0 },
      ['memory_history'],
    ),
    sqlOp(
      `UPDATE memories SET tags = $tags, importance = $importance, updatedAt = $at,
         accessCount = accessCount + (SELECT accessCount FROM memories WHERE id = $absorbedId),
         lastAccessedAt = max(lastAccessedAt, (SELECT lastAccessedAt FROM memories WHERE id = $absorbedId))
       WHERE id = $keepId AND ${LIVE_PAIR}`,
      { ...bind, tags: m.tags, importance: m.importance },
      ['memories'],
    ),
    sqlOp(
      `UPDATE memory_links SET fromId = $keepId WHERE fromId = $absorbedId AND deletedAt IS NULL
         AND toId != $keepId AND toId NOT IN ${KEEP_NEIGHBOURS} AND ${LIVE_PAIR}`,
      bind,
      ['memory_links'],
    ),
    sqlOp(
      `UPDATE memory_links SET toId = $keepId WHERE toId = $absorbedId AND deletedAt IS NULL
         AND fromId != $keepId AND fromId NOT IN ${KEEP_NEIGHBOURS} AND ${LIVE_PAIR}`,
      bind,
      ['memory_links'],
    ),
    sqlOp(
      `UPDATE memory_links SET deletedAt = $at WHERE (fromId = $absorbedId OR toId = $absorbedId)
         AND deletedAt IS NULL AND ${LIVE_PAIR}`,
      bind,
      ['memory_links'],
    ),
    sqlOp(
      `UPDATE personas SET memoryCount = memoryCount - 1 WHERE id = $personaId AND ${LIVE_PAIR}`,
      { ...bind, personaId: m.personaId },
      ['personas'],
    ),
    sqlOp(`UPDATE memories SET deletedAt = $at WHERE id = $absorbedId AND ${LIVE_PAIR}`, bind, ['memories']),
    recountLinks(`id IN ($keepId, $absorbedId) OR id IN ${KEEP_NEIGHBOURS}`, {
      keepId: m.keepId,
      absorbedId: m.absorbedId,
    }),
  ]
}

/** An undo applies to a live memory and an edit of it that has a snapshot and was not undone yet. */
const UNDOABLE = `EXISTS (SELECT 1 FROM memory_history WHERE id = $historyId AND memoryId = $id AND kind = 'edited'
    AND undoneAt IS NULL AND before IS NOT NULL)
  AND EXISTS (SELECT 1 FROM memories WHERE id = $id AND deletedAt IS NULL)`

const countByPersona = (rows: ReadonlyArray<SealedMemoryRecord>) => {
  const counts = new Map<string, number>()
  for (const row of rows) counts.set(row.personaId, (counts.get(row.personaId) ?? 0) + 1)
  return counts
}

export const memoryMaterializers = State.SQLite.materializers(memoryEvents, {
  'v1.MemoryCreated': (m) => [
    memories.insert(memoryRow({ ...m, tier: 'hot', lastAccessedAt: m.createdAt, accessCount: 0 })),
    adjustMemoryCount(m.personaId, 1),
  ],
  // An edit stores plain content, so it clears the compressed flag. (Before v1.MemoriesTiered no
  // event compressed content, so this changes nothing for the events logged before it.)
  // Each change first writes its history row (memory-history.ts) from the row as it is before it.
  'v1.MemoryEdited': ({ id, updatedAt, ...content }) => [
    historyOfEdit(id, updatedAt),
    memories.update({ ...content, compressed: 0, updatedAt }).where({ id }),
  ],
  'v1.MemoryImportanceChanged': ({ id, importance, updatedAt }) => [
    sqlOp(
      `INSERT OR IGNORE INTO memory_history ${HISTORY_COLUMNS}
       SELECT id || ':importance:' || $at, id, 'importance', $at, NULL, NULL, json_object('from', importance, 'to', $importance)
       FROM memories WHERE id = $id AND importance != $importance`,
      { id, importance, at: updatedAt },
      ['memory_history'],
    ),
    memories.update({ importance, updatedAt }).where({ id }),
  ],
  'v1.MemoryTierChanged': ({ id, tier, compressed }) =>
    memories.update({ tier, compressed: compressed ? 1 : 0 }).where({ id }),
  // Two statements per batch, whatever its size (a rebuild pays per statement; see ARCHITECTURE.md).
  'v1.MemoriesTiered': ({ changes, changedAt }) => [
    sqlOp(
      `INSERT OR IGNORE INTO memory_history ${HISTORY_COLUMNS}
       SELECT m.id || ':tier:' || $at, m.id, 'tier', $at, NULL, NULL, json_object('from', m.tier, 'to', j.tier)
       FROM memories m JOIN (SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.tier') AS tier FROM json_each($changes)) AS j
         ON m.id = j.id
       WHERE m.tier != j.tier`,
      { changes: JSON.stringify(changes.map(({ id, tier }) => ({ id, tier }))), at: changedAt },
      ['memory_history'],
    ),
    sqlOp(
      `UPDATE memories SET tier = j.tier
       FROM (SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.tier') AS tier FROM json_each($changes)) AS j
       WHERE memories.id = j.id`,
      { changes: JSON.stringify(changes.map(({ id, tier }) => ({ id, tier }))) },
      ['memories'],
    ),
    sqlOp(
      `UPDATE memories SET content = j.sealed, compressed = j.compressed
       FROM (SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.sealed') AS sealed, json_extract(value, '$.compressed') AS compressed,
                    json_extract(value, '$.updatedAt') AS seen FROM json_each($contents)) AS j
       WHERE memories.id = j.id AND memories.updatedAt = j.seen`,
      {
        contents: JSON.stringify(
          changes.flatMap(({ id, content }) => (content === null ? [] : [{ id, ...content }])),
        ),
      },
      ['memories'],
    ),
  ],
  'v1.MemoriesAccessed': ({ accesses }) => [
    // One history row per memory per (UTC) day it was used, counting that day's views.
    sqlOp(
      `INSERT INTO memory_history (id, memoryId, kind, at, detail)
       SELECT j.id || ':accessed:' || (j.at / ${DAY_MS}), j.id, 'accessed', j.at, json_object('count', j.count)
       FROM (SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.count') AS count,
                    json_extract(value, '$.lastAccessedAt') AS at FROM json_each($accesses)) AS j
       JOIN memories m ON m.id = j.id WHERE true
       ON CONFLICT(id) DO UPDATE SET at = max(at, excluded.at),
         detail = json_object('count', json_extract(detail, '$.count') + json_extract(excluded.detail, '$.count'))`,
      { accesses: JSON.stringify(accesses) },
      ['memory_history'],
    ),
    ...accesses.map(({ id, count, lastAccessedAt }) =>
      sqlOp(
        'UPDATE memories SET accessCount = accessCount + $count, lastAccessedAt = max(lastAccessedAt, $at) WHERE id = $id',
        { id, count, at: lastAccessedAt },
        ['memories'],
      ),
    ),
  ],
  'v1.MemoriesEmbedded': ({ ids, model }) =>
    memories.update({ embeddingModel: model }).where({ id: { op: 'IN', value: ids } }),
  'v1.MemoryDeleted': ({ id, personaId, deletedAt }) => [
    adjustMemoryCountIf(id, personaId, -1),
    memories.update({ deletedAt }).where({ id, deletedAt: null }),
    // Links go with the memory, so a neighbour never counts or shows a link to something deleted.
    sqlOp(
      'UPDATE memory_links SET deletedAt = $deletedAt WHERE (fromId = $id OR toId = $id) AND deletedAt IS NULL',
      { id, deletedAt },
      ['memory_links'],
    ),
    recountLinks(SELF_AND_NEIGHBOURS, { id, at: deletedAt }),
  ],
  'v1.MemoryRestored': ({ id, personaId, deletedAt, restoredAt }) => [
    adjustMemoryCountIf(id, personaId, 1),
    memories
      .update({ deletedAt: null, updatedAt: restoredAt })
      .where({ id, deletedAt: { op: '!=', value: null } }),
    // Bring back exactly the links that the delete took with it (same timestamp).
    sqlOp(
      'UPDATE memory_links SET deletedAt = NULL WHERE (fromId = $id OR toId = $id) AND deletedAt = $deletedAt',
      { id, deletedAt },
      ['memory_links'],
    ),
    recountLinks(SELF_AND_NEIGHBOURS, { id, at: null }),
  ],
  'v1.MemoriesLinked': ({ id, fromId, toId, createdAt }) => [
    memoryLinks.insert({ id, fromId, toId, createdAt }),
    recountLinks('id IN ($fromId, $toId)', { fromId, toId }),
  ],
  'v1.MemoriesUnlinked': ({ id, fromId, toId, deletedAt }) => [
    memoryLinks.update({ deletedAt }).where({ id, deletedAt: null }),
    recountLinks('id IN ($fromId, $toId)', { fromId, toId }),
  ],
  'v1.MemoriesMerged': ({ merges, mergedAt, auto }) => merges.flatMap((m) => mergeOps(m, mergedAt, auto)),
  'v1.MergeDismissed': ({ firstId, secondId, dismissedAt }) =>
    mergeDismissals
      .insert({ id: `${firstId}:${secondId}`, firstId, secondId, dismissedAt })
      .onConflict('id', 'ignore'),
  'v1.MemoryEditUndone': ({ id, historyId, undoneAt }) => [
    sqlOp(
      `INSERT OR IGNORE INTO memory_history ${HISTORY_COLUMNS}
       SELECT m.id || ':undone:' || $at, m.id, 'undone', $at, ${snapshotSql('m')}, NULL, json_object('historyId', $historyId)
       FROM memories m WHERE m.id = $id AND ${UNDOABLE}`,
      { id, historyId, at: undoneAt },
      ['memory_history'],
    ),
    sqlOp(
      `UPDATE memories SET ${RESTORED_COLUMNS.map((c) => `${c} = json_extract(h.before, '$.${c}')`).join(', ')},
         updatedAt = $at
       FROM (SELECT before FROM memory_history WHERE id = $historyId) AS h
       WHERE memories.id = $id AND ${UNDOABLE}`,
      { id, historyId, at: undoneAt },
      ['memories'],
    ),
    sqlOp(
      'UPDATE memory_history SET undoneAt = $at WHERE id = $historyId AND memoryId = $id AND undoneAt IS NULL',
      { id, historyId, at: undoneAt },
      ['memory_history'],
    ),
  ],
  'v1.MemoriesImported': ({ memories: rows }) => [
    ...insertMany(memories, rows.map(memoryRow)),
    ...[...countByPersona(rows)].map(([personaId, n]) => adjustMemoryCount(personaId, n)),
  ],
  'v1.MemoryLinksImported': ({ links }) => {
    const ends = [...new Set(links.flatMap((l) => [l.fromId, l.toId]))]
    const recounts = []
    for (let start = 0; start < ends.length; start += RECOUNT_SLICE) {
      const slice = ends.slice(start, start + RECOUNT_SLICE)
      const names = slice.map((_, i) => `$e${i}`)
      recounts.push(
        recountLinks(`id IN (${names.join(', ')})`, Object.fromEntries(slice.map((id, i) => [`e${i}`, id]))),
      )
    }
    return [...insertMany(memoryLinks, links), ...recounts]
  },
})

export const MEMORY_PAGE_SIZE = 50

/** How a persona's memory list is ordered; each order has an index that yields it (indexes.test.ts). */
export const MEMORY_SORTS = ['importance', 'recent', 'newest', 'oldest'] as const
export const MemorySort = Schema.Literal(...MEMORY_SORTS)
export type MemorySort = typeof MemorySort.Type

export type MemoryFilters = {
  sort: MemorySort
  type: MemoryType | null
  minImportance: number
  tier: MemoryTier | null
  /** Inclusive creation-date range in epoch ms; `null` leaves that end open. */
  createdFrom: number | null
  createdTo: number | null
}

export const NO_MEMORY_FILTERS: MemoryFilters = {
  sort: 'importance',
  type: null,
  minImportance: 0,
  tier: null,
  createdFrom: null,
  createdTo: null,
}

// Each order ends in a stable tie-break in the same direction as the rest, one the order's index
// serves too (`id` in the covering rank index, the rowid every index ends in for the narrow ones), so
// no order ever needs a sort step (indexes.test.ts checks every combination).
const MEMORY_ORDERS: Record<MemorySort, string> = {
  importance: 'importance DESC, lastAccessedAt DESC, id DESC',
  recent: 'lastAccessedAt DESC, rowid DESC',
  newest: 'createdAt DESC, rowid DESC',
  oldest: 'createdAt ASC, rowid ASC',
}

/**
 * The statement behind `memoryPage$` (exported so tests and the benchmark can check its plan).
 * Hand-written rather than built, for one reason: a creation-date range must not tempt SQLite into
 * the `createdAt` index when the list is ordered by something else — it would then sort the whole
 * range. A unary `+` on the column keeps the range a check inside the order's own index.
 */
export const memoryPageQuery = (personaId: string, filters: MemoryFilters, page: number) => {
  const created = filters.sort === 'newest' || filters.sort === 'oldest' ? 'createdAt' : '+createdAt'
  const conditions = ['personaId = $personaId', 'deletedAt IS NULL']
  const bindValues: Record<string, string | number> = {
    personaId,
    limit: MEMORY_PAGE_SIZE + 1,
    offset: page * MEMORY_PAGE_SIZE,
  }
  if (filters.type !== null) {
    conditions.push('type = $type')
    bindValues.type = filters.type
  }
  if (filters.tier !== null) {
    conditions.push('tier = $tier')
    bindValues.tier = filters.tier
  }
  if (filters.minImportance > 0) {
    conditions.push('importance >= $minImportance')
    bindValues.minImportance = filters.minImportance
  }
  if (filters.createdFrom !== null) {
    conditions.push(`${created} >= $createdFrom`)
    bindValues.createdFrom = filters.createdFrom
  }
  if (filters.createdTo !== null) {
    conditions.push(`${created} <= $createdTo`)
    bindValues.createdTo = filters.createdTo
  }
  const query = `SELECT * FROM memories WHERE ${conditions.join(' AND ')} ORDER BY ${MEMORY_ORDERS[filters.sort]} LIMIT $limit OFFSET $offset`
  return { asSql: () => ({ query, bindValues }) }
}

/**
 * One page of a persona's memories, filtered, ordered by importance then last access.
 * It asks for one row more than a page so the UI knows whether a next page exists without a COUNT.
 */
export const memoryPage$ = (personaId: string, filters: MemoryFilters, page: number) =>
  queryDb(
    {
      ...memoryPageQuery(personaId, filters, page).asSql(),
      schema: Schema.Array(memories.rowSchema),
      queriedTables: new Set(['memories']),
    },
    { label: 'memories.page', deps: [personaId, JSON.stringify(filters), page] },
  )

export const memoryById$ = (id: string) =>
  queryDb(memories.where({ id }).first({ behaviour: 'undefined' }), { label: 'memories.byId', deps: [id] })

/** A memory's neighbours through live links, in either direction, with what the page shows of them. */
export const linkedMemories$ = (id: string) =>
  queryDb(
    {
      query: `SELECT m.id, m.name, m.content, m.compressed, m.summary, m.tags, m.factCategory, m.factKey, m.type, m.importance,
                     l.id AS linkId, l.fromId, l.toId
              FROM memory_links l
              JOIN memories m ON m.id = CASE WHEN l.fromId = $id THEN l.toId ELSE l.fromId END
              WHERE (l.fromId = $id OR l.toId = $id) AND l.deletedAt IS NULL AND m.deletedAt IS NULL
              ORDER BY m.importance DESC`,
      bindValues: { id },
      schema: Schema.Array(
        Schema.Struct({
          linkId: Schema.String,
          fromId: Schema.String,
          toId: Schema.String,
          id: Schema.String,
          name: Schema.String,
          content: Schema.String,
          compressed: Schema.Number,
          summary: Schema.String,
          tags: Schema.String,
          factCategory: Schema.NullOr(Schema.String),
          factKey: Schema.NullOr(Schema.String),
          type: MemoryType,
          importance: Schema.Number,
        }),
      ),
    },
    { label: 'memories.linked', deps: [id] },
  )

/** Where a message-born memory came from: the message's conversation, to link back to it. */
export const messageConversation$ = (messageId: string) =>
  queryDb(
    {
      query: 'SELECT conversationId FROM messages WHERE id = $messageId',
      bindValues: { messageId },
      schema: Schema.Array(Schema.Struct({ conversationId: Schema.String })),
    },
    { label: 'memories.originConversation', deps: [messageId] },
  )

/**
 * Memories by id, for what a reply remembered (a handful of ids): the fields a link to each needs.
 * Deleted ones are kept in the result (marked by `deletedAt`) so a reply can say one was forgotten since.
 */
export const memoriesByIds$ = (ids: ReadonlyArray<string>) =>
  queryDb(
    memories
      .select('id', 'name', 'type', 'importance', 'deletedAt')
      .where({ id: { op: 'IN', value: [...ids] } }),
    { label: 'memories.byIds', deps: [ids.join(',')] },
  )

/** Only a memory's name, for lists that show names (what a reply remembered). */
export const memoryNameField = recordCodec('memories', { name: text }, { perRecord: true })

/** The live memories among `ids` (the two ends of proposed merges, suggested neighbours). */
export const liveMemoriesByIds$ = (ids: ReadonlyArray<string>) => {
  const json = JSON.stringify([...ids].sort())
  return queryDb(
    {
      query: 'SELECT * FROM memories WHERE id IN (SELECT value FROM json_each($ids)) AND deletedAt IS NULL',
      bindValues: { ids: json },
      schema: Schema.Array(memories.rowSchema),
      queriedTables: new Set(['memories']),
    },
    { label: 'memories.liveByIds', deps: [json] },
  )
}
