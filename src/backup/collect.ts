import { Schema, type State } from '@livestore/livestore'
import type { HearthStore } from '../commands/store.ts'
import {
  ConversationRecord,
  conversationFields,
  conversations,
  MessageRecord,
  messageFields,
  messages,
} from '../schema/conversations.ts'
import { ChunkRecord, chunkFields, documentChunks, documentFields, documents } from '../schema/documents.ts'
import { MemoryLinkRecord, MemoryRecord, memories, memoryFields, memoryLinks } from '../schema/memories.ts'
import { NotificationRecord, notificationFields, notifications } from '../schema/notifications.ts'
import { PersonaRecord, personaFields, personaSecretFields, personas } from '../schema/personas.ts'
import {
  defaultModelFields,
  defaultModelSecretFields,
  SETTINGS_ID,
  type SearchEndpoint,
  searchModelFields,
  settings,
  settingsFields,
} from '../schema/settings.ts'
import {
  RunRecord,
  runFields,
  WorkflowRecord,
  workflowFields,
  workflowRuns,
  workflows,
} from '../schema/workflows.ts'
import type { DataKey } from '../vault/envelope.ts'
import type { Keyring } from '../vault/keyring.ts'
import { type ContentKind, DocumentRecord, pickFields } from './app-content.ts'
import type { BackupSection } from './backup-format.ts'

/** Rows read from the store per query: small enough to keep memory flat at 100k memories. */
const PAGE = 1000
/** Parents per page for kinds whose children follow them (conversations, workflows, documents). */
const PARENT_PAGE = 100

type Row = Record<string, unknown> & { id: string }

export type CollectOptions = {
  /** The vault's keyring, so a fresh browser can adopt it (omit for a backup without it). */
  readonly keyring?: Keyring
  /** Include persona API keys (the encrypted backup does; a plain export never does). */
  readonly secrets: boolean
  /** Called for each row left out because it does not open with this vault's key (damaged data). */
  readonly onUnreadable?: (kind: ContentKind, id: string) => void
}

const rowsOf = <T extends State.SQLite.TableDef.Any>(
  store: HearthStore,
  table: T,
  where: string,
  bindValues: Record<string, string | number>,
  order = 'id',
): ReadonlyArray<Row> =>
  store.query({
    query: `SELECT * FROM '${table.sqliteDef.name}' WHERE ${where} ORDER BY ${order}`,
    bindValues,
    schema: Schema.Array(table.rowSchema),
  }) as ReadonlyArray<Row>

/** Live rows of `table`, a page at a time in id order (keyset paging: each page is an index seek). */
function* pagesOf<T extends State.SQLite.TableDef.Any>(
  store: HearthStore,
  table: T,
  live: string,
  size = PAGE,
): Generator<ReadonlyArray<Row>, void, undefined> {
  let after = ''
  for (;;) {
    const page = rowsOf(store, table, `${live} AND id > $after`, { after }, `id LIMIT ${size}`)
    if (page.length === 0) return
    yield page
    after = (page.at(-1) as Row).id
    if (page.length < size) return
  }
}

const childrenOf = <T extends State.SQLite.TableDef.Any>(
  store: HearthStore,
  table: T,
  parentColumn: string,
  parents: ReadonlyArray<Row>,
  live: string,
  order: string,
) =>
  rowsOf(
    store,
    table,
    `${parentColumn} IN (SELECT value FROM json_each($parents)) AND ${live}`,
    { parents: JSON.stringify(parents.map((p) => p.id)) },
    order,
  )

type Codec = { open: (key: DataKey, row: never) => Record<string, unknown> & { unreadable: boolean } }

/**
 * Every live record of the store, opened with the vault's key, as backup sections. Deleted (trashed)
 * records, dismissed notifications and derived data (counters, search vectors) are left out: a
 * restore recomputes what is derived. Children follow their parents page by page, so a restore
 * can commit a conversation with all its messages in one batch event.
 */
export async function* collectSections(
  store: HearthStore,
  key: DataKey,
  options: CollectOptions,
): AsyncGenerator<BackupSection, void, undefined> {
  const open = (kind: ContentKind, codecs: Codec[], rows: ReadonlyArray<Row>) => {
    const out: Row[] = []
    for (const row of rows) {
      let opened: Record<string, unknown> = row
      let unreadable = false
      for (const codec of codecs) {
        const result = codec.open(key, opened as never)
        unreadable ||= result.unreadable
        opened = result
      }
      if (unreadable) options.onUnreadable?.(kind, row.id)
      else out.push(opened as Row)
    }
    return out
  }

  if (options.keyring !== undefined) yield { kind: 'keyring', rows: [options.keyring] }

  const [settingsRow] = rowsOf(store, settings, 'id = $id', { id: SETTINGS_ID })
  if (settingsRow !== undefined) {
    const codecs = [
      settingsFields,
      defaultModelFields,
      searchModelFields,
      ...(options.secrets ? [defaultModelSecretFields] : []),
    ]
    const [opened] = open('settings', codecs as Codec[], [settingsRow])
    if (opened !== undefined) {
      const { userName, privacy, lock, appearance, lifecycle, consolidation, defaultModel, modelPrices } =
        opened
      // The search endpoint stays (where to embed is a setting); its API key only in encrypted backups.
      const endpoint = opened.searchModel as SearchEndpoint | null
      const searchModel = endpoint && !options.secrets ? { ...endpoint, apiKey: '' } : endpoint
      yield {
        kind: 'settings',
        rows: [
          {
            userName,
            privacy,
            lock,
            appearance,
            lifecycle,
            consolidation,
            searchModel,
            // Only what was set: a store without a default model restores none.
            ...(settingsRow.defaultModel === '' ? {} : { defaultModel }),
            modelPrices,
            ...(options.secrets && settingsRow.defaultApiKey !== null
              ? { defaultApiKey: opened.defaultApiKey }
              : {}),
          },
        ],
      }
    }
  }

  const personaCodecs = (options.secrets ? [personaFields, personaSecretFields] : [personaFields]) as Codec[]
  for (const page of pagesOf(store, personas, 'deletedAt IS NULL')) {
    const rows = open('personas', personaCodecs, page).map((p) => ({
      ...pickFields(PersonaRecord, p),
      apiKey: options.secrets ? (p.apiKey ?? null) : null,
      active: p.active === 1,
    }))
    yield { kind: 'personas', rows }
  }

  for (const page of pagesOf(store, memories, 'deletedAt IS NULL')) {
    const rows = open('memories', [memoryFields as Codec], page).map((m) => pickFields(MemoryRecord, m))
    yield { kind: 'memories', rows }
  }

  // Only links whose both ends are live: the others are hidden in the app and would dangle.
  for (const page of pagesOf(
    store,
    memoryLinks,
    `deletedAt IS NULL AND fromId IN (SELECT id FROM memories WHERE deletedAt IS NULL)
       AND toId IN (SELECT id FROM memories WHERE deletedAt IS NULL)`,
  )) {
    yield { kind: 'memoryLinks', rows: page.map((l) => pickFields(MemoryLinkRecord, l)) }
  }

  for (const page of pagesOf(store, conversations, 'deletedAt IS NULL', PARENT_PAGE)) {
    const parents = open('conversations', [conversationFields as Codec], page)
    yield { kind: 'conversations', rows: parents.map((c) => pickFields(ConversationRecord, c)) }
    const children = childrenOf(
      store,
      messages,
      'conversationId',
      parents,
      'deletedAt IS NULL',
      'createdAt, id',
    )
    const rows = open('messages', [messageFields as Codec], children).map((m) => pickFields(MessageRecord, m))
    if (rows.length > 0) yield { kind: 'messages', rows }
  }

  for (const page of pagesOf(store, workflows, 'deletedAt IS NULL', PARENT_PAGE)) {
    const parents = open('workflows', [workflowFields as Codec], page)
    yield {
      kind: 'workflows',
      rows: parents.map((w) => ({
        ...pickFields(WorkflowRecord, w),
        enabled: w.enabled === 1,
        isTemplate: w.isTemplate === 1,
      })),
    }
    const children = childrenOf(store, workflowRuns, 'workflowId', parents, '1 = 1', 'createdAt, id')
    const rows = open('runs', [runFields as Codec], children).map((r) => pickFields(RunRecord, r))
    if (rows.length > 0) yield { kind: 'runs', rows }
  }

  // One document at a time: a restore commits each document with its chunks as one event.
  for (const page of pagesOf(store, documents, 'deletedAt IS NULL', PARENT_PAGE)) {
    for (const doc of open('documents', [documentFields as Codec], page)) {
      yield { kind: 'documents', rows: [pickFields(DocumentRecord, doc)] }
      const chunks = childrenOf(store, documentChunks, 'documentId', [doc], '1 = 1', 'ord, id')
      const rows = open('chunks', [chunkFields as Codec], chunks).map((c) => pickFields(ChunkRecord, c))
      if (rows.length > 0) yield { kind: 'chunks', rows }
    }
  }

  for (const page of pagesOf(store, notifications, 'dismissedAt IS NULL')) {
    const rows = open('notifications', [notificationFields as Codec], page).map((n) =>
      pickFields(NotificationRecord, n),
    )
    yield { kind: 'notifications', rows }
  }
}
