import { createMemory } from '../commands/memories.ts'
import { postNotification } from '../commands/notifications.ts'
import type { HearthStore } from '../commands/store.ts'
import {
  type ConversationRow,
  conversationById$,
  conversationFields,
  conversationMessages$,
  messageFields,
  recentConversations$,
} from '../schema/conversations.ts'
import type { DataKey } from '../vault/envelope.ts'
import { type Clock, sleep } from './clock.ts'
import type { StepDeps, Transcript } from './steps.ts'

/** A summary reads the end of a long conversation: the most recent ~12k characters. */
export const TRANSCRIPT_MAX = 12_000

const latestConversation = (store: HearthStore, personaId: string | null): ConversationRow | undefined =>
  store.query(recentConversations$({ personaId, archived: false, page: 0 }))[0] ??
  store.query(recentConversations$({ personaId, archived: true, page: 0 }))[0]

/** A conversation as text ("user: …" lines), opened with the vault's key. */
export const transcriptOf = (store: HearthStore, key: DataKey, row: ConversationRow): Transcript => {
  const { title } = conversationFields.open(key, row)
  const lines = store
    .query(conversationMessages$(row.id))
    .map((m) => `${m.role}: ${messageFields.open(key, m).content}`)
  const text = lines.join('\n')
  return {
    id: row.id,
    title,
    text: text.length > TRANSCRIPT_MAX ? `…${text.slice(text.length - TRANSCRIPT_MAX)}` : text,
  }
}

/**
 * The steps' dependencies that live in the store: reading a conversation, saving a memory (sealed,
 * with the run as its origin), posting a notification (sealed; its subject is the workflow), and
 * waiting on the clock.
 */
export const storeStepDeps = (
  store: HearthStore,
  key: DataKey,
  clock: Clock,
): Pick<StepDeps, 'conversation' | 'saveMemory' | 'notify' | 'sleep'> => ({
  conversation: ({ subjectId, personaId }) => {
    const subject = subjectId === null ? undefined : store.query(conversationById$(subjectId))
    const row =
      subject !== undefined && subject.deletedAt === null ? subject : latestConversation(store, personaId)
    return row === undefined ? null : transcriptOf(store, key, row)
  },
  saveMemory: ({ personaId, type, name, content, tags, runId }) => {
    createMemory(
      store,
      key,
      personaId,
      {
        type,
        name,
        content,
        summary: '',
        tags: [...tags],
        source: 'workflow',
        confidence: 1,
        expiresAt: null,
        factCategory: null,
        factKey: null,
        importance: 50,
      },
      clock.now(),
      { kind: 'run', id: runId },
    )
  },
  notify: ({ title, body, priority, context }) => {
    postNotification(
      store,
      key,
      { kind: 'workflow-result', priority, title, body, subjectId: context.workflowId },
      clock.now(),
    )
  },
  sleep: (ms, signal) => sleep(clock, ms, signal),
})
