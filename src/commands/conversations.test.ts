import { describe, expect, test } from 'vitest'
import {
  conversationById$,
  conversationFields,
  conversationMessages$,
  messageFields,
  type RecentConversationsOptions,
  recentConversations$,
} from '../schema/conversations.ts'
import { events, tables } from '../schema/index.ts'
import { personaById$ } from '../schema/personas.ts'
import { MINUTE, personaCreatedArgs, T0, TEST_KEY } from '../testing/builders.ts'
import { freshStorePerTest, only } from '../testing/fresh-store-per-test.ts'
import type { TestStore } from '../testing/test-store.ts'
import { CommandError } from './command-error.ts'
import {
  addMessage,
  archiveConversation,
  type ConversationDraft,
  deleteConversation,
  deleteMessage,
  editConversationDetails,
  parseTopics,
  restoreConversation,
  restoreMessage,
  startConversation,
  unarchiveConversation,
} from './conversations.ts'

const useStore = freshStorePerTest()

const ids = (rows: ReadonlyArray<{ id: string }>) => rows.map((r) => r.id)
const recent = (options: Partial<RecentConversationsOptions> = {}) =>
  useStore().query(recentConversations$({ personaId: null, archived: false, page: 0, ...options }))

const conversation = (id: string) => {
  const row = useStore().query(conversationById$(id))
  if (row === undefined) throw new Error(`conversation ${id} missing`)
  return row
}
const openedConversation = (id: string) => conversationFields.openStrict(TEST_KEY, conversation(id))
const openedMessages = (conversationId: string) =>
  useStore()
    .query(conversationMessages$(conversationId))
    .map((m) => messageFields.openStrict(TEST_KEY, m))

const addPersona = (store: TestStore, id = 'p1') => {
  store.commit(events.personaCreated(personaCreatedArgs({ id, name: 'Ada', createdAt: T0 })))
  return id
}

/** A persona and a conversation with it, started at T0. */
const started = (title = 'Garden plans') => {
  const store = useStore()
  const personaId = addPersona(store)
  return { store, personaId, id: startConversation(store, TEST_KEY, personaId, title, T0) }
}

const draftOf = (id: string): ConversationDraft & { id: string } => {
  const c = openedConversation(id)
  return {
    id,
    title: c.title,
    summary: c.summary,
    topics: c.topics,
    sentiment: c.sentiment,
    importance: c.importance,
  }
}

describe('startConversation', () => {
  test('creates an empty conversation with a sealed title and marks the persona used', () => {
    const { store, personaId, id } = started('  Garden plans  ')
    expect(openedConversation(id)).toMatchObject({
      personaId,
      title: 'Garden plans',
      messageCount: 0,
      lastMessageAt: T0,
      archived: 0,
      unreadable: false,
    })
    expect(conversation(id).title.startsWith('hv1.')).toBe(true)
    expect(JSON.stringify(conversation(id))).not.toContain('Garden')
    expect(store.query(personaById$(personaId))).toMatchObject({ usageCount: 1, lastUsedAt: T0 })
    expect(ids(recent())).toEqual([id])
  })

  test('refuses an empty title and a persona that does not exist', () => {
    const store = useStore()
    const personaId = addPersona(store)
    expect(() => startConversation(store, TEST_KEY, personaId, '   ')).toThrow(
      new CommandError('Title cannot be empty.'),
    )
    expect(() => startConversation(store, TEST_KEY, personaId, 'x'.repeat(201))).toThrow(/too long/)
    expect(() => startConversation(store, TEST_KEY, 'nobody', 'Hello')).toThrow(CommandError)
    store.commit(events.personaDeleted({ id: personaId, deletedAt: T0 }))
    expect(() => startConversation(store, TEST_KEY, personaId, 'Hello')).toThrow(/no longer exists/)
    expect(store.query(tables.conversations.count())).toBe(0)
  })
})

describe('addMessage', () => {
  test('appends messages in order, counts them, moves last activity, and marks the persona used', () => {
    const { store, personaId, id } = started()
    addMessage(store, TEST_KEY, id, { role: 'user', content: 'When do I plant tomatoes?' }, T0 + MINUTE)
    addMessage(
      store,
      TEST_KEY,
      id,
      { role: 'assistant', content: 'In May,\nafter the last frost.' },
      T0 + 2 * MINUTE,
    )

    expect(conversation(id)).toMatchObject({ messageCount: 2, lastMessageAt: T0 + 2 * MINUTE })
    expect(openedMessages(id).map((m) => [m.role, m.content])).toEqual([
      ['user', 'When do I plant tomatoes?'],
      ['assistant', 'In May,\nafter the last frost.'],
    ])
    expect(openedMessages(id)[1]).toMatchObject({
      toolCalls: [],
      attachments: [],
      model: null,
      inputTokens: null,
      latencyMs: null,
    })
    expect(store.query(personaById$(personaId))).toMatchObject({ usageCount: 3, lastUsedAt: T0 + 2 * MINUTE })
  })

  test('stores the content sealed: the raw row holds no plaintext and opens back only with the key', () => {
    const { store, id } = started()
    const messageId = addMessage(
      store,
      TEST_KEY,
      id,
      { role: 'user', content: 'my secret plan' },
      T0 + MINUTE,
    )
    const raw = only(store.query(tables.messages.where({ id: messageId })))
    expect(JSON.stringify(raw)).not.toContain('secret')
    expect(raw.content.startsWith('hv1.')).toBe(true)
    expect(messageFields.openStrict(TEST_KEY, raw).content).toBe('my secret plan')
    const otherKey = { id: 'otherkey', bytes: new Uint8Array(32).fill(9) }
    expect(messageFields.open(otherKey, raw)).toMatchObject({ unreadable: true, content: '⚠ unreadable' })
  })

  test('keeps line breaks and indentation inside, drops blank lines around', () => {
    const { store, id } = started()
    addMessage(store, TEST_KEY, id, { role: 'tool', content: '\n\n  indented\n\n  second\n\n' }, T0 + MINUTE)
    expect(openedMessages(id)[0]?.content).toBe('  indented\n\n  second')
  })

  test('two messages within one millisecond still keep the order they were written in', () => {
    const { store, id } = started()
    const first = addMessage(store, TEST_KEY, id, { role: 'user', content: 'one' }, T0 + MINUTE)
    const second = addMessage(store, TEST_KEY, id, { role: 'assistant', content: 'two' }, T0 + MINUTE)
    const third = addMessage(store, TEST_KEY, id, { role: 'user', content: 'three' }, T0 + MINUTE)
    expect(ids(openedMessages(id))).toEqual([first, second, third])
  })

  test('a new message moves its conversation to the top of the recent list', () => {
    const { store, personaId, id: older } = started('Older')
    const newer = startConversation(store, TEST_KEY, personaId, 'Newer', T0 + MINUTE)
    expect(ids(recent())).toEqual([newer, older])
    addMessage(store, TEST_KEY, older, { role: 'user', content: 'back again' }, T0 + 2 * MINUTE)
    expect(ids(recent())).toEqual([older, newer])
  })

  test('refuses an empty message, an unknown role, and a deleted conversation', () => {
    const { store, id } = started()
    expect(() => addMessage(store, TEST_KEY, id, { role: 'user', content: ' \n ' })).toThrow(
      new CommandError('The message cannot be empty.'),
    )
    expect(() => addMessage(store, TEST_KEY, id, { role: 'robot' as 'user', content: 'beep' })).toThrow(
      /role must be one of/,
    )
    expect(() => addMessage(store, TEST_KEY, 'nope', { role: 'user', content: 'hi' })).toThrow(
      /no longer exists/,
    )
    deleteConversation(store, id, T0 + MINUTE)
    expect(() => addMessage(store, TEST_KEY, id, { role: 'user', content: 'hi' })).toThrow(/no longer exists/)
    expect(store.query(tables.messages.count())).toBe(0)
  })
})

describe('deleteMessage', () => {
  test('hides the message and counts it off once', () => {
    const { store, id } = started()
    const keep = addMessage(store, TEST_KEY, id, { role: 'user', content: 'keep' }, T0 + MINUTE)
    const drop = addMessage(store, TEST_KEY, id, { role: 'assistant', content: 'drop' }, T0 + 2 * MINUTE)
    deleteMessage(store, { id: drop, conversationId: id }, T0 + 3 * MINUTE)
    deleteMessage(store, { id: drop, conversationId: id }, T0 + 4 * MINUTE)
    expect(ids(openedMessages(id))).toEqual([keep])
    expect(conversation(id).messageCount).toBe(1)
  })
})

describe('undo of deletes', () => {
  test('a conversation comes back with the messages its delete took, not one deleted before', () => {
    const { store, id } = started()
    const keep = addMessage(store, TEST_KEY, id, { role: 'user', content: 'keep' }, T0 + MINUTE)
    const gone = addMessage(store, TEST_KEY, id, { role: 'assistant', content: 'gone' }, T0 + 2 * MINUTE)
    deleteMessage(store, { id: gone, conversationId: id }, T0 + 3 * MINUTE)
    const deletedAt = deleteConversation(store, id, T0 + 4 * MINUTE)
    expect(recent()).toEqual([])

    restoreConversation(store, id, deletedAt, T0 + 5 * MINUTE)
    expect(ids(recent())).toEqual([id])
    expect(ids(openedMessages(id))).toEqual([keep])
    expect(conversation(id).messageCount).toBe(1)
  })

  test('a message comes back in its place and is counted once, however often undo runs', () => {
    const { store, id } = started()
    const first = addMessage(store, TEST_KEY, id, { role: 'user', content: 'first' }, T0 + MINUTE)
    const second = addMessage(store, TEST_KEY, id, { role: 'assistant', content: 'second' }, T0 + 2 * MINUTE)
    const deletedAt = deleteMessage(store, { id: first, conversationId: id }, T0 + 3 * MINUTE)
    restoreMessage(store, { id: first, conversationId: id }, deletedAt)
    restoreMessage(store, { id: first, conversationId: id }, deletedAt)
    expect(ids(openedMessages(id))).toEqual([first, second])
    expect(conversation(id).messageCount).toBe(2)
  })
})

describe('editConversationDetails', () => {
  test('saves title, summary, topics, sentiment and importance, sealing the words', () => {
    const { store, id } = started()
    const saved = editConversationDetails(
      store,
      TEST_KEY,
      draftOf(id),
      {
        title: 'Tomatoes',
        summary: 'When and where to plant them.',
        topics: parseTopics('Garden, tomato, garden, '),
        sentiment: 'positive',
        importance: 74.6,
      },
      T0 + MINUTE,
    )
    expect(saved).toBe(true)
    expect(openedConversation(id)).toMatchObject({
      title: 'Tomatoes',
      summary: 'When and where to plant them.',
      topics: ['garden', 'tomato'],
      sentiment: 'positive',
      importance: 75,
      updatedAt: T0 + MINUTE,
    })
    expect(JSON.stringify(conversation(id))).not.toMatch(/Tomatoes|plant|garden/)
  })

  test('an unchanged form writes nothing', () => {
    const { store, id } = started()
    const before = draftOf(id)
    expect(editConversationDetails(store, TEST_KEY, before, { ...before }, T0 + MINUTE)).toBe(false)
    expect(conversation(id).updatedAt).toBe(T0)
  })

  test('refuses an empty title, too many or too long topics, a bad sentiment or importance', () => {
    const { store, id } = started()
    const before = draftOf(id)
    const edit = (patch: Partial<ConversationDraft>) =>
      editConversationDetails(store, TEST_KEY, before, { ...before, ...patch })
    expect(() => edit({ title: ' ' })).toThrow(new CommandError('Title cannot be empty.'))
    expect(() => edit({ topics: Array.from({ length: 21 }, (_, i) => `t${i}`) })).toThrow(/at most 20 topics/)
    expect(() => edit({ topics: ['x'.repeat(61)] })).toThrow(/too long/)
    expect(() => edit({ sentiment: 'angry' as 'positive' })).toThrow(/Sentiment must be/)
    expect(() => edit({ importance: 101 })).toThrow(new CommandError('Importance must be between 0 and 100.'))
    expect(() => edit({ summary: 'x'.repeat(5001) })).toThrow(/Summary is too long/)
    expect(openedConversation(id).title).toBe('Garden plans')
  })
})

describe('archive and unarchive', () => {
  test('move a conversation between the active and the archived list', () => {
    const { store, personaId, id } = started('Old')
    const other = startConversation(store, TEST_KEY, personaId, 'Current', T0 + MINUTE)

    expect(archiveConversation(store, id, T0 + 2 * MINUTE)).toBe(true)
    expect(ids(recent())).toEqual([other])
    expect(ids(recent({ archived: true }))).toEqual([id])
    expect(ids(recent({ archived: true, personaId }))).toEqual([id])
    // A second archive (another tab was first) changes nothing.
    expect(archiveConversation(store, id, T0 + 3 * MINUTE)).toBe(false)
    expect(conversation(id).archivedAt).toBe(T0 + 2 * MINUTE)

    expect(unarchiveConversation(store, id, T0 + 4 * MINUTE)).toBe(true)
    expect(ids(recent())).toEqual([other, id])
    expect(recent({ archived: true })).toEqual([])
    expect(unarchiveConversation(store, id)).toBe(false)
  })

  test('refuse a conversation that was deleted', () => {
    const { store, id } = started()
    deleteConversation(store, id, T0 + MINUTE)
    expect(() => archiveConversation(store, id)).toThrow(/no longer exists/)
    expect(() => unarchiveConversation(store, id)).toThrow(/no longer exists/)
    expect(() => deleteConversation(store, id)).toThrow(/no longer exists/)
  })
})

describe('deleteConversation', () => {
  test('removes the conversation and its messages from every list', () => {
    const { store, id } = started()
    addMessage(store, TEST_KEY, id, { role: 'user', content: 'hello' }, T0 + MINUTE)
    deleteConversation(store, id, T0 + 2 * MINUTE)
    expect(recent()).toEqual([])
    expect(recent({ archived: true })).toEqual([])
    expect(openedMessages(id)).toEqual([])
    expect(conversation(id).deletedAt).toBe(T0 + 2 * MINUTE)
  })
})
