import { memo } from 'react'
import type { NotificationKind } from '../../schema/notifications.ts'
import { formatDateTime, formatRelative } from '../format.ts'
import { hrefFor } from '../router.ts'
import type { OpenNotification } from './opened.ts'

const KIND: Record<NotificationKind, { label: string; icon: string }> = {
  'workflow-result': { label: 'Workflow result', icon: '⚙' },
  reminder: { label: 'Reminder', icon: '⏰' },
  system: { label: 'System', icon: 'ℹ' },
}

type Props = {
  notification: OpenNotification
  onRead: (notification: OpenNotification) => void
  onDismiss: (notification: OpenNotification) => void
}

/** One notification; memoised so reading one re-renders that row, not the whole inbox. */
export const NotificationItem = memo(function NotificationItem({
  notification: n,
  onRead,
  onDismiss,
}: Props) {
  const unread = n.unread === 1
  const high = n.priority === 'high'
  const kind = KIND[n.kind]
  const className = ['notification', unread ? 'notification-unread' : '', high ? 'notification-high' : '']
    .filter(Boolean)
    .join(' ')
  return (
    <li className={className} aria-label={n.title}>
      <span className="notification-icon" aria-hidden="true">
        {kind.icon}
      </span>
      <div className="notification-main">
        <p className="notification-tags">
          {unread && <span className="notification-dot">Unread</span>}
          <span className="notification-kind">{kind.label}</span>
          {high && <span className="notification-priority">High priority</span>}
          {n.priority === 'low' && <span className="notification-low">Low priority</span>}
          <time
            className="notification-time"
            dateTime={new Date(n.createdAt).toISOString()}
            title={formatDateTime(n.createdAt)}
          >
            {formatRelative(n.createdAt)}
          </time>
        </p>
        <h2 className="notification-title">{n.title}</h2>
        {n.body !== '' && <p className="notification-body">{n.body}</p>}
        {n.kind === 'workflow-result' && n.subjectId !== null && (
          // A workflow's notify step names its workflow as the subject: its runs are one click away.
          <a className="notification-link" href={hrefFor({ screen: 'workflow', id: n.subjectId })}>
            Open the workflow
          </a>
        )}
      </div>
      <div className="notification-actions">
        {unread && (
          <button
            type="button"
            className="button button-small"
            aria-label={`Mark read: “${n.title}”`}
            onClick={() => onRead(n)}
          >
            Mark read
          </button>
        )}
        <button
          type="button"
          className="button button-small"
          aria-label={`Dismiss “${n.title}”`}
          onClick={() => onDismiss(n)}
        >
          Dismiss
        </button>
      </div>
    </li>
  )
})
