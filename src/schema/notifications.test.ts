import { describe, expect, test } from 'vitest'
import { MINUTE, notificationPostedArgs, T0, TEST_KEY } from '../testing/builders.ts'
import { freshStorePerTest, only } from '../testing/fresh-store-per-test.ts'
import type { TestStore } from '../testing/test-store.ts'
import { events, tables } from './index.ts'
import { INBOX_LIMIT, inbox$, notificationFields, unreadCount$ } from './notifications.ts'

const useStore = freshStorePerTest()

const ids = (rows: ReadonlyArray<{ id: string }>) => rows.map((r) => r.id)
const notificationRow = (id: string) => only(useStore().query(tables.notifications.where({ id })))

/** Posts one notification per minute offset and returns their ids in the same order. */
const post = (store: TestStore, ...minutes: number[]) =>
  minutes.map((m) => {
    const args = notificationPostedArgs({ createdAt: T0 + m * MINUTE })
    store.commit(events.notificationPosted(args))
    return args.id
  })

describe('NotificationPosted', () => {
  test('a posted notification is unread and in the inbox', () => {
    const store = useStore()
    const args = notificationPostedArgs({
      kind: 'workflow-result',
      priority: 'high',
      title: 'Digest ready',
      subjectId: 'run-1',
    })
    store.commit(events.notificationPosted(args))
    const inbox = store.query(inbox$)
    expect(inbox).toEqual([{ ...args, unread: 1, readAt: null, dismissedAt: null }])
    expect(inbox.map((n) => notificationFields.openStrict(TEST_KEY, n))).toMatchObject([
      { title: 'Digest ready', body: '', unreadable: false },
    ])
    expect(store.query(unreadCount$)).toBe(1)
  })
})

describe('inbox$', () => {
  test('unread first, then newest first within read and unread', () => {
    const store = useStore()
    const [n1, n2, n3, n4] = post(store, 1, 2, 3, 4)
    if (n1 === undefined || n2 === undefined || n3 === undefined || n4 === undefined)
      throw new Error('fixture')
    expect(ids(store.query(inbox$))).toEqual([n4, n3, n2, n1])

    store.commit(events.notificationsRead({ ids: [n4, n2], readAt: T0 + 10 * MINUTE }))
    expect(ids(store.query(inbox$))).toEqual([n3, n1, n4, n2])
  })

  test(`shows at most ${INBOX_LIMIT}, the newest`, () => {
    const store = useStore()
    const all = post(store, ...Array.from({ length: INBOX_LIMIT + 5 }, (_, i) => i))
    const rows = store.query(inbox$)
    expect(rows).toHaveLength(INBOX_LIMIT)
    expect(ids(rows)).toEqual(all.reverse().slice(0, INBOX_LIMIT))
  })
})

describe('NotificationsRead', () => {
  test('marks the listed notifications read once; a second read keeps the first readAt', () => {
    const store = useStore()
    const [a, b, c] = post(store, 1, 2, 3)
    if (a === undefined || b === undefined || c === undefined) throw new Error('fixture')

    store.commit(events.notificationsRead({ ids: [a, b], readAt: T0 + 10 * MINUTE }))
    expect(store.query(unreadCount$)).toBe(1)
    expect(notificationRow(a)).toMatchObject({ unread: 0, readAt: T0 + 10 * MINUTE })
    expect(notificationRow(c)).toMatchObject({ unread: 1, readAt: null })

    store.commit(events.notificationsRead({ ids: [a, c], readAt: T0 + 20 * MINUTE }))
    expect(notificationRow(a).readAt).toBe(T0 + 10 * MINUTE)
    expect(notificationRow(c).readAt).toBe(T0 + 20 * MINUTE)
    expect(store.query(unreadCount$)).toBe(0)
  })

  test('an empty batch reads nothing', () => {
    const store = useStore()
    post(store, 1)
    store.commit(events.notificationsRead({ ids: [], readAt: T0 }))
    expect(store.query(unreadCount$)).toBe(1)
  })
})

describe('NotificationDismissed', () => {
  test('a dismissed notification leaves the inbox and the unread count, but its row stays', () => {
    const store = useStore()
    const [a, b] = post(store, 1, 2)
    if (a === undefined || b === undefined) throw new Error('fixture')
    store.commit(events.notificationDismissed({ id: b, dismissedAt: T0 + 5 * MINUTE }))
    expect(ids(store.query(inbox$))).toEqual([a])
    expect(store.query(unreadCount$)).toBe(1)
    expect(notificationRow(b)).toMatchObject({ dismissedAt: T0 + 5 * MINUTE, unread: 1 })
  })
})

describe('NotificationsImported', () => {
  test('a batch arrives with each one read or unread as it was', () => {
    const store = useStore()
    const unread = { ...notificationPostedArgs({ id: 'i1' }), readAt: null }
    const read = { ...notificationPostedArgs({ id: 'i2' }), readAt: T0 + MINUTE }
    store.commit(events.notificationsImported({ notifications: [unread, read] }))
    expect(notificationRow('i1')).toEqual({ ...unread, unread: 1, dismissedAt: null })
    expect(notificationRow('i2')).toEqual({ ...read, unread: 0, dismissedAt: null })
    expect(store.query(unreadCount$)).toBe(1)
  })
})
