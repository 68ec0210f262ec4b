import { memo } from 'react'
import { formatCount, formatDate, formatDateTime, formatSize } from '../format.ts'
import { KIND_NAMES } from './document-format.ts'
import type { OpenDocument } from './opened.ts'

type Props = {
  document: OpenDocument
  /** Who it belongs to, as a person reads it ("All personas" when it belongs to none in particular). */
  personaLabel: string
  onOpen: (document: OpenDocument) => void
  onRename: (document: OpenDocument) => void
  onDelete: (document: OpenDocument) => void
}

/** One document in the list; memoised so a rename re-renders that row only. */
export const DocumentItem = memo(function DocumentItem({
  document: d,
  personaLabel,
  onOpen,
  onRename,
  onDelete,
}: Props) {
  return (
    <li className="document-item" aria-label={d.name}>
      <span className={`document-kind document-kind-${d.kind}`} title={KIND_NAMES[d.kind]}>
        <span aria-hidden="true">{d.kind.toUpperCase()}</span>
        <span className="visually-hidden">{KIND_NAMES[d.kind]}</span>
      </span>
      <div className="document-main">
        <h2 className="document-name">
          <button type="button" className="document-open" onClick={() => onOpen(d)}>
            {d.name}
          </button>
        </h2>
        {/* Each part keeps to one line; lines break only between parts, after a separator. */}
        <p className="meta document-meta">
          <span>{formatSize(d.size)}</span> · <span>{formatCount(d.chunkCount, 'chunk')}</span> ·{' '}
          <span className="document-persona">{personaLabel}</span> ·{' '}
          <span>
            added{' '}
            <time dateTime={new Date(d.createdAt).toISOString()} title={formatDateTime(d.createdAt)}>
              {formatDate(d.createdAt)}
            </time>
          </span>
        </p>
      </div>
      <div className="document-actions">
        <button
          type="button"
          className="button button-small"
          aria-label={`Rename ${d.name}`}
          onClick={() => onRename(d)}
        >
          Rename
        </button>
        <button
          type="button"
          className="button button-small button-danger"
          aria-label={`Delete ${d.name}`}
          onClick={() => onDelete(d)}
        >
          Delete
        </button>
      </div>
    </li>
  )
})
