import { memo } from 'react'
import type { OpenMemoryRow } from '../../schema/memories.ts'
import { formatCount, formatDate, formatRelative } from '../format.ts'
import { hrefFor } from '../router.ts'

type Props = {
  memory: OpenMemoryRow
  onEdit: (memory: OpenMemoryRow) => void
  onDelete: (memory: OpenMemoryRow) => void
}

/** One memory in the list; memoised so a live update re-renders only the rows that changed. */
export const MemoryItem = memo(function MemoryItem({ memory: m, onEdit, onDelete }: Props) {
  return (
    <li className="memory" aria-label={m.name}>
      <div className="memory-head">
        <span className={`badge badge-${m.type}`}>{m.type}</span>
        <h2 className="memory-name">
          <a href={hrefFor({ screen: 'memory', id: m.id })}>{m.name}</a>
        </h2>
        <span className="importance" title="Importance">
          <span className="importance-bar" style={{ width: `${m.importance}%` }} aria-hidden="true" />
          <span className="importance-value">{m.importance}</span>
        </span>
      </div>
      <p className="memory-content">{m.content}</p>
      <div className="memory-foot">
        <span className={`tier tier-${m.tier}`}>{m.tier}</span>
        {m.tags.map((tag) => (
          <span key={tag} className="tag">
            #{tag}
          </span>
        ))}
        <span className="meta">
          created {formatDate(m.createdAt)} · used {formatRelative(m.lastAccessedAt)}
          {m.linkCount > 0 ? ` · ${formatCount(m.linkCount, 'link')}` : ''}
        </span>
        <span className="memory-actions">
          <button
            type="button"
            className="button button-small"
            onClick={() => onEdit(m)}
            aria-label={`Edit ${m.name}`}
          >
            Edit
          </button>
          <button
            type="button"
            className="button button-small button-danger"
            onClick={() => onDelete(m)}
            aria-label={`Delete ${m.name}`}
          >
            Delete
          </button>
        </span>
      </div>
    </li>
  )
})
