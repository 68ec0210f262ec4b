import { type LiveStoreEvent, Schema } from '@livestore/livestore'
import { asBulkWrite, BATCH_ROWS, whenPersisted } from '../commands/bulk.ts'
import type { HearthStore } from '../commands/store.ts'
import {
  type ConversationRecord,
  type MessageRecord,
  sealConversationRecord,
  sealMessageRecord,
} from '../schema/conversations.ts'
import { type ChunkRecord, documentFields, sealChunkRecord } from '../schema/documents.ts'
import { events } from '../schema/index.ts'
import { type MemoryLinkRecord, type MemoryRecord, sealMemoryRecord } from '../schema/memories.ts'
import { type NotificationRecord, sealNotificationRecord } from '../schema/notifications.ts'
import { type PersonaRecord, sealPersonaRecord } from '../schema/personas.ts'
import {
  defaultModelFields,
  defaultModelSecretFields,
  searchModelFields,
  settingsFields,
} from '../schema/settings.ts'
import {
  type RunRecord,
  sealRunRecord,
  sealWorkflowRecord,
  type WorkflowRecord,
} from '../schema/workflows.ts'
import type { DataKey } from '../vault/envelope.ts'
import { type Keyring, parseKeyring } from '../vault/keyring.ts'
import { forNewRecords } from '../vault/record-codec.ts'
import {
  CONTENT_SCHEMAS,
  type ContentKind,
  type DocumentRecord,
  isContentKind,
  type SettingsRecord,
} from './app-content.ts'
import { BackupError } from './backup-error.ts'
import type { BackupSection } from './backup-format.ts'

/** Rows per batch event: what sample data uses (`BATCH_ROWS`). */
export const RESTORE_BATCH_ROWS = BATCH_ROWS

export type Tally = Partial<Record<ContentKind, number>>

/** What a restore did: records added, and records kept because one with the same id was already here. */
export type RestoreSummary = { added: Tally; kept: Tally; batches: number }

export type RestoreOptions = {
  /**
   * `merge`: records whose id is already here are kept as they are (with their children), the others
   * added; settings are applied only if this store has none. `replace`: the store was cleared first
   * (see `clearAllData`), so everything is added and the settings applied.
   */
  readonly mode: 'merge' | 'replace'
  readonly onProgress?: (rowsDone: number) => void
  readonly signal?: AbortSignal
}

const damaged = (kind: string, cause: unknown) =>
  new BackupError(
    'corrupt',
    `This backup holds a "${kind}" record Hearth cannot read (it is authentic, but not in a form this version knows). Nothing was changed.`,
    { cause },
  )

const decoders = Object.fromEntries(
  Object.entries(CONTENT_SCHEMAS).map(([kind, schema]) => [
    kind,
    Schema.decodeUnknownSync(schema as Schema.Schema<unknown, unknown>),
  ]),
) as Record<ContentKind, (row: unknown) => unknown>

/** Checks one row against its kind's schema; unknown kinds (from a newer version) are skipped. */
const decodeRow = (kind: string, row: unknown): unknown => {
  if (!isContentKind(kind)) return undefined
  try {
    return decoders[kind](row)
  } catch (cause) {
    throw damaged(kind, cause)
  }
}

/** What the restore screen shows before anything is written; every row was decoded to get it. */
export type BackupContents = { counts: Tally; keyring: Keyring | null; unknownKinds: string[] }

/**
 * Reads a verified backup once more and checks every row against its schema, so a restore never
 * stops half-way on a row it cannot take. Returns the counts and the keyring it holds.
 */
export const inspectSections = async (sections: AsyncIterable<BackupSection>): Promise<BackupContents> => {
  const counts: Tally = {}
  const unknownKinds = new Set<string>()
  let keyring: Keyring | null = null
  for await (const { kind, rows } of sections) {
    if (!isContentKind(kind)) {
      unknownKinds.add(kind)
      continue
    }
    for (const row of rows) {
      decodeRow(kind, row)
      if (kind === 'keyring') {
        try {
          keyring = parseKeyring(row)
        } catch (cause) {
          throw damaged(kind, cause)
        }
      }
    }
    counts[kind] = (counts[kind] ?? 0) + rows.length
  }
  return { counts, keyring, unknownKinds: [...unknownKinds] }
}

const existingIds = (store: HearthStore, table: string, ids: ReadonlyArray<string>): Set<string> => {
  if (ids.length === 0) return new Set()
  const rows = store.query({
    query: `SELECT id FROM '${table}' WHERE id IN (SELECT value FROM json_each($ids))`,
    bindValues: { ids: JSON.stringify(ids) },
  }) as ReadonlyArray<{ id: string }>
  return new Set(rows.map((r) => r.id))
}

/**
 * "Replace": one event empties every domain table (docs/BACKUP_FORMAT.md, "Replace"). The caller
 * has made a safety backup first.
 */
export const clearAllData = async (store: HearthStore, now = Date.now()) => {
  store.commit(events.allDataCleared({ clearedAt: now }))
  await whenPersisted(store)
}

type Family =
  | 'settings'
  | 'personas'
  | 'memories'
  | 'memoryLinks'
  | 'conversations'
  | 'workflows'
  | 'documents'
  | 'notifications'
  | 'keyring'

const FAMILY: Record<ContentKind, Family> = {
  keyring: 'keyring',
  settings: 'settings',
  personas: 'personas',
  memories: 'memories',
  memoryLinks: 'memoryLinks',
  conversations: 'conversations',
  messages: 'conversations',
  workflows: 'workflows',
  runs: 'workflows',
  documents: 'documents',
  chunks: 'documents',
  notifications: 'notifications',
}

/**
 * Applies a verified backup's sections: each record sealed anew with this vault's key, committed
 * in batch events of about `RESTORE_BATCH_ROWS` rows (a conversation always with its messages, a
 * workflow with its runs, a document with its chunks, as the bulk events count them).
 */
export const restoreSections = (
  store: HearthStore,
  key: DataKey,
  sections: AsyncIterable<BackupSection>,
  options: RestoreOptions,
): Promise<RestoreSummary> => asBulkWrite(() => restoreAll(store, key, sections, options))

const restoreAll = async (
  store: HearthStore,
  key: DataKey,
  sections: AsyncIterable<BackupSection>,
  { mode, onProgress, signal }: RestoreOptions,
): Promise<RestoreSummary> => {
  // Only rows the store lacks are sealed: each is new, and takes a spare key without a lookup.
  const sealing = forNewRecords(key)
  const added: Tally = {}
  const kept: Tally = {}
  let batches = 0
  let done = 0
  const count = (tally: Tally, kind: ContentKind, n: number) => {
    if (n > 0) tally[kind] = (tally[kind] ?? 0) + n
  }
  const commit = async (event: LiveStoreEvent.Input.Decoded) => {
    signal?.throwIfAborted()
    store.commit(event)
    batches += 1
    await whenPersisted(store, 1)
  }

  // The pending batch: rows of one family.
  let family: Family | null = null
  let parents: Record<string, unknown>[] = []
  let children: Record<string, unknown>[] = []

  const split = <T extends { id: string }>(table: string, kind: ContentKind, rows: T[]) => {
    const here =
      mode === 'merge'
        ? existingIds(
            store,
            table,
            rows.map((r) => r.id),
          )
        : new Set<string>()
    const fresh = rows.filter((r) => !here.has(r.id))
    count(added, kind, fresh.length)
    count(kept, kind, rows.length - fresh.length)
    return fresh
  }
  /** Children whose parent is added in this batch; the others stay with the parent that was kept. */
  const childrenOfAdded = <T>(
    kind: ContentKind,
    rows: T[],
    parentOf: (row: T) => string,
    ids: Set<string>,
  ) => {
    const fresh = rows.filter((r) => ids.has(parentOf(r)))
    count(added, kind, fresh.length)
    count(kept, kind, rows.length - fresh.length)
    return fresh
  }

  const flush = async () => {
    const rows = parents
    const kids = children
    const current = family
    parents = []
    children = []
    done += rows.length + kids.length
    switch (current) {
      case null:
      case 'keyring':
        break
      case 'settings': {
        const [s] = rows as SettingsRecord[]
        if (s === undefined) break
        const hasSettings = existingIds(store, 'settings', ['global']).size > 0
        if (mode === 'merge' && hasSettings) {
          count(kept, 'settings', 1)
          break
        }
        count(added, 'settings', 1)
        signal?.throwIfAborted()
        store.commit(
          events.userNameChanged(settingsFields.seal(key, 'global', { userName: s.userName })),
          events.privacySettingsChanged({ privacy: s.privacy }),
          events.lockSettingsChanged({ lock: s.lock }),
          events.appearanceChanged({ appearance: s.appearance }),
          // Backups made before tier settings existed leave them as this store has them.
          ...(s.lifecycle === undefined ? [] : [events.lifecycleSettingsChanged({ lifecycle: s.lifecycle })]),
          ...(s.searchModel === undefined
            ? []
            : [
                events.searchModelChosen(
                  searchModelFields.seal(key, 'global', { searchModel: s.searchModel }),
                ),
              ]),
          // Likewise the assistant's settings (and the key, which only encrypted backups carry).
          ...(s.defaultModel === undefined
            ? []
            : [
                events.defaultModelChanged(
                  defaultModelFields.seal(key, 'global', { defaultModel: { ...s.defaultModel } }),
                ),
              ]),
          ...(s.defaultApiKey === undefined
            ? []
            : [
                events.defaultModelApiKeySet(
                  defaultModelSecretFields.seal(key, 'global', { defaultApiKey: s.defaultApiKey }),
                ),
              ]),
          ...(s.modelPrices === undefined ? [] : [events.modelPricesChanged({ modelPrices: s.modelPrices })]),
          ...(s.consolidation === undefined
            ? []
            : [events.consolidationSettingsChanged({ consolidation: s.consolidation })]),
        )
        batches += 1
        break
      }
      case 'personas': {
        const fresh = split('personas', 'personas', rows as PersonaRecord[])
        await key.records?.reserve(fresh.length)
        if (fresh.length > 0)
          await commit(events.personasImported({ personas: fresh.map((p) => sealPersonaRecord(sealing, p)) }))
        break
      }
      case 'memories': {
        const fresh = split('memories', 'memories', rows as MemoryRecord[])
        await key.records?.reserve(fresh.length)
        if (fresh.length > 0)
          await commit(events.memoriesImported({ memories: fresh.map((m) => sealMemoryRecord(sealing, m)) }))
        break
      }
      case 'memoryLinks': {
        const fresh = split('memory_links', 'memoryLinks', rows as MemoryLinkRecord[])
        if (fresh.length > 0) await commit(events.memoryLinksImported({ links: fresh }))
        break
      }
      case 'conversations': {
        const fresh = split('conversations', 'conversations', rows as ConversationRecord[])
        const ids = new Set(fresh.map((c) => c.id))
        const msgs = childrenOfAdded('messages', kids as MessageRecord[], (m) => m.conversationId, ids)
        await key.records?.reserve(fresh.length + msgs.length)
        if (fresh.length > 0)
          await commit(
            events.conversationsImported({
              conversations: fresh.map((c) => sealConversationRecord(sealing, c)),
              messages: msgs.map((m) => sealMessageRecord(sealing, m)),
            }),
          )
        break
      }
      case 'workflows': {
        const fresh = split('workflows', 'workflows', rows as WorkflowRecord[])
        const ids = new Set(fresh.map((w) => w.id))
        const runs = childrenOfAdded('runs', kids as RunRecord[], (r) => r.workflowId, ids)
        await key.records?.reserve(runs.length)
        if (fresh.length > 0)
          await commit(
            events.workflowsImported({
              workflows: fresh.map((w) => sealWorkflowRecord(sealing, w)),
              runs: runs.map((r) => sealRunRecord(sealing, r)),
            }),
          )
        break
      }
      case 'documents': {
        const fresh = split('documents', 'documents', rows as DocumentRecord[])
        const ids = new Set(fresh.map((d) => d.id))
        const chunks = childrenOfAdded('chunks', kids as ChunkRecord[], (c) => c.documentId, ids)
        await key.records?.reserve(fresh.length)
        for (const doc of fresh) {
          await commit(
            events.documentImported({
              ...doc,
              ...documentFields.seal(sealing, doc.id, doc),
              chunks: chunks.filter((c) => c.documentId === doc.id).map((c) => sealChunkRecord(sealing, c)),
            }),
          )
        }
        break
      }
      case 'notifications': {
        const fresh = split('notifications', 'notifications', rows as NotificationRecord[])
        await key.records?.reserve(fresh.length)
        if (fresh.length > 0)
          await commit(
            events.notificationsImported({
              notifications: fresh.map((n) => sealNotificationRecord(sealing, n)),
            }),
          )
        break
      }
    }
    onProgress?.(done)
  }

  for await (const { kind, rows } of sections) {
    if (!isContentKind(kind)) continue
    const next = FAMILY[kind]
    const isParent = kind === next
    for (const raw of rows) {
      const row = decodeRow(kind, raw) as Record<string, unknown>
      // A new family, a full batch ending at a parent, or (documents) each new document: flush.
      const full = parents.length + children.length >= RESTORE_BATCH_ROWS
      const boundary = isParent && (full || (next === 'documents' && parents.length > 0))
      if (family !== null && (family !== next || boundary)) await flush()
      family = next
      if (isParent) parents.push(row)
      else children.push(row)
    }
  }
  await flush()
  await whenPersisted(store)
  return { added, kept, batches }
}
