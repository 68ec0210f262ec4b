import { Events, queryDb, Schema, State } from '@livestore/livestore'
import type { DataKey } from '../vault/envelope.ts'
import { json, recordCodec, text } from '../vault/record-codec.ts'
import { insertMany } from './insert-many.ts'
import { Id, Millis, Percent, Sealed, Tags } from './shared.ts'

export const Sentiment = Schema.Literal('positive', 'neutral', 'negative', 'mixed')
export type Sentiment = typeof Sentiment.Type

export const MESSAGE_ROLES = ['user', 'assistant', 'system', 'tool'] as const
export const MessageRole = Schema.Literal(...MESSAGE_ROLES)
export type MessageRole = typeof MessageRole.Type

export const ToolCall = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  arguments: Schema.String,
  result: Schema.NullOr(Schema.String),
})
export type ToolCall = typeof ToolCall.Type

export const AttachmentMeta = Schema.Struct({
  name: Schema.String,
  mimeType: Schema.String,
  size: Schema.Number,
})
export type AttachmentMeta = typeof AttachmentMeta.Type

/** Model accounting of a message; absent for messages a person wrote. */
export const MessageUsage = Schema.Struct({
  model: Schema.NullOr(Schema.String),
  inputTokens: Schema.NullOr(Schema.Number),
  outputTokens: Schema.NullOr(Schema.Number),
  cost: Schema.NullOr(Schema.Number),
  latencyMs: Schema.NullOr(Schema.Number),
})
export type MessageUsage = typeof MessageUsage.Type

/**
 * How a model's reply ended: it finished, the person cancelled it, or the connection dropped part-way.
 * A cancelled or cut-off reply keeps what had arrived, marked as such.
 */
export const REPLY_ENDINGS = ['finished', 'cancelled', 'cut-off'] as const
export const ReplyEnding = Schema.Literal(...REPLY_ENDINGS)
export type ReplyEnding = typeof ReplyEnding.Type

export const ConversationRecord = Schema.Struct({
  id: Id,
  personaId: Id,
  title: Schema.String,
  summary: Schema.String,
  topics: Tags,
  sentiment: Schema.NullOr(Sentiment),
  importance: Percent,
  archivedAt: Schema.NullOr(Millis),
  createdAt: Millis,
})
export type ConversationRecord = typeof ConversationRecord.Type

export const MessageRecord = Schema.Struct({
  id: Id,
  conversationId: Id,
  role: MessageRole,
  content: Schema.String,
  toolCalls: Schema.Array(ToolCall),
  attachments: Schema.Array(AttachmentMeta),
  ...MessageUsage.fields,
  createdAt: Millis,
  // An assistant reply's remembered memories and how it ended, so a backup or an export brings them
  // back. Optional: batches, backups and exports written before they were carried still read
  // (absent means none remembered, and no ending recorded).
  rememberedIds: Schema.optional(Schema.Array(Id)),
  ending: Schema.optional(Schema.NullOr(ReplyEnding)),
})
export type MessageRecord = typeof MessageRecord.Type

/** What was said is sealed; roles, counts, tokens, timings and the model's name stay plain. */
export const conversationFields = recordCodec(
  'conversations',
  {
    title: text,
    summary: text,
    topics: json<ReadonlyArray<string>>([]),
  },
  { perRecord: true },
)
/** Each message has its own key: one message can be forgotten without its conversation. */
export const messageFields = recordCodec(
  'messages',
  {
    content: text,
    toolCalls: json<ReadonlyArray<ToolCall>>([]),
    attachments: json<ReadonlyArray<AttachmentMeta>>([]),
  },
  { perRecord: true },
)

export const SealedConversationRecord = Schema.Struct({
  ...ConversationRecord.fields,
  title: Sealed,
  summary: Sealed,
  topics: Sealed,
})
export type SealedConversationRecord = typeof SealedConversationRecord.Type

export const SealedMessageRecord = Schema.Struct({
  ...MessageRecord.fields,
  content: Sealed,
  toolCalls: Sealed,
  attachments: Sealed,
})
export type SealedMessageRecord = typeof SealedMessageRecord.Type

export const sealConversationRecord = (key: DataKey, c: ConversationRecord): SealedConversationRecord => ({
  ...c,
  ...conversationFields.seal(key, c.id, c),
})
export const sealMessageRecord = (key: DataKey, m: MessageRecord): SealedMessageRecord => ({
  ...m,
  ...messageFields.seal(key, m.id, m),
})

export const conversations = State.SQLite.table({
  name: 'conversations',
  columns: {
    id: State.SQLite.text({ primaryKey: true }),
    personaId: State.SQLite.text(),
    title: State.SQLite.text({ default: '' }),
    summary: State.SQLite.text({ default: '' }),
    topics: State.SQLite.text({ default: '' }),
    sentiment: State.SQLite.text({ nullable: true, schema: Sentiment }),
    importance: State.SQLite.integer({ default: 50 }),
    archived: State.SQLite.integer({ default: 0 }),
    archivedAt: State.SQLite.integer({ nullable: true }),
    messageCount: State.SQLite.integer({ default: 0 }),
    createdAt: State.SQLite.integer(),
    updatedAt: State.SQLite.integer(),
    /** Recent conversations sort by their last activity. */
    lastMessageAt: State.SQLite.integer(),
    deletedAt: State.SQLite.integer({ nullable: true }),
  },
  indexes: [
    // Both end in `id`, the list's tie-break, so the whole ORDER BY is an index walk.
    { name: 'conversations_recent', columns: ['deletedAt', 'archived', 'lastMessageAt', 'id'] },
    {
      name: 'conversations_persona_recent',
      columns: ['personaId', 'deletedAt', 'archived', 'lastMessageAt', 'id'],
    },
    // Event-triggered workflows watch the latest archivings (src/schema/workflows.ts, WATCHED_EVENTS).
    { name: 'conversations_archived', columns: ['archivedAt'] },
  ],
})
export type ConversationRow = typeof conversations.Type

export const messages = State.SQLite.table({
  name: 'messages',
  columns: {
    id: State.SQLite.text({ primaryKey: true }),
    conversationId: State.SQLite.text(),
    role: State.SQLite.text({ schema: MessageRole }),
    content: State.SQLite.text({ default: '' }),
    toolCalls: State.SQLite.text({ default: '' }),
    attachments: State.SQLite.text({ default: '' }),
    model: State.SQLite.text({ nullable: true }),
    inputTokens: State.SQLite.integer({ nullable: true }),
    outputTokens: State.SQLite.integer({ nullable: true }),
    cost: State.SQLite.real({ nullable: true }),
    latencyMs: State.SQLite.integer({ nullable: true }),
    createdAt: State.SQLite.integer(),
    deletedAt: State.SQLite.integer({ nullable: true }),
    // Added with the assistant (a table change: the first start after that update rebuilds state from
    // the event log; rows of older events get the defaults). Plain: memory ids and a status word.
    /** The memories retrieved into the prompt of a model's reply, best first (a JSON array of ids). */
    rememberedIds: State.SQLite.json({ schema: Schema.Array(Schema.String), default: [] }),
    /** How a model's reply ended; `null` for messages no model streamed. */
    ending: State.SQLite.text({ nullable: true, schema: ReplyEnding }),
  },
  indexes: [
    { name: 'messages_conversation_time', columns: ['conversationId', 'deletedAt', 'createdAt', 'id'] },
  ],
})
export type MessageRow = typeof messages.Type

const ConversationDetails = Schema.Struct({
  title: Sealed,
  summary: Sealed,
  topics: Sealed,
  sentiment: Schema.NullOr(Sentiment),
  importance: Percent,
})

export const conversationEvents = {
  conversationStarted: Events.synced({
    name: 'v1.ConversationStarted',
    schema: Schema.Struct({ id: Id, personaId: Id, title: Sealed, createdAt: Millis }),
  }),
  conversationDetailsChanged: Events.synced({
    name: 'v1.ConversationDetailsChanged',
    schema: Schema.Struct({ id: Id, ...ConversationDetails.fields, updatedAt: Millis }),
  }),
  conversationArchived: Events.synced({
    name: 'v1.ConversationArchived',
    schema: Schema.Struct({ id: Id, archivedAt: Millis }),
  }),
  conversationUnarchived: Events.synced({
    name: 'v1.ConversationUnarchived',
    schema: Schema.Struct({ id: Id, updatedAt: Millis }),
  }),
  conversationDeleted: Events.synced({
    name: 'v1.ConversationDeleted',
    schema: Schema.Struct({ id: Id, deletedAt: Millis }),
  }),
  /** Undo of the delete made at `deletedAt`: the conversation and the messages that delete took. */
  conversationRestored: Events.synced({
    name: 'v1.ConversationRestored',
    schema: Schema.Struct({ id: Id, deletedAt: Millis, restoredAt: Millis }),
  }),
  messageAdded: Events.synced({ name: 'v1.MessageAdded', schema: SealedMessageRecord }),
  /**
   * A persona's reply from its model, committed once when it finished, was cancelled or was cut
   * off (never one event per streamed token), with its accounting and the memories it was given.
   */
  assistantReplied: Events.synced({
    name: 'v1.AssistantReplied',
    schema: Schema.Struct({
      ...SealedMessageRecord.fields,
      role: Schema.Literal('assistant'),
      rememberedIds: Schema.Array(Id),
      ending: ReplyEnding,
    }),
  }),
  messageDeleted: Events.synced({
    name: 'v1.MessageDeleted',
    schema: Schema.Struct({ id: Id, conversationId: Id, deletedAt: Millis }),
  }),
  messageRestored: Events.synced({
    name: 'v1.MessageRestored',
    schema: Schema.Struct({ id: Id, conversationId: Id, deletedAt: Millis }),
  }),
  /** Bulk: conversations with their messages, one event per batch. */
  conversationsImported: Events.synced({
    name: 'v1.ConversationsImported',
    schema: Schema.Struct({
      conversations: Schema.Array(SealedConversationRecord),
      messages: Schema.Array(SealedMessageRecord),
    }),
  }),
}

const messageRow = (m: SealedMessageRecord) => ({
  ...m,
  rememberedIds: m.rememberedIds ?? [],
  ending: m.ending ?? null,
})

const bumpConversation = (conversationId: string, delta: number, at: number) => ({
  sql: `UPDATE conversations SET messageCount = messageCount + $delta,
          lastMessageAt = max(lastMessageAt, $at), updatedAt = max(updatedAt, $at) WHERE id = $conversationId`,
  bindValues: { conversationId, delta, at },
  writeTables: new Set(['conversations']),
})

export const conversationMaterializers = State.SQLite.materializers(conversationEvents, {
  'v1.ConversationStarted': ({ id, personaId, title, createdAt }) =>
    conversations.insert({ id, personaId, title, createdAt, updatedAt: createdAt, lastMessageAt: createdAt }),
  'v1.ConversationDetailsChanged': ({ id, ...details }) => conversations.update(details).where({ id }),
  'v1.ConversationArchived': ({ id, archivedAt }) =>
    conversations.update({ archived: 1, archivedAt }).where({ id }),
  'v1.ConversationUnarchived': ({ id, updatedAt }) =>
    conversations.update({ archived: 0, archivedAt: null, updatedAt }).where({ id }),
  'v1.ConversationDeleted': ({ id, deletedAt }) => [
    conversations.update({ deletedAt }).where({ id }),
    messages.update({ deletedAt }).where({ conversationId: id, deletedAt: null }),
  ],
  'v1.ConversationRestored': ({ id, deletedAt, restoredAt }) => [
    conversations.update({ deletedAt: null, updatedAt: restoredAt }).where({ id, deletedAt }),
    // Only what that delete took (same timestamp): a message deleted on its own before stays deleted.
    messages.update({ deletedAt: null }).where({ conversationId: id, deletedAt }),
  ],
  'v1.MessageAdded': (m) => [
    messages.insert(messageRow(m)),
    bumpConversation(m.conversationId, 1, m.createdAt),
  ],
  'v1.AssistantReplied': (m) => [messages.insert(m), bumpConversation(m.conversationId, 1, m.createdAt)],
  'v1.MessageDeleted': ({ id, conversationId, deletedAt }) => [
    // Count it off only if it is still live, so a repeated delete does not count twice.
    {
      sql: `UPDATE conversations SET messageCount = messageCount - 1 WHERE id = $conversationId
              AND EXISTS (SELECT 1 FROM messages WHERE id = $id AND deletedAt IS NULL)`,
      bindValues: { conversationId, id },
      writeTables: new Set(['conversations']),
    },
    messages.update({ deletedAt }).where({ id, deletedAt: null }),
  ],
  'v1.MessageRestored': ({ id, conversationId, deletedAt }) => [
    // Counted back only if that delete is still in force, so a second undo does not count twice.
    {
      sql: `UPDATE conversations SET messageCount = messageCount + 1 WHERE id = $conversationId
              AND EXISTS (SELECT 1 FROM messages WHERE id = $id AND deletedAt = $deletedAt)`,
      bindValues: { conversationId, id, deletedAt },
      writeTables: new Set(['conversations']),
    },
    messages.update({ deletedAt: null }).where({ id, deletedAt }),
  ],
  'v1.ConversationsImported': ({ conversations: rows, messages: msgs }) => {
    const counts = new Map<string, { n: number; last: number }>()
    for (const m of msgs) {
      const c = counts.get(m.conversationId) ?? { n: 0, last: 0 }
      counts.set(m.conversationId, { n: c.n + 1, last: Math.max(c.last, m.createdAt) })
    }
    return [
      ...insertMany(
        conversations,
        rows.map((c) => {
          const stats = counts.get(c.id)
          return {
            ...c,
            archived: c.archivedAt === null ? 0 : 1,
            messageCount: stats?.n ?? 0,
            updatedAt: Math.max(c.createdAt, stats?.last ?? 0),
            lastMessageAt: Math.max(c.createdAt, stats?.last ?? 0),
          }
        }),
      ),
      ...insertMany(messages, msgs.map(messageRow)),
    ]
  },
})

export const CONVERSATION_PAGE_SIZE = 50

export type RecentConversationsOptions = { personaId: string | null; archived: boolean; page: number }

/** The query behind `recentConversations$` (exported so tests can check its plan). */
export const recentConversationsQuery = (options: RecentConversationsOptions) =>
  conversations
    .where({ deletedAt: null, archived: options.archived ? 1 : 0, personaId: options.personaId ?? undefined })
    .orderBy([
      { col: 'lastMessageAt', direction: 'desc' },
      { col: 'id', direction: 'desc' },
    ])
    .offset(options.page * CONVERSATION_PAGE_SIZE)
    .limit(CONVERSATION_PAGE_SIZE + 1)

/**
 * Recent conversations, newest activity first; archived ones on their own list. A page is 50 rows
 * plus one, so the UI can tell a next page exists without a COUNT.
 */
export const recentConversations$ = (options: RecentConversationsOptions) =>
  queryDb(recentConversationsQuery(options), {
    label: 'conversations.recent',
    deps: [options.personaId ?? '', options.archived ? 1 : 0, options.page],
  })

/** The query behind `conversationMessages$` (exported so tests can check its plan). */
export const conversationMessagesQuery = (conversationId: string) =>
  messages.where({ conversationId, deletedAt: null }).orderBy([
    { col: 'createdAt', direction: 'asc' },
    { col: 'id', direction: 'asc' },
  ])

/** A conversation's messages in the order they were written. */
export const conversationMessages$ = (conversationId: string) =>
  queryDb(conversationMessagesQuery(conversationId), {
    label: 'conversations.messages',
    deps: [conversationId],
  })

export const conversationById$ = (id: string) =>
  queryDb(conversations.where({ id }).first({ behaviour: 'undefined' }), {
    label: 'conversations.byId',
    deps: [id],
  })

/**
 * Model usage per local day and model, from live messages that name a model: replies, tokens, the sum
 * of known costs and how many replies have none. `tzOffsetMinutes` is `Date#getTimezoneOffset()`, so
 * days are the person's (`src/assistant/usage.ts` turns the rows into the usage page). A scan of the
 * messages, run only while the usage page is open.
 */
export const usageByDay$ = (tzOffsetMinutes: number) =>
  queryDb(
    {
      query: `SELECT CAST((createdAt - $offset) / 86400000 AS INTEGER) AS day, model,
                     COUNT(*) AS replies, COALESCE(SUM(inputTokens), 0) AS inputTokens,
                     COALESCE(SUM(outputTokens), 0) AS outputTokens, COALESCE(SUM(cost), 0) AS cost,
                     SUM(cost IS NULL) AS unpriced
              FROM messages WHERE deletedAt IS NULL AND model IS NOT NULL
              GROUP BY day, model ORDER BY day DESC, model`,
      bindValues: { offset: tzOffsetMinutes * 60_000 },
      schema: Schema.Array(
        Schema.Struct({
          day: Schema.Number,
          model: Schema.String,
          replies: Schema.Number,
          inputTokens: Schema.Number,
          outputTokens: Schema.Number,
          cost: Schema.Number,
          unpriced: Schema.Number,
        }),
      ),
      queriedTables: new Set(['messages']),
    },
    { label: 'conversations.usageByDay', deps: [tzOffsetMinutes] },
  )
