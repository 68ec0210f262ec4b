import { useCallback } from 'react'
import {
  dismissNotification,
  markAllNotificationsRead,
  markNotificationRead,
} from '../../commands/notifications.ts'
import { INBOX_LIMIT, inbox$, notificationFields, unreadCount$ } from '../../schema/notifications.ts'
import { useAppStore } from '../../store/app-store.ts'
import { EmptyState } from '../components/EmptyState.tsx'
import { useCommand, useToast } from '../components/Toasts.tsx'
import { formatCount } from '../format.ts'
import { useOpened } from '../vault/vault-session.tsx'
import { NotificationItem } from './NotificationItem.tsx'
import type { OpenNotification } from './opened.ts'
import './notifications.css'

/** The inbox: unread first, then newest; read one or all, dismiss. */
export const NotificationsScreen = () => {
  const store = useAppStore()
  const run = useCommand()
  const toast = useToast()
  const inbox = useOpened(store.useQuery(inbox$), notificationFields.open)
  // The count covers every unread one, also beyond the newest the inbox lists.
  const unread = store.useQuery(unreadCount$)

  const read = useCallback(
    (n: OpenNotification) => run(() => markNotificationRead(store, n.id)),
    [run, store],
  )
  const dismiss = useCallback(
    (n: OpenNotification) => {
      if (run(() => dismissNotification(store, n.id))) {
        toast({ tone: 'info', message: `“${n.title}” dismissed.` })
      }
    },
    [run, store, toast],
  )

  return (
    <section className="screen" aria-labelledby="notifications-title">
      <div className="screen-header">
        <h1 id="notifications-title">Notifications</h1>
        {inbox.length > 0 && (
          <button
            type="button"
            className="button"
            disabled={unread === 0}
            onClick={() => run(() => markAllNotificationsRead(store))}
          >
            Mark all as read
          </button>
        )}
      </div>
      {inbox.length > 0 && (
        <p className="screen-lead" aria-live="polite">
          {unread === 0 ? 'All read.' : `${formatCount(unread, 'unread notification')}.`} Unread first, then
          newest.
        </p>
      )}

      {inbox.length === 0 ? (
        <EmptyState title="No notifications">
          <p>Workflow results, reminders and notices from Hearth show up here. Nothing is waiting for you.</p>
        </EmptyState>
      ) : (
        <ul className="notification-list" aria-label="Notifications">
          {inbox.map((n) => (
            <NotificationItem key={n.id} notification={n} onRead={read} onDismiss={dismiss} />
          ))}
        </ul>
      )}
      {inbox.length === INBOX_LIMIT && (
        <p className="meta">
          Showing the newest {INBOX_LIMIT}. Dismiss some to see older ones; “Mark all as read” reads them all.
        </p>
      )}
    </section>
  )
}
