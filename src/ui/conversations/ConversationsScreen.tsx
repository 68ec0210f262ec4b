import { useCallback, useEffect, useMemo, useState } from 'react'
import {
  archiveConversation,
  deleteConversation,
  restoreConversation,
  startConversation,
  unarchiveConversation,
} from '../../commands/conversations.ts'
import {
  CONVERSATION_PAGE_SIZE,
  conversationFields,
  recentConversations$,
} from '../../schema/conversations.ts'
import { allPersonas$, type OpenPersona, personaFields } from '../../schema/personas.ts'
import { useAppStore } from '../../store/app-store.ts'
import { ConfirmDialog } from '../components/Dialog.tsx'
import { EmptyState } from '../components/EmptyState.tsx'
import { FormDialog } from '../components/FormDialog.tsx'
import { PersonaSelect } from '../components/PersonaSelect.tsx'
import { useCommand, useDeleteWithUndo, useToast } from '../components/Toasts.tsx'
import { formatCount } from '../format.ts'
import { hrefFor, navigate } from '../router.ts'
import { useDataKey, useOpened } from '../vault/vault-session.tsx'
import { ConversationItem } from './ConversationItem.tsx'
import { type ConversationListState, useConversationListState } from './list-state.ts'
import { NewConversationForm } from './NewConversationForm.tsx'
import type { OpenConversation } from './opened.ts'
import './conversations.css'

const FORM_ID = 'new-conversation-form'

/** Recent conversations of every persona or one, 50 a page; archived ones on their own list. */
export const ConversationsScreen = () => {
  const store = useAppStore()
  const key = useDataKey()
  const run = useCommand()
  const toast = useToast()
  const deleteWithUndo = useDeleteWithUndo()
  const personas = useOpened(store.useQuery(allPersonas$), personaFields.open)
  const personaById = useMemo(() => new Map(personas.map((p) => [p.id, p])), [personas])
  const [list, setList] = useConversationListState()
  // A persona deleted (here or in another tab) while it was the filter falls back to everyone.
  const personaId = list.personaId !== null && personaById.has(list.personaId) ? list.personaId : null
  const { archived, page } = list
  const rows = useOpened(
    store.useQuery(recentConversations$({ personaId, archived, page })),
    conversationFields.open,
  )
  const visible = rows.slice(0, CONVERSATION_PAGE_SIZE)
  const hasNext = rows.length > CONVERSATION_PAGE_SIZE
  const first = page * CONVERSATION_PAGE_SIZE + 1
  const [creating, setCreating] = useState(false)
  const [deleting, setDeleting] = useState<OpenConversation | null>(null)
  const filterPersona = personaId === null ? undefined : personaById.get(personaId)

  /** Every filter change goes back to the first page: page 3 of another filter means nothing. */
  const filter = (patch: Partial<Omit<ConversationListState, 'page'>>) =>
    setList((s) => ({ ...s, ...patch, page: 0 }))

  // A page emptied by archives or deletes (here or elsewhere) steps back instead of showing nothing.
  useEffect(() => {
    if (page > 0 && rows.length === 0) setList((s) => ({ ...s, page: s.page - 1 }))
  }, [page, rows.length, setList])

  const archive = useCallback(
    (c: OpenConversation) => {
      if (!run(() => archiveConversation(store, c.id))) return
      toast({
        tone: 'info',
        message: `“${c.title}” archived.`,
        action: { label: 'Undo', run: () => run(() => unarchiveConversation(store, c.id)) },
      })
    },
    [run, store, toast],
  )
  const unarchive = useCallback(
    (c: OpenConversation) => {
      if (run(() => unarchiveConversation(store, c.id))) {
        toast({ tone: 'info', message: `“${c.title}” is back among recent conversations.` })
      }
    },
    [run, store, toast],
  )

  const start = (chosenPersonaId: string, title: string) => {
    let id = ''
    if (run(() => (id = startConversation(store, key, chosenPersonaId, title)))) {
      setCreating(false)
      navigate({ screen: 'conversation', id })
    }
  }

  if (personas.length === 0 && rows.length === 0 && !archived) {
    return (
      <section className="screen" aria-labelledby="conversations-title">
        <h1 id="conversations-title">Conversations</h1>
        <EmptyState title="No personas yet">
          <p>
            A conversation is held with a persona. Create a persona first, or load sample data from the home
            page.
          </p>
          <a className="button button-primary" href={hrefFor({ screen: 'personas' })}>
            Go to personas
          </a>
        </EmptyState>
      </section>
    )
  }

  const kind = archived ? 'Archived conversations' : 'Conversations'
  const lead =
    filterPersona === undefined
      ? `${kind} with every persona, most recent activity first.`
      : `${kind} with ${filterPersona.name}, most recent activity first.`
  return (
    <section className="screen" aria-labelledby="conversations-title">
      <div className="screen-header">
        <h1 id="conversations-title">Conversations</h1>
        {personas.length > 0 && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            New conversation
          </button>
        )}
      </div>
      <p className="screen-lead">{lead}</p>

      <fieldset className="conversation-filters">
        <legend className="visually-hidden">Filter conversations</legend>
        <PersonaSelect
          label="Persona"
          personas={personas}
          value={personaId}
          onChange={(id) => filter({ personaId: id })}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={archived}
            onChange={(e) => filter({ archived: e.target.checked })}
          />
          Show archived
        </label>
      </fieldset>

      {visible.length === 0 ? (
        <EmptyList
          archived={archived}
          persona={filterPersona}
          canStart={personas.length > 0}
          onStart={() => setCreating(true)}
          onShowActive={() => filter({ archived: false })}
        />
      ) : (
        <>
          <p className="result-range" aria-live="polite">
            Showing {first.toLocaleString('en')}–{(first + visible.length - 1).toLocaleString('en')}
          </p>
          <ul
            className="conversation-list"
            aria-label={archived ? 'Archived conversations' : 'Conversations'}
          >
            {visible.map((c) => (
              <ConversationItem
                key={c.id}
                conversation={c}
                persona={personaById.get(c.personaId)}
                onArchive={archive}
                onUnarchive={unarchive}
                onDelete={setDeleting}
              />
            ))}
          </ul>
        </>
      )}

      {(page > 0 || hasNext) && (
        <nav className="pager" aria-label="Pages">
          <button
            type="button"
            className="button"
            disabled={page === 0}
            onClick={() => setList((s) => ({ ...s, page: s.page - 1 }))}
          >
            ← Previous
          </button>
          <span>Page {page + 1}</span>
          <button
            type="button"
            className="button"
            disabled={!hasNext}
            onClick={() => setList((s) => ({ ...s, page: s.page + 1 }))}
          >
            Next →
          </button>
        </nav>
      )}

      <FormDialog
        title="New conversation"
        open={creating}
        onClose={() => setCreating(false)}
        formId={FORM_ID}
        submitLabel="Start conversation"
      >
        {creating && (
          <NewConversationForm
            formId={FORM_ID}
            personas={personas}
            initialPersonaId={personaId ?? personas[0]?.id ?? ''}
            onSubmit={start}
          />
        )}
      </FormDialog>

      <ConfirmDialog
        open={deleting !== null}
        title="Delete this conversation?"
        message={`“${deleting?.title ?? ''}” and its ${formatCount(deleting?.messageCount ?? 0, 'message')} will be deleted; you can undo right after. To put it away instead, archive it.`}
        confirmLabel="Delete conversation"
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting !== null) {
            const { id, title } = deleting
            deleteWithUndo(
              `“${title}” deleted.`,
              () => deleteConversation(store, id),
              (deletedAt) => restoreConversation(store, id, deletedAt),
            )
          }
          setDeleting(null)
        }}
      />
    </section>
  )
}

type EmptyListProps = {
  archived: boolean
  persona: OpenPersona | undefined
  canStart: boolean
  onStart: () => void
  onShowActive: () => void
}

/** What an empty list means depends on what it shows; each case says what to do next. */
const EmptyList = ({ archived, persona, canStart, onStart, onShowActive }: EmptyListProps) => {
  if (archived) {
    return (
      <EmptyState
        title={
          persona === undefined
            ? 'No archived conversations'
            : `No archived conversations with ${persona.name}`
        }
      >
        <p>
          Archive a conversation to put it away without deleting it; it shows here until you unarchive it.
        </p>
        <button type="button" className="button" onClick={onShowActive}>
          Show recent conversations
        </button>
      </EmptyState>
    )
  }
  return (
    <EmptyState
      title={persona === undefined ? 'No conversations yet' : `No conversations with ${persona.name} yet`}
    >
      <p>Start a conversation with a persona, then add its messages by hand.</p>
      {canStart && (
        <button type="button" className="button button-primary" onClick={onStart}>
          Start a conversation
        </button>
      )}
    </EmptyState>
  )
}
