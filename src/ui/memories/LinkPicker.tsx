import { useState } from 'react'
import { memoryFields, memoryPage$, NO_MEMORY_FILTERS, type OpenMemoryRow } from '../../schema/memories.ts'
import { useAppStore } from '../../store/app-store.ts'
import { Dialog } from '../components/Dialog.tsx'
import { useOpened } from '../vault/vault-session.tsx'

type Props = {
  open: boolean
  memory: OpenMemoryRow
  linkedIds: ReadonlyArray<string>
  onClose: () => void
  onPick: (other: OpenMemoryRow) => void
}

/**
 * Picks another memory of the same persona to link to, a page of 50 at a time by importance.
 * The name filter narrows the page being shown: names are sealed, so SQL cannot search them
 * (searching all memories by meaning arrives with the search worker).
 */
export const LinkPicker = ({ open, memory, linkedIds, onClose, onPick }: Props) => {
  const store = useAppStore()
  const [page, setPage] = useState(0)
  const [filter, setFilter] = useState('')
  const rows = useOpened(
    store.useQuery(memoryPage$(memory.personaId, NO_MEMORY_FILTERS, page)),
    memoryFields.open,
  )
  const needle = filter.trim().toLowerCase()
  const candidates = rows
    .slice(0, 50)
    .filter((r) => r.id !== memory.id && !linkedIds.includes(r.id))
    .filter(
      (r) =>
        needle === '' || r.name.toLowerCase().includes(needle) || r.content.toLowerCase().includes(needle),
    )

  return (
    <Dialog
      title={`Link “${memory.name}” to…`}
      open={open}
      onClose={onClose}
      wide
      actions={
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      }
    >
      <label className="field">
        <span>Filter this page</span>
        <input data-autofocus value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      {candidates.length === 0 ? (
        <p className="meta">No other memory on this page{needle === '' ? '' : ' matches'}.</p>
      ) : (
        <ul className="link-picker" aria-label="Memories to link">
          {candidates.map((c) => (
            <li key={c.id}>
              <button type="button" className="link-candidate" onClick={() => onPick(c)}>
                <span className={`badge badge-${c.type}`}>{c.type}</span>
                <span className="link-candidate-name">{c.name}</span>
                <span className="meta">{c.importance}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <nav className="pager" aria-label="Pages of memories">
        <button type="button" className="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
          ← Previous
        </button>
        <span>Page {page + 1}</span>
        <button
          type="button"
          className="button"
          disabled={rows.length <= 50}
          onClick={() => setPage(page + 1)}
        >
          Next →
        </button>
      </nav>
    </Dialog>
  )
}
