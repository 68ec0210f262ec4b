import { useMemo } from 'react'
import { undoLastEdit } from '../../commands/memories.ts'
import { memoryFields, type OpenMemoryRow } from '../../schema/memories.ts'
import { HISTORY_LIMIT, lastEdit$, memoryHistory$, parseSnapshot } from '../../schema/memory-history.ts'
import { useAppStore } from '../../store/app-store.ts'
import { useCommand, useToast } from '../components/Toasts.tsx'
import { formatDateTime, formatRelative } from '../format.ts'
import { useDataKey } from '../vault/vault-session.tsx'
import { historyEntries, type OpenedSnapshot } from './history-entries.ts'

/**
 * A memory's history, newest first, from the `memory_history` table the memory's own events fill
 * (LiveStore's event log cannot be queried from the page), ending with its creation. "Undo last
 * edit" is an event, so every open tab shows the restored content.
 */
export const MemoryHistory = ({ memory: m }: { memory: OpenMemoryRow }) => {
  const store = useAppStore()
  const key = useDataKey()
  const run = useCommand()
  const toast = useToast()
  const rows = store.useQuery(memoryHistory$(m.id))
  const [lastEdit] = store.useQuery(lastEdit$(m.id))
  // Snapshots are sealed: opened once per new query result, not on every render.
  const entries = useMemo(
    () =>
      historyEntries(rows, (json, recordId): OpenedSnapshot | null => {
        try {
          const snapshot = parseSnapshot(json)
          return snapshot === null ? null : memoryFields.open(key, { ...snapshot, id: recordId })
        } catch {
          return null
        }
      }),
    [rows, key],
  )

  return (
    <section className="panel" aria-labelledby="history-title">
      <div className="panel-header">
        <h2 id="history-title">History</h2>
        {lastEdit !== undefined && (
          <button
            type="button"
            className="button"
            onClick={() => {
              if (run(() => undoLastEdit(store, m.id)))
                toast({ tone: 'info', message: 'The last edit was undone.' })
            }}
          >
            Undo last edit
          </button>
        )}
      </div>
      <ol className="history" aria-label="History">
        {entries.map((entry) => (
          <li key={entry.id} className={entry.undone ? 'history-undone' : undefined}>
            <span className="history-title">{entry.title}</span>
            <time
              className="meta"
              dateTime={new Date(entry.at).toISOString()}
              title={formatDateTime(entry.at)}
            >
              {formatRelative(entry.at)}
            </time>
            {entry.snapshot !== null && (
              <details className="history-snapshot">
                <summary>{entry.snapshot.label}</summary>
                <p>
                  <strong>{entry.snapshot.value.name}</strong>
                </p>
                <p className="history-snapshot-content">{entry.snapshot.value.content}</p>
              </details>
            )}
          </li>
        ))}
        <li>
          <span className="history-title">Created</span>
          <time
            className="meta"
            dateTime={new Date(m.createdAt).toISOString()}
            title={formatDateTime(m.createdAt)}
          >
            {formatRelative(m.createdAt)}
          </time>
        </li>
      </ol>
      {rows.length >= HISTORY_LIMIT && <p className="meta">The latest {HISTORY_LIMIT} changes are shown.</p>}
    </section>
  )
}
