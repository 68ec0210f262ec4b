import { memo } from 'react'
import type { OpenPersona } from '../../schema/personas.ts'
import { formatCount, formatDateTime, formatRelative } from '../format.ts'
import { hrefFor } from '../router.ts'
import type { OpenConversation } from './opened.ts'

type Props = {
  conversation: OpenConversation
  /** `undefined` when the persona was deleted: its conversations stay. */
  persona: OpenPersona | undefined
  onArchive: (conversation: OpenConversation) => void
  onUnarchive: (conversation: OpenConversation) => void
  onDelete: (conversation: OpenConversation) => void
}

/** One conversation in the list; memoised so a live update re-renders only the rows that changed. */
export const ConversationItem = memo(function ConversationItem({
  conversation: c,
  persona,
  onArchive,
  onUnarchive,
  onDelete,
}: Props) {
  return (
    <li className="conversation-item" aria-label={c.title}>
      <span className="conversation-avatar" aria-hidden="true">
        {persona?.avatar ?? '?'}
      </span>
      <div className="conversation-main">
        <h2 className="conversation-title">
          <a href={hrefFor({ screen: 'conversation', id: c.id })}>{c.title}</a>
        </h2>
        <p className="meta">
          <span className="conversation-persona">{persona?.name ?? 'Deleted persona'}</span>
          {' · '}
          {formatCount(c.messageCount, 'message')}
          {' · '}
          <time dateTime={new Date(c.lastMessageAt).toISOString()} title={formatDateTime(c.lastMessageAt)}>
            {formatRelative(c.lastMessageAt)}
          </time>
        </p>
        {c.summary !== '' && <p className="conversation-summary">{c.summary}</p>}
        {c.topics.length > 0 && (
          <ul className="topic-list" aria-label="Topics">
            {c.topics.map((topic) => (
              <li key={topic} className="tag">
                {topic}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="conversation-actions">
        {c.archived ? (
          <button
            type="button"
            className="button button-small"
            aria-label={`Unarchive ${c.title}`}
            onClick={() => onUnarchive(c)}
          >
            Unarchive
          </button>
        ) : (
          <button
            type="button"
            className="button button-small"
            aria-label={`Archive ${c.title}`}
            onClick={() => onArchive(c)}
          >
            Archive
          </button>
        )}
        <button
          type="button"
          className="button button-small button-danger"
          aria-label={`Delete ${c.title}`}
          onClick={() => onDelete(c)}
        >
          Delete
        </button>
      </div>
    </li>
  )
})
