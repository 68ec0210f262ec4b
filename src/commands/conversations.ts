import { nanoid, Schema } from '@livestore/livestore'
import {
  type ConversationRow,
  conversationById$,
  conversationFields,
  MESSAGE_ROLES,
  type MessageRole,
  messageFields,
  Sentiment,
} from '../schema/conversations.ts'
import { events } from '../schema/index.ts'
import { personaById$ } from '../schema/personas.ts'
import type { DataKey } from '../vault/envelope.ts'
import { CommandError, requireRange, requireText } from './command-error.ts'
import type { HearthStore } from './store.ts'

/** What a person edits about a conversation: its words (sealed) and two plain scores. */
export type ConversationDraft = {
  title: string
  summary: string
  topics: ReadonlyArray<string>
  sentiment: Sentiment | null
  importance: number
}

/** A message a person writes by hand; model accounting stays empty, as no model produced it. */
export type MessageDraft = { role: MessageRole; content: string }

export const TITLE_MAX = 200
const SUMMARY_MAX = 5_000
const TOPICS_MAX = 20
const TOPIC_MAX = 60
const MESSAGE_MAX = 100_000

/** Topics are typed as one comma-separated string; stored trimmed, lower-case and unique. */
export const parseTopics = (text: string): string[] => [
  ...new Set(
    text
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter((t) => t !== ''),
  ),
]

const isSentiment = Schema.is(Sentiment)

const validDraft = (draft: ConversationDraft): ConversationDraft => {
  const topics = [...new Set(draft.topics.map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))]
  if (topics.length > TOPICS_MAX) {
    throw new CommandError(
      `A conversation can have at most ${TOPICS_MAX} topics (this one has ${topics.length}).`,
    )
  }
  const long = topics.find((t) => t.length > TOPIC_MAX)
  if (long !== undefined) {
    throw new CommandError(`The topic “${long.slice(0, 30)}…” is too long (at most ${TOPIC_MAX} characters).`)
  }
  if (draft.sentiment !== null && !isSentiment(draft.sentiment)) {
    throw new CommandError('Sentiment must be positive, neutral, negative, mixed, or not set.')
  }
  const summary = draft.summary.trim()
  if (summary.length > SUMMARY_MAX) {
    throw new CommandError(`Summary is too long (${summary.length} characters; at most ${SUMMARY_MAX}).`)
  }
  return {
    title: requireText(draft.title, 'Title', TITLE_MAX),
    summary,
    topics,
    sentiment: draft.sentiment,
    importance: Math.round(requireRange(draft.importance, 'Importance', 0, 100)),
  }
}

/** The conversation if it is still there; commands refuse to write to one deleted (e.g. in another tab). */
const liveConversation = (store: HearthStore, id: string): ConversationRow => {
  const row = store.query(conversationById$(id))
  if (row === undefined || row.deletedAt !== null) {
    throw new CommandError('This conversation no longer exists (it may have been deleted in another tab).')
  }
  return row
}

/** Starts an empty conversation with a persona and returns its id. */
export const startConversation = (
  store: HearthStore,
  key: DataKey,
  personaId: string,
  title: string,
  now = Date.now(),
): string => {
  const persona = store.query(personaById$(personaId))
  if (persona === undefined || persona.deletedAt !== null) {
    throw new CommandError('Choose a persona to talk with (the one chosen no longer exists).')
  }
  const valid = requireText(title, 'Title', TITLE_MAX)
  const id = nanoid()
  store.commit(
    events.conversationStarted({
      id,
      personaId,
      title: conversationFields.seal(key, id, { title: valid, summary: '', topics: [] }).title,
      createdAt: now,
    }),
    // Talking with a persona is using it: it moves up in "active personas by last used".
    events.personaUsed({ id: personaId, usedAt: now }),
  )
  return id
}

/** Saves title, summary, topics, sentiment and importance; an unchanged form writes nothing (returns false). */
export const editConversationDetails = (
  store: HearthStore,
  key: DataKey,
  before: ConversationDraft & { id: string },
  draft: ConversationDraft,
  now = Date.now(),
): boolean => {
  const valid = validDraft(draft)
  const changed = (Object.keys(valid) as Array<keyof ConversationDraft>).some(
    (field) => JSON.stringify(valid[field]) !== JSON.stringify(before[field]),
  )
  if (!changed) return false
  liveConversation(store, before.id)
  store.commit(
    events.conversationDetailsChanged({
      id: before.id,
      ...conversationFields.seal(key, before.id, valid),
      sentiment: valid.sentiment,
      importance: valid.importance,
      updatedAt: now,
    }),
  )
  return true
}

/**
 * Archiving puts a conversation on the archived list without deleting anything. Archiving one that
 * is already archived (another tab got there first) writes nothing and returns false.
 */
export const archiveConversation = (store: HearthStore, id: string, now = Date.now()): boolean => {
  if (liveConversation(store, id).archived === 1) return false
  store.commit(events.conversationArchived({ id, archivedAt: now }))
  return true
}

export const unarchiveConversation = (store: HearthStore, id: string, now = Date.now()): boolean => {
  if (liveConversation(store, id).archived === 0) return false
  store.commit(events.conversationUnarchived({ id, updatedAt: now }))
  return true
}

/** Deletes the conversation with its messages (soft: the rows stay for history, every list hides them). */
export const deleteConversation = (store: HearthStore, id: string, now = Date.now()) => {
  liveConversation(store, id)
  store.commit(events.conversationDeleted({ id, deletedAt: now }))
  return now
}

/** Undo of `deleteConversation`: the conversation comes back with the messages that delete took. */
export const restoreConversation = (store: HearthStore, id: string, deletedAt: number, now = Date.now()) =>
  store.commit(events.conversationRestored({ id, deletedAt, restoredAt: now }))

/**
 * Blank lines around a message are dropped; the first line's indentation and every line break
 * inside are kept, because code and lists depend on them.
 */
const tidyContent = (content: string) => content.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd()

/** Adds a message written by hand to the end of a conversation and returns its id. */
export const addMessage = (
  store: HearthStore,
  key: DataKey,
  conversationId: string,
  draft: MessageDraft,
  now = Date.now(),
): string => {
  if (!MESSAGE_ROLES.includes(draft.role)) {
    throw new CommandError(`A message's role must be one of: ${MESSAGE_ROLES.join(', ')}.`)
  }
  requireText(draft.content, 'The message', MESSAGE_MAX)
  const content = tidyContent(draft.content)
  const conversation = liveConversation(store, conversationId)
  const id = nanoid()
  // Messages are shown by time: a message written now goes after every one already there, even
  // when two are added within the same millisecond (their ids would otherwise decide the order).
  const createdAt = Math.max(now, conversation.lastMessageAt + 1)
  store.commit(
    events.messageAdded({
      id,
      conversationId,
      role: draft.role,
      ...messageFields.seal(key, id, { content, toolCalls: [], attachments: [] }),
      model: null,
      inputTokens: null,
      outputTokens: null,
      cost: null,
      latencyMs: null,
      createdAt,
    }),
    events.personaUsed({ id: conversation.personaId, usedAt: now }),
  )
  return id
}

export const deleteMessage = (
  store: HearthStore,
  message: { id: string; conversationId: string },
  now = Date.now(),
) => {
  store.commit(
    events.messageDeleted({ id: message.id, conversationId: message.conversationId, deletedAt: now }),
  )
  return now
}

/** Undo of `deleteMessage`. */
export const restoreMessage = (
  store: HearthStore,
  message: { id: string; conversationId: string },
  deletedAt: number,
) =>
  store.commit(events.messageRestored({ id: message.id, conversationId: message.conversationId, deletedAt }))
