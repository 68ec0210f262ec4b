import { useCallback, useEffect, useState } from 'react'
import {
  createMemory,
  deleteMemory,
  editMemory,
  emptyMemoryDraft,
  restoreMemory,
} from '../../commands/memories.ts'
import { tables } from '../../schema/index.ts'
import {
  MEMORY_PAGE_SIZE,
  type MemorySort,
  memoryFields,
  memoryPage$,
  type OpenMemoryRow,
} from '../../schema/memories.ts'
import { allPersonas$, type OpenPersona, personaFields } from '../../schema/personas.ts'
import { useAppStore } from '../../store/app-store.ts'
import { ConfirmDialog } from '../components/Dialog.tsx'
import { EmptyState } from '../components/EmptyState.tsx'
import { FormDialog } from '../components/FormDialog.tsx'
import { useCommand, useDeleteWithUndo } from '../components/Toasts.tsx'
import { formatCount } from '../format.ts'
import { hrefFor, navigate } from '../router.ts'
import { useDataKey, useOpened } from '../vault/vault-session.tsx'
import { MemoryFilters } from './MemoryFilters.tsx'
import { MemoryForm } from './MemoryForm.tsx'
import { MemoryItem } from './MemoryItem.tsx'
import { draftOf } from './memory-draft.ts'

const SORT_DESCRIPTIONS: Record<MemorySort, string> = {
  importance: 'most important first, then most recently used',
  recent: 'most recently used first',
  newest: 'newest first',
  oldest: 'oldest first',
}

/** Picks the persona from the URL; without one it opens the most recently used persona. */
export const MemoriesScreen = ({ personaId }: { personaId: string | null }) => {
  const store = useAppStore()
  const personas = useOpened(store.useQuery(allPersonas$), personaFields.open)
  const fallback = personas[0]

  useEffect(() => {
    if (personaId === null && fallback !== undefined) {
      window.location.replace(hrefFor({ screen: 'memories', personaId: fallback.id }))
    }
  }, [personaId, fallback])

  if (personas.length === 0) {
    return (
      <section className="screen">
        <h1>Memories</h1>
        <EmptyState title="No personas yet">
          <p>Memories belong to a persona. Create a persona first, or load sample data from the home page.</p>
          <a className="button button-primary" href={hrefFor({ screen: 'personas' })}>
            Go to personas
          </a>
        </EmptyState>
      </section>
    )
  }
  const persona = personas.find((p) => p.id === personaId)
  if (persona === undefined) {
    return personaId === null ? null : (
      <section className="screen">
        <h1>Memories</h1>
        <EmptyState title="This persona does not exist">
          <p>It may have been deleted in another tab.</p>
        </EmptyState>
      </section>
    )
  }
  return <PersonaMemories persona={persona} personas={personas} />
}

type Editing = { mode: 'create' } | { mode: 'edit'; memory: OpenMemoryRow } | null

const PersonaMemories = ({
  persona,
  personas,
}: {
  persona: OpenPersona
  personas: readonly OpenPersona[]
}) => {
  const store = useAppStore()
  const key = useDataKey()
  const [list, setList] = store.useClientDocument(tables.memoryListState, persona.id)
  const { page, sort = 'importance', ...rest } = list
  const filters = { ...rest, sort }
  const rows = useOpened(store.useQuery(memoryPage$(persona.id, filters, page)), memoryFields.open)
  const visible = rows.slice(0, MEMORY_PAGE_SIZE)
  const hasNext = rows.length > MEMORY_PAGE_SIZE
  const [editing, setEditing] = useState<Editing>(null)
  const [deleting, setDeleting] = useState<OpenMemoryRow | null>(null)
  const run = useCommand()
  const deleteWithUndo = useDeleteWithUndo()
  const formId = 'memory-form'
  const first = page * MEMORY_PAGE_SIZE + 1
  const startEdit = useCallback((memory: OpenMemoryRow) => setEditing({ mode: 'edit', memory }), [])

  // A page emptied by deletes elsewhere steps back instead of showing nothing.
  useEffect(() => {
    if (page > 0 && rows.length === 0) setList({ page: page - 1 })
  }, [page, rows.length, setList])

  const remove = (memory: OpenMemoryRow) =>
    deleteWithUndo(
      `“${memory.name}” deleted.`,
      () => deleteMemory(store, memory),
      (deletedAt) => restoreMemory(store, memory, deletedAt),
    )

  return (
    <section className="screen" aria-labelledby="memories-title">
      <div className="screen-header">
        <h1 id="memories-title">
          <span aria-hidden="true">{persona.avatar} </span>
          {persona.name}’s memories
        </h1>
        <div className="toolbar">
          <label className="field field-inline">
            <span>Persona</span>
            <select
              value={persona.id}
              onChange={(e) => navigate({ screen: 'memories', personaId: e.target.value })}
            >
              {personas.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <a className="button" href={hrefFor({ screen: 'duplicates', personaId: persona.id })}>
            Find duplicates
          </a>
          <button
            type="button"
            className="button button-primary"
            onClick={() => setEditing({ mode: 'create' })}
          >
            New memory
          </button>
        </div>
      </div>
      <p className="screen-lead">
        {formatCount(persona.memoryCount, 'memory', 'memories')}, {SORT_DESCRIPTIONS[sort]}.
      </p>

      <MemoryFilters state={list} onChange={setList} />

      {visible.length === 0 ? (
        persona.memoryCount === 0 ? (
          <EmptyState title="No memories yet">
            <p>Add what {persona.name} should remember: a preference, a fact, an event.</p>
            <button
              type="button"
              className="button button-primary"
              onClick={() => setEditing({ mode: 'create' })}
            >
              Add a memory
            </button>
          </EmptyState>
        ) : (
          <EmptyState title="No memories match these filters">
            <p>Loosen a filter or clear them all.</p>
          </EmptyState>
        )
      ) : (
        <>
          <p className="result-range" aria-live="polite">
            Showing {first.toLocaleString('en')}–{(first + visible.length - 1).toLocaleString('en')}
          </p>
          <ul className="memory-list" aria-label="Memories">
            {visible.map((m) => (
              <MemoryItem key={m.id} memory={m} onEdit={startEdit} onDelete={setDeleting} />
            ))}
          </ul>
        </>
      )}

      <nav className="pager" aria-label="Pages">
        <button
          type="button"
          className="button"
          disabled={page === 0}
          onClick={() => setList({ page: page - 1 })}
        >
          ← Previous
        </button>
        <span>Page {page + 1}</span>
        <button
          type="button"
          className="button"
          disabled={!hasNext}
          onClick={() => setList({ page: page + 1 })}
        >
          Next →
        </button>
      </nav>

      <FormDialog
        title={editing?.mode === 'edit' ? 'Edit memory' : 'New memory'}
        open={editing !== null}
        onClose={() => setEditing(null)}
        formId={formId}
        submitLabel={editing?.mode === 'edit' ? 'Save' : 'Create'}
      >
        {editing !== null && (
          <MemoryForm
            formId={formId}
            initial={editing.mode === 'edit' ? draftOf(editing.memory) : emptyMemoryDraft()}
            onSubmit={(draft) => {
              const saved = run(() =>
                editing.mode === 'edit'
                  ? editMemory(store, key, editing.memory, draft)
                  : createMemory(store, key, persona.id, draft),
              )
              if (saved) setEditing(null)
            }}
          />
        )}
      </FormDialog>

      <ConfirmDialog
        open={deleting !== null}
        title="Delete this memory?"
        message={`“${deleting?.name ?? ''}” and its links to other memories will be removed. You can undo right after.`}
        confirmLabel="Delete memory"
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting !== null) remove(deleting)
          setDeleting(null)
        }}
      />
    </section>
  )
}
