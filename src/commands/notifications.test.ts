import { describe, expect, test, vi } from 'vitest'
import { events, tables } from '../schema/index.ts'
import {
  inbox$,
  unreadCount$,
  unreadNotificationIds$,
  unreadNotificationIdsQuery,
} from '../schema/notifications.ts'
import { MINUTE, notificationPostedArgs, T0 } from '../testing/builders.ts'
import { freshStorePerTest, only } from '../testing/fresh-store-per-test.ts'
import { fullScans, indexesUsed, queryPlan } from '../testing/query-plan.ts'
import { CommandError } from './command-error.ts'
import { dismissNotification, markAllNotificationsRead, markNotificationRead } from './notifications.ts'

const useStore = freshStorePerTest()

const row = (id: string) => only(useStore().query(tables.notifications.where({ id })))

/** Posts one notification per minute offset and returns their ids in the same order. */
const post = (...minutes: number[]) =>
  minutes.map((m) => {
    const args = notificationPostedArgs({ createdAt: T0 + m * MINUTE })
    useStore().commit(events.notificationPosted(args))
    return args.id
  })

type CommittedEvent = { name: string; args: Record<string, unknown> }

/** Watches `store.commit` from now on: each call's events, so a test can see what one action wrote. */
const watchCommits = () => {
  const spy = vi.spyOn(useStore(), 'commit')
  return () => spy.mock.calls.map((call) => call as unknown as CommittedEvent[])
}

describe('markNotificationRead', () => {
  test('marks one read with its time and leaves the others unread', () => {
    const [a, b] = post(1, 2) as [string, string]
    expect(markNotificationRead(useStore(), a, T0 + 10 * MINUTE)).toBe(true)
    expect(row(a)).toMatchObject({ unread: 0, readAt: T0 + 10 * MINUTE })
    expect(row(b)).toMatchObject({ unread: 1, readAt: null })
    expect(useStore().query(unreadCount$)).toBe(1)
  })

  test('reading one already read writes nothing and keeps the first time', () => {
    const [a] = post(1) as [string]
    markNotificationRead(useStore(), a, T0 + 10 * MINUTE)
    expect(markNotificationRead(useStore(), a, T0 + 20 * MINUTE)).toBe(false)
    expect(row(a).readAt).toBe(T0 + 10 * MINUTE)
  })

  test('refuses one that was dismissed or never existed', () => {
    const [a] = post(1) as [string]
    dismissNotification(useStore(), a, T0 + MINUTE)
    expect(() => markNotificationRead(useStore(), a)).toThrow(CommandError)
    expect(() => markNotificationRead(useStore(), 'nope')).toThrow(/gone/)
    expect(row(a).unread).toBe(1)
  })
})

describe('markAllNotificationsRead', () => {
  test('reads every unread one with a single event carrying all ids, also beyond the inbox page', () => {
    const store = useStore()
    const all = post(...Array.from({ length: 205 }, (_, i) => i))
    const [dismissed] = all as [string]
    dismissNotification(store, dismissed, T0 + 300 * MINUTE)
    const commits = watchCommits()

    expect(markAllNotificationsRead(store, T0 + 400 * MINUTE)).toBe(204)
    // One commit of one event, whose ids are exactly the unread ones still in the inbox.
    expect(commits()).toMatchObject([[{ name: 'v1.NotificationsRead', args: { readAt: T0 + 400 * MINUTE } }]])
    expect(new Set(commits()[0]?.[0]?.args.ids as string[])).toEqual(new Set(all.slice(1)))
    expect(store.query(unreadCount$)).toBe(0)
    expect(store.query(tables.notifications.count().where({ unread: 1 }))).toBe(1)
    expect(row(dismissed).unread).toBe(1)
    expect(store.query(inbox$).every((n) => n.readAt === T0 + 400 * MINUTE)).toBe(true)
  })

  test('with nothing unread it writes nothing', () => {
    const store = useStore()
    post(1)
    markAllNotificationsRead(store, T0 + MINUTE)
    const commits = watchCommits()
    expect(markAllNotificationsRead(store, T0 + 2 * MINUTE)).toBe(0)
    expect(commits()).toEqual([])
  })
})

describe('dismissNotification', () => {
  test('takes it out of the inbox and the unread count; the row stays', () => {
    const store = useStore()
    const [a, b] = post(1, 2) as [string, string]
    expect(dismissNotification(store, b, T0 + 5 * MINUTE)).toBe(true)
    expect(store.query(inbox$).map((n) => n.id)).toEqual([a])
    expect(store.query(unreadCount$)).toBe(1)
    expect(row(b).dismissedAt).toBe(T0 + 5 * MINUTE)
  })

  test('a second dismiss writes nothing; an unknown id is refused', () => {
    const store = useStore()
    const [a] = post(1) as [string]
    dismissNotification(store, a, T0 + MINUTE)
    expect(dismissNotification(store, a, T0 + 2 * MINUTE)).toBe(false)
    expect(row(a).dismissedAt).toBe(T0 + MINUTE)
    expect(() => dismissNotification(store, 'nope')).toThrow(
      new CommandError('This notification does not exist.'),
    )
  })
})

describe('the unread ids "Mark all as read" reads', () => {
  test('are found through the inbox index, visiting only unread rows, not the whole table', () => {
    const plan = queryPlan(useStore(), unreadNotificationIdsQuery.asSql())
    expect(indexesUsed(plan), plan.join(' | ')).toEqual(['notifications_inbox'])
    expect(fullScans(plan), plan.join(' | ')).toEqual([])
    expect(unreadNotificationIds$.hash.startsWith(unreadNotificationIdsQuery.asSql().query)).toBe(true)
  })
})
