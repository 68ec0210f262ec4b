import { nanoid } from '@livestore/livestore'
import { useState } from 'react'
import { requestRun } from '../../commands/workflow-runs.ts'
import { newStep } from '../../commands/workflow-steps.ts'
import {
  createWorkflow,
  deleteWorkflow,
  restoreWorkflow,
  saveAsTemplate,
  setWorkflowEnabled,
  updateWorkflow,
  type WorkflowDraft,
} from '../../commands/workflows.ts'
import { allPersonas$, personaFields } from '../../schema/personas.ts'
import { type WorkflowRow, workflowById$, workflowFields, workflowRunsOf$ } from '../../schema/workflows.ts'
import { useAppStore } from '../../store/app-store.ts'
import { ConfirmDialog } from '../components/Dialog.tsx'
import { EmptyState } from '../components/EmptyState.tsx'
import { Switch } from '../components/Switch.tsx'
import { useCommand, useDeleteWithUndo, useToast } from '../components/Toasts.tsx'
import { messageOf } from '../components/use-pending-action.ts'
import { hrefFor, navigate } from '../router.ts'
import { useDataKey, useOpened, useOpenedOne } from '../vault/vault-session.tsx'
import { RunList } from './RunList.tsx'
import { WorkflowEditor } from './WorkflowEditor.tsx'
import './workflows.css'

const emptyDraft = (): WorkflowDraft => ({
  name: '',
  description: '',
  personaId: null,
  tags: [],
  trigger: { kind: 'manual' },
  steps: [newStep('prompt', nanoid())],
})

const usePersonas = () => useOpened(useAppStore().useQuery(allPersonas$), personaFields.open)

const Breadcrumb = () => (
  <p className="breadcrumb">
    <a href={hrefFor({ screen: 'workflows' })}>← Workflows</a>
  </p>
)

/** `#/workflows/new`: the editor with one step to start from; saving creates the workflow. */
const NewWorkflow = () => {
  const store = useAppStore()
  const key = useDataKey()
  const toast = useToast()
  const personas = usePersonas()
  const [error, setError] = useState<string | null>(null)
  const save = (draft: WorkflowDraft) => {
    try {
      const id = createWorkflow(store, key, draft)
      toast({ tone: 'info', message: `“${draft.name.trim()}” created.` })
      navigate({ screen: 'workflow', id })
    } catch (failure) {
      setError(messageOf(failure))
    }
  }
  return (
    <article className="screen" aria-labelledby="workflow-title">
      <Breadcrumb />
      <div className="screen-header">
        <h1 id="workflow-title">New workflow</h1>
      </div>
      <WorkflowEditor
        initial={emptyDraft()}
        personas={personas}
        submitLabel="Create workflow"
        error={error}
        onSubmit={save}
      />
    </article>
  )
}

const WorkflowPage = ({ row }: { row: WorkflowRow }) => {
  const store = useAppStore()
  const key = useDataKey()
  const run = useCommand()
  const toast = useToast()
  const deleteWithUndo = useDeleteWithUndo()
  const personas = usePersonas()
  const w = useOpenedOne(row, workflowFields.open)
  const latestRun = store.useQuery(workflowRunsOf$(row.id))[0]
  const busy = latestRun !== undefined && latestRun.finishedAt === null
  const [error, setError] = useState<string | null>(null)
  const [deleting, setDeleting] = useState(false)
  if (w === undefined) return null

  const save = (draft: WorkflowDraft) => {
    try {
      const changed = updateWorkflow(store, key, w.id, draft)
      setError(null)
      toast({ tone: 'info', message: changed ? 'Workflow saved.' : 'Nothing to save: no changes.' })
    } catch (failure) {
      setError(messageOf(failure))
    }
  }
  const remove = () => {
    navigate({ screen: 'workflows' })
    deleteWithUndo(
      `“${w.name}” deleted.`,
      () => deleteWorkflow(store, w.id),
      (deletedAt) => restoreWorkflow(store, w.id, deletedAt),
    )
  }
  const initial: WorkflowDraft = {
    name: w.name,
    description: w.description,
    personaId: w.personaId,
    tags: w.tags,
    trigger: w.definition.trigger,
    steps: w.definition.steps,
  }

  return (
    <article className="screen" aria-labelledby="workflow-title">
      <Breadcrumb />
      <div className="screen-header">
        <h1 id="workflow-title">{w.name}</h1>
        <div className="header-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            title={busy ? 'A run is waiting or under way: see Runs below.' : undefined}
            onClick={() => {
              if (run(() => requestRun(store, key, w.id)))
                toast({ tone: 'info', message: `“${w.name}” is starting: see Runs below.` })
            }}
          >
            Run now
          </button>
          <Switch
            checked={w.enabled === 1}
            onChange={() => run(() => setWorkflowEnabled(store, w.id, w.enabled !== 1))}
            label="Enabled"
            visible="Enabled"
          />
          <button
            type="button"
            className="button"
            onClick={() => {
              if (run(() => saveAsTemplate(store, key, w.id)))
                toast({ tone: 'info', message: `“${w.name}” saved as a template.` })
            }}
          >
            Save as template
          </button>
          <button type="button" className="button button-danger" onClick={() => setDeleting(true)}>
            Delete
          </button>
        </div>
      </div>
      {w.unreadable && (
        <p className="banner banner-warning" role="alert">
          Part of this workflow cannot be read with this vault’s key; saving replaces what cannot be read.
        </p>
      )}
      {/* Keyed by id: an edit saved in another tab does not wipe what is being typed here. */}
      <WorkflowEditor
        key={w.id}
        initial={initial}
        personas={personas}
        submitLabel="Save"
        error={error}
        onSubmit={save}
      />
      <RunList workflowId={w.id} />
      <ConfirmDialog
        open={deleting}
        title="Delete this workflow?"
        message={`“${w.name}” stops running and leaves the list; its past runs are kept. You can undo right after.`}
        confirmLabel="Delete workflow"
        onCancel={() => setDeleting(false)}
        onConfirm={() => {
          setDeleting(false)
          remove()
        }}
      />
    </article>
  )
}

/** `#/workflows/:id`: a workflow's editor and its runs; `new` for a new one. */
export const WorkflowScreen = ({ id }: { id: string }) => {
  const store = useAppStore()
  const row = store.useQuery(workflowById$(id))
  if (id === 'new') return <NewWorkflow />
  if (row === undefined || row.deletedAt !== null) {
    return (
      <section className="screen" aria-labelledby="workflow-missing-title">
        <h1 id="workflow-missing-title">Workflow</h1>
        <EmptyState title="This workflow does not exist">
          <p>It may have been deleted, here or in another tab.</p>
          <a className="button" href={hrefFor({ screen: 'workflows' })}>
            Back to workflows
          </a>
        </EmptyState>
      </section>
    )
  }
  return <WorkflowPage row={row} />
}
