import { chunkFields, documentChunks$ } from '../../schema/documents.ts'
import { useAppStore } from '../../store/app-store.ts'
import { Dialog } from '../components/Dialog.tsx'
import { formatCount, formatDate, formatSize } from '../format.ts'
import { useOpened } from '../vault/vault-session.tsx'
import { KIND_NAMES } from './document-format.ts'
import type { OpenDocument } from './opened.ts'

type Props = {
  /** The document shown; `undefined` closes the view (the dialog stays mounted so focus returns). */
  document: OpenDocument | undefined
  personaLabel: string
  onClose: () => void
}

/** A document's details and its chunks in reading order, each with its heading and page. */
export const DocumentView = ({ document: d, personaLabel, onClose }: Props) => (
  <Dialog
    title={d?.name ?? ''}
    open={d !== undefined}
    wide
    onClose={onClose}
    actions={
      <button type="button" className="button" onClick={onClose}>
        Close
      </button>
    }
  >
    {d !== undefined && (
      <>
        <p className="meta document-view-meta">
          {KIND_NAMES[d.kind]} · {formatSize(d.size)} · {formatCount(d.chunkCount, 'chunk')} · {personaLabel}{' '}
          · added {formatDate(d.createdAt)}
        </p>
        <ChunkList documentId={d.id} />
      </>
    )}
  </Dialog>
)

/** Mounted only while a document is open, so a closed view neither queries nor decrypts chunks. */
const ChunkList = ({ documentId }: { documentId: string }) => {
  const store = useAppStore()
  const chunks = useOpened(store.useQuery(documentChunks$(documentId)), chunkFields.open)
  if (chunks.length === 0) {
    return <p className="document-view-empty">This document has no chunks: no text could be read from it.</p>
  }
  return (
    <ol className="chunk-list" aria-label="Chunks">
      {chunks.map((c) => (
        <li key={c.id} className="chunk" aria-label={c.heading ?? `Chunk ${c.ord + 1}`}>
          <div className="chunk-head">
            <span className="chunk-number" aria-hidden="true">
              {c.ord + 1}
            </span>
            {c.heading !== null && <h3 className="chunk-heading">{c.heading}</h3>}
            {c.page !== null && <span className="chunk-page">Page {c.page}</span>}
          </div>
          <p className="chunk-text">{c.text}</p>
        </li>
      ))}
    </ol>
  )
}
