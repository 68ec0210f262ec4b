import { Schema } from '@livestore/livestore'
import { ConversationRecord, MessageRecord } from '../schema/conversations.ts'
import { ChunkRecord, DocumentKind } from '../schema/documents.ts'
import { MemoryLinkRecord, MemoryRecord } from '../schema/memories.ts'
import { NotificationRecord } from '../schema/notifications.ts'
import { PersonaRecord } from '../schema/personas.ts'
import {
  AppearanceSettings,
  ConsolidationSettings,
  LifecycleSettings,
  LockSettings,
  ModelPrice,
  PrivacySettings,
} from '../schema/settings.ts'
import { Id, Millis } from '../schema/shared.ts'
import { RunRecord, WorkflowRecord } from '../schema/workflows.ts'

/**
 * What Hearth puts in a backup: the opened (plaintext) domain records, one kind per section, in the
 * order a restore needs them (personas before their memories, a conversation right before its
 * messages, …). docs/BACKUP_FORMAT.md, "What Hearth puts in a backup", describes each kind.
 */

/** Bumped when the rows of a kind change shape; the header's `schemaVersion` carries it. */
export const BACKUP_CONTENT_VERSION = 1

export const DocumentRecord = Schema.Struct({
  id: Id,
  personaId: Schema.NullOr(Id),
  name: Schema.String,
  kind: DocumentKind,
  size: Schema.Number,
  createdAt: Millis,
})
export type DocumentRecord = typeof DocumentRecord.Type

export const SettingsRecord = Schema.Struct({
  userName: Schema.String,
  privacy: PrivacySettings,
  lock: LockSettings,
  appearance: AppearanceSettings,
  /** Memory tier thresholds; added after content version 1 was first written, so optional. */
  lifecycle: Schema.optional(LifecycleSettings),
  /**
   * The embeddings endpoint for search by meaning (null: built-in); added later, so optional. Its
   * API key is in encrypted backups only: a plain export carries an empty one.
   */
  searchModel: Schema.optional(
    Schema.NullOr(Schema.Struct({ baseUrl: Schema.String, model: Schema.String, apiKey: Schema.String })),
  ),
  /** The default model endpoint and the price table (the assistant); optional for the same reason. */
  defaultModel: Schema.optional(Schema.Struct({ endpoint: Schema.String, model: Schema.String })),
  /** The default endpoint's API key: in encrypted backups only, never in a plain export. */
  defaultApiKey: Schema.optional(Schema.NullOr(Schema.String)),
  modelPrices: Schema.optional(Schema.Array(ModelPrice)),
  /** Duplicate-merge thresholds and the auto-merge opt-in; added later still, so optional. */
  consolidation: Schema.optional(ConsolidationSettings),
})
export type SettingsRecord = typeof SettingsRecord.Type

/** Every kind a backup may hold, with the schema each row is checked against before it is applied. */
export const CONTENT_SCHEMAS = {
  keyring: Schema.Unknown,
  settings: SettingsRecord,
  personas: PersonaRecord,
  memories: MemoryRecord,
  memoryLinks: MemoryLinkRecord,
  conversations: ConversationRecord,
  messages: MessageRecord,
  workflows: WorkflowRecord,
  runs: RunRecord,
  documents: DocumentRecord,
  chunks: ChunkRecord,
  notifications: NotificationRecord,
} as const
export type ContentKind = keyof typeof CONTENT_SCHEMAS

export const CONTENT_KINDS = Object.keys(CONTENT_SCHEMAS) as ContentKind[]

export const isContentKind = (kind: string): kind is ContentKind => Object.hasOwn(CONTENT_SCHEMAS, kind)

/** How each kind reads in a sentence ("3 personas"), for the restore preview and summary. */
export const KIND_LABELS: Record<ContentKind, { one: string; many: string }> = {
  keyring: { one: 'vault key', many: 'vault keys' },
  settings: { one: 'settings record', many: 'settings records' },
  personas: { one: 'persona', many: 'personas' },
  memories: { one: 'memory', many: 'memories' },
  memoryLinks: { one: 'link between memories', many: 'links between memories' },
  conversations: { one: 'conversation', many: 'conversations' },
  messages: { one: 'message', many: 'messages' },
  workflows: { one: 'workflow', many: 'workflows' },
  runs: { one: 'workflow run', many: 'workflow runs' },
  documents: { one: 'document', many: 'documents' },
  chunks: { one: 'document chunk', many: 'document chunks' },
  notifications: { one: 'notification', many: 'notifications' },
}

/** Keeps exactly the fields a record schema declares (a row has more columns than its record). */
export const pickFields = <F extends Schema.Struct.Fields>(
  schema: Schema.Struct<F>,
  row: Record<string, unknown>,
): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const field of Object.keys(schema.fields)) out[field] = row[field] ?? null
  return out
}
