import { useState } from 'react'
import { forgetPersona, personaForgetting } from '../../commands/forgetting.ts'
import {
  createPersona,
  DEFAULT_PERSONA_PROFILE,
  deletePersona,
  duplicatePersona,
  restorePersona,
  setPersonaActive,
  updatePersona,
} from '../../commands/personas.ts'
import {
  activePersonas$,
  allPersonas$,
  type OpenPersona,
  personaFields,
  personaSecretFields,
} from '../../schema/personas.ts'
import { useAppStore } from '../../store/app-store.ts'
import { ConfirmDialog } from '../components/Dialog.tsx'
import { EmptyState } from '../components/EmptyState.tsx'
import { FormDialog } from '../components/FormDialog.tsx'
import { FORGETTING_IS_FINAL } from '../components/forgetting.ts'
import { useCommand, useDeleteWithUndo, useToast } from '../components/Toasts.tsx'
import { formatCount, formatList, formatRelative } from '../format.ts'
import { hrefFor } from '../router.ts'
import { useDataKey, useOpened } from '../vault/vault-session.tsx'
import { PersonaForm } from './PersonaForm.tsx'

type Editing = { mode: 'create' } | { mode: 'edit'; persona: OpenPersona } | null

const profileOf = (p: OpenPersona) => ({
  name: p.name,
  description: p.description,
  avatar: p.avatar,
  systemPrompt: p.systemPrompt,
  personality: p.personality,
  modelSettings: p.modelSettings,
  memorySettings: p.memorySettings,
})

/** "Ava, 12 memories and 3 conversations with their messages": what forgetting a persona takes, zeros left out. */
const forgettingTakes = (f: { name: string } & ReturnType<typeof personaForgetting>) =>
  formatList([
    f.name,
    ...(
      [
        [f.memoryIds.length, formatCount(f.memoryIds.length, 'memory', 'memories')],
        [
          f.conversationIds.length,
          `${formatCount(f.conversationIds.length, 'conversation')} with their messages`,
        ],
        [f.documentIds.length, formatCount(f.documentIds.length, 'document')],
        [f.runIds.length, `${formatCount(f.runIds.length, 'run')} of workflows acting for this persona`],
      ] as const
    )
      .filter(([n]) => n > 0)
      .map(([, text]) => text),
  ])

export const PersonasScreen = () => {
  const store = useAppStore()
  const [showInactive, setShowInactive] = useState(false)
  const key = useDataKey()
  const personas = useOpened(
    store.useQuery(showInactive ? allPersonas$ : activePersonas$),
    personaFields.open,
  )
  const [editing, setEditing] = useState<Editing>(null)
  const [deleting, setDeleting] = useState<OpenPersona | null>(null)
  const run = useCommand()
  const toast = useToast()
  const deleteWithUndo = useDeleteWithUndo()
  const [forgetting, setForgetting] = useState<
    ({ id: string; name: string } & ReturnType<typeof personaForgetting>) | null
  >(null)
  const formId = 'persona-form'

  return (
    <section className="screen" aria-labelledby="personas-title">
      <div className="screen-header">
        <h1 id="personas-title">Personas</h1>
        <div className="toolbar">
          <label className="check">
            <input
              type="checkbox"
              checked={showInactive}
              onChange={(e) => setShowInactive(e.target.checked)}
            />
            Show inactive
          </label>
          <button
            type="button"
            className="button button-primary"
            onClick={() => setEditing({ mode: 'create' })}
          >
            New persona
          </button>
        </div>
      </div>
      <p className="screen-lead">
        {showInactive ? 'All personas' : 'Active personas'}, most recently used first.
      </p>

      {personas.length === 0 ? (
        <EmptyState title={showInactive ? 'No personas yet' : 'No active personas'}>
          <p>A persona is an assistant with its own voice and memories. Create one to start.</p>
          <button
            type="button"
            className="button button-primary"
            onClick={() => setEditing({ mode: 'create' })}
          >
            Create a persona
          </button>
        </EmptyState>
      ) : (
        <ul className="card-grid" aria-label="Personas">
          {personas.map((p) => (
            <li key={p.id} className={p.active ? 'card' : 'card card-muted'} aria-label={p.name}>
              <div className="card-head">
                <span className="avatar" aria-hidden="true">
                  {p.avatar}
                </span>
                <div className="card-title">
                  <h2>{p.name}</h2>
                  <p className="meta">
                    {p.active ? 'Active' : 'Inactive'} · used {formatCount(p.usageCount, 'time')} · last{' '}
                    {formatRelative(p.lastUsedAt)}
                  </p>
                </div>
              </div>
              {p.description !== '' && <p className="card-text">{p.description}</p>}
              <p className="meta">{formatCount(p.memoryCount, 'memory', 'memories')}</p>
              <div className="card-actions">
                <a
                  className="button button-small"
                  href={hrefFor({ screen: 'memories', personaId: p.id })}
                  aria-label={`${p.name}’s memories`}
                >
                  Memories
                </a>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setEditing({ mode: 'edit', persona: p })}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Duplicate ${p.name}`}
                  onClick={() => {
                    const apiKey = personaSecretFields.open(key, p).apiKey
                    if (run(() => duplicatePersona(store, key, profileOf(p), apiKey))) {
                      toast({ tone: 'info', message: `${p.name} duplicated as “${p.name} (copy)”.` })
                    }
                  }}
                >
                  Duplicate
                </button>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => run(() => setPersonaActive(store, p.id, p.active === 0))}
                >
                  {p.active ? 'Deactivate' : 'Activate'}
                </button>
                <button
                  type="button"
                  className="button button-small button-danger"
                  onClick={() => setDeleting(p)}
                >
                  Delete
                </button>
                <button
                  type="button"
                  className="button button-small button-danger"
                  aria-label={`Forget ${p.name} and everything that belongs to it`}
                  onClick={() => setForgetting({ id: p.id, name: p.name, ...personaForgetting(store, p.id) })}
                >
                  Forget…
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}

      <FormDialog
        title={editing?.mode === 'edit' ? `Edit ${editing.persona.name}` : 'New persona'}
        open={editing !== null}
        onClose={() => setEditing(null)}
        formId={formId}
        submitLabel={editing?.mode === 'edit' ? 'Save' : 'Create'}
      >
        {editing !== null && (
          <PersonaForm
            formId={formId}
            initial={editing.mode === 'edit' ? profileOf(editing.persona) : DEFAULT_PERSONA_PROFILE}
            initialApiKey={
              editing.mode === 'edit' ? (personaSecretFields.open(key, editing.persona).apiKey ?? '') : ''
            }
            onSubmit={(profile, apiKey) => {
              const saved = run(() =>
                editing.mode === 'edit'
                  ? updatePersona(store, key, editing.persona.id, profile, apiKey)
                  : createPersona(store, key, profile, apiKey),
              )
              if (saved) setEditing(null)
            }}
          />
        )}
      </FormDialog>

      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? 'persona'}?`}
        message="The persona disappears from every list and Hearth forgets its name and settings for good within a minute, unless you undo. Its memories and conversations stay (to forget them too, use Forget)."
        confirmLabel="Delete persona"
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting !== null) {
            const { id, name } = deleting
            deleteWithUndo(
              `${name} deleted.`,
              () => deletePersona(store, id),
              (deletedAt) => restorePersona(store, id, deletedAt),
            )
          }
          setDeleting(null)
        }}
      />

      <ConfirmDialog
        open={forgetting !== null}
        title={`Forget ${forgetting?.name ?? 'persona'} and everything that belongs to this persona?`}
        message={
          forgetting === null
            ? ''
            : `${forgettingTakes(forgetting)} will be forgotten, with no undo. ${FORGETTING_IS_FINAL}`
        }
        confirmLabel="Forget for good"
        onCancel={() => setForgetting(null)}
        onConfirm={() => {
          const chosen = forgetting
          setForgetting(null)
          if (chosen === null) return
          forgetPersona(store, key, chosen.id)
            .then(() =>
              toast({
                tone: 'info',
                message: `${chosen.name} and everything that belongs to this persona are forgotten for good.`,
              }),
            )
            .catch((error: unknown) =>
              toast({ tone: 'error', message: error instanceof Error ? error.message : String(error) }),
            )
        }}
      />
    </section>
  )
}
