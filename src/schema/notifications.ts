import { Events, queryDb, Schema, State } from '@livestore/livestore'
import type { DataKey } from '../vault/envelope.ts'
import { recordCodec, text } from '../vault/record-codec.ts'
import { insertMany } from './insert-many.ts'
import { Id, Millis, Sealed } from './shared.ts'

export const NotificationKind = Schema.Literal('workflow-result', 'reminder', 'system')
export type NotificationKind = typeof NotificationKind.Type
export const NotificationPriority = Schema.Literal('low', 'normal', 'high')
export type NotificationPriority = typeof NotificationPriority.Type

/** A notification's words may quote what a workflow or the assistant wrote: sealed. */
export const notificationFields = recordCodec(
  'notifications',
  { title: text, body: text },
  { perRecord: true },
)

export const notifications = State.SQLite.table({
  name: 'notifications',
  columns: {
    id: State.SQLite.text({ primaryKey: true }),
    kind: State.SQLite.text({ schema: NotificationKind }),
    priority: State.SQLite.text({ schema: NotificationPriority, default: 'normal' }),
    title: State.SQLite.text(),
    body: State.SQLite.text({ default: '' }),
    /** What it is about (a workflow run, a memory, …), for linking back. */
    subjectId: State.SQLite.text({ nullable: true }),
    /** 1 until read: a plain column so "unread first" is an index walk, not a computed sort. */
    unread: State.SQLite.integer({ default: 1 }),
    readAt: State.SQLite.integer({ nullable: true }),
    dismissedAt: State.SQLite.integer({ nullable: true }),
    createdAt: State.SQLite.integer(),
  },
  indexes: [{ name: 'notifications_inbox', columns: ['dismissedAt', 'unread', 'createdAt'] }],
})
export type NotificationRow = typeof notifications.Type

/** A notification as restores carry it: plaintext, with whether and when it was read. */
export const NotificationRecord = Schema.Struct({
  id: Id,
  kind: NotificationKind,
  priority: NotificationPriority,
  title: Schema.String,
  body: Schema.String,
  subjectId: Schema.NullOr(Id),
  readAt: Schema.NullOr(Millis),
  createdAt: Millis,
})
export type NotificationRecord = typeof NotificationRecord.Type

export const SealedNotificationRecord = Schema.Struct({
  ...NotificationRecord.fields,
  title: Sealed,
  body: Sealed,
})
export type SealedNotificationRecord = typeof SealedNotificationRecord.Type

export const sealNotificationRecord = (key: DataKey, n: NotificationRecord): SealedNotificationRecord => ({
  ...n,
  ...notificationFields.seal(key, n.id, n),
})

export const notificationEvents = {
  notificationPosted: Events.synced({
    name: 'v1.NotificationPosted',
    schema: Schema.Struct({
      id: Id,
      kind: NotificationKind,
      priority: NotificationPriority,
      title: Sealed,
      body: Sealed,
      subjectId: Schema.NullOr(Id),
      createdAt: Millis,
    }),
  }),
  notificationsRead: Events.synced({
    name: 'v1.NotificationsRead',
    schema: Schema.Struct({ ids: Schema.Array(Id), readAt: Millis }),
  }),
  notificationDismissed: Events.synced({
    name: 'v1.NotificationDismissed',
    schema: Schema.Struct({ id: Id, dismissedAt: Millis }),
  }),
  /** Notifications about records that were forgotten: their keys are gone, so the rows go too. */
  notificationsForgotten: Events.synced({
    name: 'v1.NotificationsForgotten',
    schema: Schema.Struct({ ids: Schema.Array(Id) }),
  }),
  /** Bulk: a batch of notifications (restores), one event each. */
  notificationsImported: Events.synced({
    name: 'v1.NotificationsImported',
    schema: Schema.Struct({ notifications: Schema.Array(SealedNotificationRecord) }),
  }),
}

export const notificationMaterializers = State.SQLite.materializers(notificationEvents, {
  'v1.NotificationPosted': (n) => notifications.insert(n),
  'v1.NotificationsRead': ({ ids, readAt }) =>
    notifications.update({ unread: 0, readAt }).where({ id: { op: 'IN', value: ids }, unread: 1 }),
  'v1.NotificationDismissed': ({ id, dismissedAt }) => notifications.update({ dismissedAt }).where({ id }),
  'v1.NotificationsForgotten': ({ ids }) => notifications.delete().where({ id: { op: 'IN', value: ids } }),
  'v1.NotificationsImported': ({ notifications: rows }) =>
    insertMany(
      notifications,
      rows.map((n) => ({ ...n, unread: n.readAt === null ? 1 : 0 })),
    ),
})

/** The inbox: unread first, then newest first; dismissed ones are gone from it. */
export const INBOX_LIMIT = 200
export const inboxQuery = notifications
  .where({ dismissedAt: null })
  .orderBy([
    { col: 'unread', direction: 'desc' },
    { col: 'createdAt', direction: 'desc' },
  ])
  .limit(INBOX_LIMIT)
export const inbox$ = queryDb(inboxQuery, { label: 'notifications.inbox' })

export const unreadCount$ = queryDb(notifications.count().where({ dismissedAt: null, unread: 1 }), {
  label: 'notifications.unreadCount',
})

export const notificationById$ = (id: string) =>
  queryDb(notifications.where({ id }).first({ behaviour: 'undefined' }), {
    label: 'notifications.byId',
    deps: [id],
  })

/**
 * Every unread notification still in the inbox, not only the newest `INBOX_LIMIT` the inbox shows:
 * "Mark all as read" means all. Found through the inbox index, so only unread rows are visited.
 */
export const unreadNotificationIdsQuery = notifications.select('id').where({ dismissedAt: null, unread: 1 })
export const unreadNotificationIds$ = queryDb(unreadNotificationIdsQuery, {
  label: 'notifications.unreadIds',
})
