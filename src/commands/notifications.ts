import { nanoid } from '@livestore/livestore'
import { events } from '../schema/index.ts'
import {
  type NotificationKind,
  type NotificationPriority,
  notificationById$,
  notificationFields,
  unreadNotificationIds$,
} from '../schema/notifications.ts'
import type { DataKey } from '../vault/envelope.ts'
import { CommandError } from './command-error.ts'
import type { HearthStore } from './store.ts'

/** The notification if it is still in the inbox; another tab may have dismissed it a moment ago. */
const inboxNotification = (store: HearthStore, id: string) => {
  const row = store.query(notificationById$(id))
  if (row === undefined || row.dismissedAt !== null) {
    throw new CommandError('This notification is gone (it may have been dismissed in another tab).')
  }
  return row
}

/** Marks one notification read; one already read (here or in another tab) writes nothing and returns false. */
export const markNotificationRead = (store: HearthStore, id: string, now = Date.now()): boolean => {
  if (inboxNotification(store, id).unread === 0) return false
  store.commit(events.notificationsRead({ ids: [id], readAt: now }))
  return true
}

/**
 * Marks every unread notification read — also those beyond the newest the inbox shows — with one
 * `v1.NotificationsRead` carrying all their ids: one thing a person did, one event. Returns how many.
 */
export const markAllNotificationsRead = (store: HearthStore, now = Date.now()): number => {
  const ids = store.query(unreadNotificationIds$)
  if (ids.length === 0) return 0
  store.commit(events.notificationsRead({ ids: [...ids], readAt: now }))
  return ids.length
}

/** Takes a notification out of the inbox (its row stays, as history); a second dismiss writes nothing. */
export const dismissNotification = (store: HearthStore, id: string, now = Date.now()): boolean => {
  const row = store.query(notificationById$(id))
  if (row === undefined) throw new CommandError('This notification does not exist.')
  if (row.dismissedAt !== null) return false
  store.commit(events.notificationDismissed({ id, dismissedAt: now }))
  return true
}

/** Posts a notification (sealed: its words may quote what a workflow wrote); returns its id. */
export const postNotification = (
  store: HearthStore,
  key: DataKey,
  n: {
    kind: NotificationKind
    priority: NotificationPriority
    title: string
    body: string
    subjectId: string | null
  },
  now = Date.now(),
): string => {
  const id = nanoid()
  store.commit(
    events.notificationPosted({
      id,
      kind: n.kind,
      priority: n.priority,
      ...notificationFields.seal(key, id, { title: n.title, body: n.body }),
      subjectId: n.subjectId,
      createdAt: now,
    }),
  )
  return id
}
