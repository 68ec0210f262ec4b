// What the search index must hear from the store, planned without React or a worker:
// - `searchVersion$`: a cheap reactive number-string that changes whenever a searchable row is
//   added, edited, deleted or restored (SQLite's change counter, re-read when those tables are written);
// - `readEntries`: the (id, kind, contentHash) of every live searchable row, a slice per task.
//   contentHash is what the store gives without opening a row: a memory's `updatedAt` (every content
//   edit sets it), a message's `createdAt` and a chunk's document `createdAt` (both never edited);
// - `planDelta`: what changed since the entries the index last heard (the delta is found by diffing
//   these lists, not by `updatedAt > last`: deletes and restores carry no monotonic stamp);
// - `readDocs`: the changed rows, opened with the data key, as `SearchDoc`s.
import { queryDb, Schema } from '@livestore/livestore'
import { messageFields } from '../schema/conversations.ts'
import { chunkFields } from '../schema/documents.ts'
import { memoryFields } from '../schema/memories.ts'
import { yieldToTab } from '../store/yield-to-tab.ts'
import type { DataKey } from '../vault/envelope.ts'
import type { DocKind } from './bm25.ts'
import type { SearchDoc } from './search-index.ts'

export const SEARCHED_TABLES = [
  'memories',
  'messages',
  'conversations',
  'documents',
  'document_chunks',
] as const

/**
 * SQLite's count of rows changed on this connection since it opened: O(1), where counting and
 * summing the searched tables (the first version of this query) scanned 100k memories after every
 * memory write — ~40 ms of each write at 100k (`npm run bench`, "write rendered in its own tab").
 * LiveStore re-runs a query when a table its SQL names is written, so each searched table is named,
 * at the cost of one row lookup each (without them the query never re-ran in a subscription). The
 * counter moves exactly when rows changed; what changed is found by diffing the entries
 * (`planDelta`), so this only has to say *that* something did.
 */
export const VERSION_SQL = `SELECT CAST(total_changes() AS TEXT)${SEARCHED_TABLES.map(
  (table) => ` || COALESCE((SELECT '' FROM ${table} LIMIT 1), '')`,
).join('')} AS version`

/** Changes whenever a searchable row appears, changes, goes or comes back. */
export const searchVersion$ = queryDb(
  {
    query: VERSION_SQL,
    schema: Schema.Array(Schema.Struct({ version: Schema.String })).pipe(Schema.headOrElse()),
    queriedTables: new Set(SEARCHED_TABLES),
  },
  { label: 'search.version' },
)

export interface Entry {
  readonly id: string
  readonly kind: DocKind
  readonly hash: string
}

/** Runs SQL against the store (`store.query({ query, bindValues })`). */
export type RunSql = (query: string, bindValues: Record<string, string | number>) => ReadonlyArray<unknown>

/** Rows listed per step of `readEntries`: ~10–20 ms of the tab's time each. */
export const ENTRY_SLICE = 5_000

type EntryRow = { r: number; id: string; t: number; p?: string | null }

/**
 * Each kind's live rows in rowid order after `$after`, a slice at a time. A row gives its id and the
 * numbers its hash is made of, not the hash as text: every string costs a UTF-8 decode on the way out
 * of SQLite, and the list at 100k memories was 115k rows × 3 strings (1.5 s of the tab, right after
 * unlocking, before the first list could render — `node bench/profile.mjs table-change`).
 */
const ENTRY_SOURCES: ReadonlyArray<{ kind: DocKind; sql: string; hash: (row: EntryRow) => string }> = [
  {
    kind: 'memory',
    sql: `SELECT rowid AS r, id, updatedAt AS t FROM memories
      WHERE rowid > $after AND deletedAt IS NULL ORDER BY rowid LIMIT $limit`,
    hash: (row) => `m${row.t}`,
  },
  {
    kind: 'message',
    sql: `SELECT m.rowid AS r, m.id, m.createdAt AS t, c.personaId AS p
      FROM messages m LEFT JOIN conversations c ON c.id = m.conversationId
      WHERE m.rowid > $after AND m.deletedAt IS NULL ORDER BY m.rowid LIMIT $limit`,
    hash: (row) => `g${row.t}.${row.p ?? ''}`,
  },
  {
    kind: 'chunk',
    sql: `SELECT ch.rowid AS r, ch.id, d.createdAt AS t
      FROM document_chunks ch JOIN documents d ON d.id = ch.documentId
      WHERE ch.rowid > $after AND d.deletedAt IS NULL ORDER BY ch.rowid LIMIT $limit`,
    hash: (row) => `c${row.t}`,
  },
]

/**
 * The (id, kind, hash) of every live searchable row, read a slice per task (`yieldToTab` between
 * slices) so the tab stays responsive. A write during the read leaves the list a little behind; it
 * also changes `searchVersion$`, which brings another pass.
 */
export const readEntries = async (
  sql: RunSql,
  { slice = ENTRY_SLICE, pause = yieldToTab }: { slice?: number; pause?: () => Promise<void> } = {},
): Promise<Entry[]> => {
  const entries: Entry[] = []
  for (const { kind, sql: query, hash } of ENTRY_SOURCES) {
    for (let after = 0; ; ) {
      const rows = sql(query, { after, limit: slice }) as EntryRow[]
      for (const row of rows) entries.push({ id: row.id, kind, hash: hash(row) })
      const last = rows.at(-1)
      if (rows.length < slice || last === undefined) break
      after = last.r
      await pause()
    }
  }
  return entries
}

export interface Delta {
  readonly upsert: Entry[]
  readonly remove: string[]
}

/** What to tell the index, given what it last heard (`known`: id → hash) and the store's entries now. */
export const planDelta = (known: ReadonlyMap<string, string>, entries: readonly Entry[]): Delta => {
  const upsert: Entry[] = []
  const live = new Set<string>()
  for (const entry of entries) {
    live.add(entry.id)
    if (known.get(entry.id) !== entry.hash) upsert.push(entry)
  }
  const remove = [...known.keys()].filter((id) => !live.has(id))
  return { upsert, remove }
}

const IDS = `(SELECT value FROM json_each($ids))`

const MEMORY_ROWS = `SELECT id, personaId, name, content, compressed, summary, tags, factCategory, factKey, importance,
  createdAt, updatedAt FROM memories WHERE id IN ${IDS}`
const MESSAGE_ROWS = `SELECT m.id, m.conversationId, m.content, m.toolCalls, m.attachments, m.createdAt,
  c.personaId FROM messages m LEFT JOIN conversations c ON c.id = m.conversationId WHERE m.id IN ${IDS}`
const CHUNK_ROWS = `SELECT ch.id, ch.heading, ch.text, d.personaId, d.createdAt FROM document_chunks ch
  JOIN documents d ON d.id = ch.documentId WHERE ch.id IN ${IDS}`

type MemoryRow = {
  id: string
  personaId: string
  name: string
  content: string
  /** A cold memory's content is compressed: `memoryFields.open` reads this to open it. */
  compressed: number
  summary: string
  tags: string
  factCategory: string | null
  factKey: string | null
  importance: number
  createdAt: number
  updatedAt: number
}
type MessageRow = {
  id: string
  conversationId: string
  content: string
  toolCalls: string
  attachments: string
  createdAt: number
  personaId: string | null
}
type ChunkRow = {
  id: string
  heading: string | null
  text: string
  personaId: string | null
  createdAt: number
}

const joined = (...parts: ReadonlyArray<string | null | undefined>) =>
  parts.filter((part): part is string => typeof part === 'string' && part.trim() !== '').join('\n')

/** Reads and opens the rows of `entries` (any kinds, any number) as documents for the index. */
export const readDocs = (sql: RunSql, key: DataKey, entries: readonly Entry[]): SearchDoc[] => {
  const byKind = new Map<DocKind, Entry[]>()
  for (const entry of entries) {
    const list = byKind.get(entry.kind)
    if (list === undefined) byKind.set(entry.kind, [entry])
    else list.push(entry)
  }
  const hashOf = new Map(entries.map((e) => [e.id, e.hash]))
  const ids = (kind: DocKind) => JSON.stringify((byKind.get(kind) ?? []).map((e) => e.id))
  const docs: SearchDoc[] = []
  if (byKind.has('memory')) {
    for (const row of sql(MEMORY_ROWS, { ids: ids('memory') }) as MemoryRow[]) {
      const m = memoryFields.open(key, row)
      if (m.unreadable) continue // nothing worth finding in "⚠ unreadable"
      docs.push({
        id: m.id,
        kind: 'memory',
        text: joined(m.name, m.content, m.tags.length > 0 ? m.tags.join(', ') : null),
        personaId: m.personaId,
        importance: m.importance / 100,
        timestamp: m.updatedAt,
        contentHash: hashOf.get(m.id),
      })
    }
  }
  if (byKind.has('message')) {
    for (const row of sql(MESSAGE_ROWS, { ids: ids('message') }) as MessageRow[]) {
      const m = messageFields.open(key, row)
      if (m.unreadable || m.content.trim() === '') continue
      docs.push({
        id: m.id,
        kind: 'message',
        text: m.content,
        conversationId: m.conversationId,
        personaId: row.personaId ?? undefined,
        timestamp: m.createdAt,
        contentHash: hashOf.get(m.id),
      })
    }
  }
  if (byKind.has('chunk')) {
    for (const row of sql(CHUNK_ROWS, { ids: ids('chunk') }) as ChunkRow[]) {
      const c = chunkFields.open(key, row)
      if (c.unreadable) continue
      docs.push({
        id: c.id,
        kind: 'chunk',
        text: joined(c.heading, c.text),
        personaId: row.personaId ?? undefined,
        timestamp: row.createdAt,
        contentHash: hashOf.get(c.id),
      })
    }
  }
  return docs
}
