import { useId, useMemo } from 'react'
import { memoriesByIds$, memoryNameField } from '../../schema/memories.ts'
import { useAppStore } from '../../store/app-store.ts'
import { hrefFor } from '../router.ts'
import { useDataKey } from '../vault/vault-session.tsx'

type Shown = { id: string; name: string; type: string; importance: number; forgotten: boolean }

/** The list itself, for a stored reply (ids) or one under way (names already open). */
export const RememberedList = ({
  memories,
  busy = false,
}: {
  memories: ReadonlyArray<Shown>
  busy?: boolean
}) => {
  const id = useId()
  return (
    // A section, not an <aside>: a complementary landmark inside a list item would not be top-level.
    <section className="remembered" aria-labelledby={id} aria-busy={busy}>
      <h3 id={id} className="remembered-title">
        Remembered ({memories.length})
      </h3>
      <ul className="remembered-list" aria-label="Remembered memories">
        {memories.map((m) => (
          <li key={m.id}>
            {m.forgotten ? (
              <span className="meta">a memory since deleted</span>
            ) : (
              <a href={hrefFor({ screen: 'memory', id: m.id })}>{m.name}</a>
            )}{' '}
            <span className="meta">
              {m.type} · {m.importance}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** What a stored reply was given from the persona's memories, best first, each linking to its page. */
export const RememberedMemories = ({ ids }: { ids: ReadonlyArray<string> }) => {
  const store = useAppStore()
  const key = useDataKey()
  const rows = store.useQuery(memoriesByIds$(ids))
  const memories = useMemo(() => {
    const byId = new Map(rows.map((r) => [r.id, r]))
    return ids.map((id): Shown => {
      const row = byId.get(id)
      if (row === undefined || row.deletedAt !== null)
        return { id, name: '', type: '', importance: 0, forgotten: true }
      return {
        id,
        name: memoryNameField.open(key, row).name,
        type: row.type,
        importance: row.importance,
        forgotten: false,
      }
    })
  }, [rows, ids, key])
  return <RememberedList memories={memories} />
}
