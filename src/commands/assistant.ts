import { nanoid } from '@livestore/livestore'
import { conversationById$, messageFields, type ReplyEnding, type ToolCall } from '../schema/conversations.ts'
import { events } from '../schema/index.ts'
import { MEMORY_TYPES, type MemoryType, memoryFields } from '../schema/memories.ts'
import type { DataKey } from '../vault/envelope.ts'
import { CommandError, requireRange, requireText } from './command-error.ts'
import type { HearthStore } from './store.ts'

/** A model's reply as the conversation screen (or anything else that talks to a persona) has it. */
export type ReplyDraft = {
  readonly content: string
  readonly model: string
  readonly inputTokens: number | null
  readonly outputTokens: number | null
  readonly cost: number | null
  readonly latencyMs: number
  readonly toolCalls: ReadonlyArray<ToolCall>
  readonly rememberedIds: ReadonlyArray<string>
  readonly ending: ReplyEnding
}

/**
 * Stores a persona's reply as one `v1.AssistantReplied` (with `v1.PersonaUsed`), after it finished or
 * stopped; returns the message's id. A reply that stopped before any text arrived is not stored.
 */
export const recordReply = (
  store: HearthStore,
  key: DataKey,
  conversationId: string,
  reply: ReplyDraft,
  now = Date.now(),
): string | null => {
  const content = reply.content.trimEnd()
  if (content.trim() === '' && reply.toolCalls.length === 0) return null
  const conversation = store.query(conversationById$(conversationId))
  if (conversation === undefined || conversation.deletedAt !== null) {
    throw new CommandError(
      'The reply could not be kept: its conversation was deleted (perhaps in another tab).',
    )
  }
  const id = nanoid()
  const createdAt = Math.max(now, conversation.lastMessageAt + 1)
  store.commit(
    events.assistantReplied({
      id,
      conversationId,
      role: 'assistant',
      ...messageFields.seal(key, id, { content, toolCalls: reply.toolCalls, attachments: [] }),
      model: reply.model,
      inputTokens: reply.inputTokens,
      outputTokens: reply.outputTokens,
      cost: reply.cost,
      latencyMs: Math.round(reply.latencyMs),
      rememberedIds: [...reply.rememberedIds],
      ending: reply.ending,
      createdAt,
    }),
    events.personaUsed({ id: conversation.personaId, usedAt: now }),
  )
  return id
}

/** A memory made from a conversation: from "Remember this" on a message, or an accepted proposal. */
export type MemoryFromMessage = {
  readonly type: MemoryType
  readonly name: string
  readonly content: string
  readonly importance: number
  /** The message it came from (its origin). */
  readonly messageId: string
}

/** "Remember this": a name for a message's memory, from its first line. */
export const memoryNameFor = (content: string): string => {
  const first = content.trim().split(/\r?\n/)[0]?.trim() ?? ''
  return first.length > 80 ? `${first.slice(0, 79).trimEnd()}…` : first
}

/**
 * Creates memories of a persona whose origin is a message (source `chat`), in one transaction; returns
 * their ids. "Remember this" passes one; accepting extracted proposals passes those chosen.
 */
export const rememberFromMessages = (
  store: HearthStore,
  key: DataKey,
  personaId: string,
  drafts: ReadonlyArray<MemoryFromMessage>,
  now = Date.now(),
): string[] => {
  if (drafts.length === 0) throw new CommandError('Choose at least one memory to keep.')
  const created = drafts.map((draft) => {
    if (!MEMORY_TYPES.includes(draft.type)) throw new CommandError(`“${draft.type}” is not a kind of memory.`)
    const id = nanoid()
    const content = {
      name: requireText(draft.name, 'A memory’s name', 500),
      content: requireText(draft.content, 'A memory’s content', 100_000),
      summary: '',
      tags: [],
      factCategory: null,
      factKey: null,
    }
    return {
      id,
      event: events.memoryCreated({
        id,
        personaId,
        type: draft.type === 'fact' ? 'knowledge' : draft.type,
        source: 'chat',
        confidence: 1,
        expiresAt: null,
        ...memoryFields.seal(key, id, content),
        importance: Math.round(requireRange(draft.importance, 'Importance', 0, 100)),
        originKind: 'message',
        originId: draft.messageId,
        createdAt: now,
      }),
    }
  })
  store.commit(...created.map((c) => c.event), events.personaUsed({ id: personaId, usedAt: now }))
  return created.map((c) => c.id)
}
