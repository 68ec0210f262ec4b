import { describe, expect, test } from 'vitest'
import {
  conversationRecord,
  DAY,
  MINUTE,
  messageRecord,
  nextId,
  sealTestField,
  T0,
  TEST_KEY,
} from '../testing/builders.ts'
import { freshStorePerTest, only } from '../testing/fresh-store-per-test.ts'
import type { TestStore } from '../testing/test-store.ts'
import {
  CONVERSATION_PAGE_SIZE,
  conversationById$,
  conversationFields,
  conversationMessages$,
  messageFields,
  type RecentConversationsOptions,
  recentConversations$,
} from './conversations.ts'
import { events, tables } from './index.ts'

const useStore = freshStorePerTest()

const ids = (rows: ReadonlyArray<{ id: string }>) => rows.map((r) => r.id)
const conversationRow = (id: string) => only(useStore().query(tables.conversations.where({ id })))
const messageRow = (id: string) => only(useStore().query(tables.messages.where({ id })))
/** Rows with their sealed fields opened. */
const openConversation = (row: typeof tables.conversations.Type) =>
  conversationFields.openStrict(TEST_KEY, row)
const openMessage = (row: typeof tables.messages.Type) => messageFields.openStrict(TEST_KEY, row)
const recent = (options: Partial<RecentConversationsOptions> = {}) =>
  useStore().query(recentConversations$({ personaId: null, archived: false, page: 0, ...options }))

const start = (store: TestStore, personaId: string, createdAt = T0, title = 'Chat') => {
  const id = nextId('c')
  store.commit(
    events.conversationStarted({
      id,
      personaId,
      title: sealTestField(conversationFields, id, 'title', title),
      createdAt,
    }),
  )
  return id
}

describe('ConversationStarted', () => {
  test('a new conversation is empty, active, and its last activity is its start', () => {
    const store = useStore()
    const id = start(store, 'p1', T0 + MINUTE, 'Garden plans')
    const row = store.query(conversationById$(id))
    if (row === undefined) throw new Error('conversation not found')
    expect(openConversation(row)).toMatchObject({
      id,
      personaId: 'p1',
      title: 'Garden plans',
      summary: '',
      topics: [],
      messageCount: 0,
      archived: 0,
      archivedAt: null,
      createdAt: T0 + MINUTE,
      updatedAt: T0 + MINUTE,
      lastMessageAt: T0 + MINUTE,
      deletedAt: null,
    })
    expect(ids(recent())).toEqual([id])
  })
})

describe('MessageAdded', () => {
  test('bumps messageCount and lastMessageAt, and the message is stored with its accounting', () => {
    const store = useStore()
    const c = start(store, 'p1')
    const replyContent = {
      content: 'Plant tomatoes in May.',
      toolCalls: [{ id: 't1', name: 'search', arguments: '{"q":"tomato"}', result: 'found' }],
      attachments: [{ name: 'plan.pdf', mimeType: 'application/pdf', size: 2048 }],
    }
    const reply = messageRecord({
      conversationId: c,
      role: 'assistant',
      ...replyContent,
      model: 'llama3',
      inputTokens: 120,
      outputTokens: 45,
      cost: 0.0012,
      latencyMs: 850,
      createdAt: T0 + 2 * MINUTE,
    })
    store.commit(events.messageAdded(messageRecord({ conversationId: c, createdAt: T0 + MINUTE })))
    store.commit(events.messageAdded(reply))

    expect(conversationRow(c)).toMatchObject({
      messageCount: 2,
      lastMessageAt: T0 + 2 * MINUTE,
      updatedAt: T0 + 2 * MINUTE,
    })
    expect(messageRow(reply.id)).toMatchObject({ ...reply, deletedAt: null })
    expect(openMessage(messageRow(reply.id))).toMatchObject({ ...replyContent, unreadable: false })
  })

  test('a message that arrives late (older timestamp) counts but does not move lastMessageAt back', () => {
    const store = useStore()
    const c = start(store, 'p1')
    store.commit(events.messageAdded(messageRecord({ conversationId: c, createdAt: T0 + 5 * MINUTE })))
    store.commit(events.messageAdded(messageRecord({ conversationId: c, createdAt: T0 + 3 * MINUTE })))
    expect(conversationRow(c)).toMatchObject({ messageCount: 2, lastMessageAt: T0 + 5 * MINUTE })
  })

  test('a new message moves its conversation to the top of the recent list', () => {
    const store = useStore()
    const older = start(store, 'p1', T0)
    const newer = start(store, 'p1', T0 + MINUTE)
    expect(ids(recent())).toEqual([newer, older])
    store.commit(events.messageAdded(messageRecord({ conversationId: older, createdAt: T0 + 2 * MINUTE })))
    expect(ids(recent())).toEqual([older, newer])
  })
})

describe('conversationMessages$', () => {
  test('lists live messages in the order they were written, only for that conversation', () => {
    const store = useStore()
    const c = start(store, 'p1')
    const other = start(store, 'p1')
    const second = messageRecord({ conversationId: c, createdAt: T0 + 2 * MINUTE, content: 'second' })
    const first = messageRecord({ conversationId: c, createdAt: T0 + MINUTE, content: 'first' })
    const third = messageRecord({ conversationId: c, createdAt: T0 + 3 * MINUTE, content: 'third' })
    store.commit(
      events.messageAdded(second),
      events.messageAdded(third),
      events.messageAdded(first),
      events.messageAdded(messageRecord({ conversationId: other, createdAt: T0 })),
    )
    expect(store.query(conversationMessages$(c)).map((m) => openMessage(m).content)).toEqual([
      'first',
      'second',
      'third',
    ])
  })
})

describe('MessageDeleted', () => {
  test('soft-deletes the message, hides it and decrements the count once, even if repeated', () => {
    const store = useStore()
    const c = start(store, 'p1')
    const keep = messageRecord({ conversationId: c, createdAt: T0 + MINUTE })
    const drop = messageRecord({ conversationId: c, createdAt: T0 + 2 * MINUTE })
    store.commit(events.messageAdded(keep), events.messageAdded(drop))

    store.commit(events.messageDeleted({ id: drop.id, conversationId: c, deletedAt: T0 + 3 * MINUTE }))
    store.commit(events.messageDeleted({ id: drop.id, conversationId: c, deletedAt: T0 + 4 * MINUTE }))

    expect(ids(store.query(conversationMessages$(c)))).toEqual([keep.id])
    expect(messageRow(drop.id).deletedAt).toBe(T0 + 3 * MINUTE)
    expect(conversationRow(c).messageCount).toBe(1)
  })
})

describe('ConversationDetailsChanged', () => {
  test('records title, summary, topics, sentiment and importance', () => {
    const store = useStore()
    const c = start(store, 'p1')
    const details = { title: 'Tomatoes', summary: 'When to plant', topics: ['garden', 'tomato'] }
    store.commit(
      events.conversationDetailsChanged({
        id: c,
        ...conversationFields.seal(TEST_KEY, c, details),
        sentiment: 'positive',
        importance: 75,
        updatedAt: T0 + MINUTE,
      }),
    )
    expect(openConversation(conversationRow(c))).toMatchObject({
      title: 'Tomatoes',
      summary: 'When to plant',
      topics: ['garden', 'tomato'],
      sentiment: 'positive',
      importance: 75,
    })
  })
})

describe('recentConversations$', () => {
  test('archiving moves a conversation from the active list to the archived list and back', () => {
    const store = useStore()
    const a = start(store, 'p1', T0)
    const b = start(store, 'p1', T0 + MINUTE)

    store.commit(events.conversationArchived({ id: a, archivedAt: T0 + 2 * MINUTE }))
    expect(ids(recent())).toEqual([b])
    expect(ids(recent({ archived: true }))).toEqual([a])
    expect(conversationRow(a)).toMatchObject({ archived: 1, archivedAt: T0 + 2 * MINUTE })

    store.commit(events.conversationUnarchived({ id: a, updatedAt: T0 + 3 * MINUTE }))
    expect(ids(recent())).toEqual([b, a])
    expect(recent({ archived: true })).toEqual([])
    expect(conversationRow(a)).toMatchObject({ archived: 0, archivedAt: null })
  })

  test('the persona filter narrows the list; null shows every persona', () => {
    const store = useStore()
    const mine = start(store, 'p1', T0)
    const theirs = start(store, 'p2', T0 + MINUTE)
    const mineToo = start(store, 'p1', T0 + 2 * MINUTE)
    expect(ids(recent({ personaId: 'p1' }))).toEqual([mineToo, mine])
    expect(ids(recent({ personaId: 'p2' }))).toEqual([theirs])
    expect(ids(recent({ personaId: 'p3' }))).toEqual([])
    expect(ids(recent())).toEqual([mineToo, theirs, mine])
  })

  test(`pages of ${CONVERSATION_PAGE_SIZE}, each with one extra row when more follow`, () => {
    const store = useStore()
    const total = CONVERSATION_PAGE_SIZE + 10
    const records = Array.from({ length: total }, (_, i) =>
      conversationRecord({ personaId: 'p1', createdAt: T0 + i * MINUTE }),
    )
    store.commit(events.conversationsImported({ conversations: records, messages: [] }))
    const newestFirst = ids(records).reverse()

    const first = recent({ page: 0 })
    const second = recent({ page: 1 })
    expect(first).toHaveLength(CONVERSATION_PAGE_SIZE + 1)
    expect(second).toHaveLength(10)
    expect(recent({ page: 2 })).toEqual([])
    expect([...ids(first.slice(0, CONVERSATION_PAGE_SIZE)), ...ids(second)]).toEqual(newestFirst)
    expect(first[CONVERSATION_PAGE_SIZE]?.id).toBe(second[0]?.id)
  })
})

describe('ConversationDeleted', () => {
  test('soft-deletes the conversation and its messages; rows remain', () => {
    const store = useStore()
    const gone = start(store, 'p1')
    const kept = start(store, 'p1')
    const m1 = messageRecord({ conversationId: gone, createdAt: T0 + MINUTE })
    const m2 = messageRecord({ conversationId: gone, createdAt: T0 + 2 * MINUTE })
    const other = messageRecord({ conversationId: kept, createdAt: T0 + MINUTE })
    store.commit(events.messageAdded(m1), events.messageAdded(m2), events.messageAdded(other))
    store.commit(events.messageDeleted({ id: m1.id, conversationId: gone, deletedAt: T0 + 3 * MINUTE }))

    store.commit(events.conversationDeleted({ id: gone, deletedAt: T0 + 10 * MINUTE }))

    expect(ids(recent())).toEqual([kept])
    expect(recent({ archived: true })).toEqual([])
    expect(conversationRow(gone).deletedAt).toBe(T0 + 10 * MINUTE)
    expect(store.query(conversationMessages$(gone))).toEqual([])
    // A message deleted earlier keeps its own deletion time.
    expect(messageRow(m1.id).deletedAt).toBe(T0 + 3 * MINUTE)
    expect(messageRow(m2.id).deletedAt).toBe(T0 + 10 * MINUTE)
    expect(messageRow(other.id).deletedAt).toBeNull()
    expect(store.query(tables.messages.count())).toBe(3)
  })

  test('an archived conversation that is deleted leaves the archived list too', () => {
    const store = useStore()
    const c = start(store, 'p1')
    store.commit(
      events.conversationArchived({ id: c, archivedAt: T0 + MINUTE }),
      events.conversationDeleted({ id: c, deletedAt: T0 + 2 * MINUTE }),
    )
    expect(recent({ archived: true })).toEqual([])
  })
})

describe('ConversationsImported', () => {
  test('computes each conversation messageCount and last activity from the imported messages', () => {
    const store = useStore()
    const busy = conversationRecord({ personaId: 'p1', createdAt: T0, topics: ['x'] })
    const quiet = conversationRecord({ personaId: 'p1', createdAt: T0 + 30 * MINUTE })
    const archived = conversationRecord({ personaId: 'p2', createdAt: T0, archivedAt: T0 + DAY })
    const msgs = [
      messageRecord({ conversationId: busy.id, createdAt: T0 + 40 * MINUTE }),
      messageRecord({ conversationId: busy.id, createdAt: T0 + 10 * MINUTE }),
      messageRecord({ conversationId: archived.id, createdAt: T0 + 5 * MINUTE }),
      messageRecord({ conversationId: busy.id, createdAt: T0 + 20 * MINUTE }),
    ]

    store.commit(events.conversationsImported({ conversations: [busy, quiet, archived], messages: msgs }))

    expect(openConversation(conversationRow(busy.id))).toMatchObject({
      messageCount: 3,
      lastMessageAt: T0 + 40 * MINUTE,
      updatedAt: T0 + 40 * MINUTE,
      topics: ['x'],
      archived: 0,
    })
    expect(conversationRow(quiet.id)).toMatchObject({ messageCount: 0, lastMessageAt: T0 + 30 * MINUTE })
    expect(conversationRow(archived.id)).toMatchObject({ messageCount: 1, archived: 1, archivedAt: T0 + DAY })
    expect(ids(recent())).toEqual([busy.id, quiet.id])
    expect(ids(recent({ archived: true }))).toEqual([archived.id])
    expect(store.query(conversationMessages$(busy.id)).map((m) => m.createdAt)).toEqual([
      T0 + 10 * MINUTE,
      T0 + 20 * MINUTE,
      T0 + 40 * MINUTE,
    ])
  })

  test('a later MessageAdded keeps counting from the imported count', () => {
    const store = useStore()
    const c = conversationRecord({ personaId: 'p1' })
    store.commit(
      events.conversationsImported({
        conversations: [c],
        messages: [messageRecord({ conversationId: c.id }), messageRecord({ conversationId: c.id })],
      }),
    )
    store.commit(events.messageAdded(messageRecord({ conversationId: c.id, createdAt: T0 + MINUTE })))
    expect(conversationRow(c.id)).toMatchObject({ messageCount: 3, lastMessageAt: T0 + MINUTE })
  })
})
