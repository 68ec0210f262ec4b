import { memo, useCallback } from 'react'
import { cancelRun } from '../../commands/workflow-runs.ts'
import { runFields, type WorkflowRunRow, workflowRunsOf$ } from '../../schema/workflows.ts'
import { useAppStore } from '../../store/app-store.ts'
import { EmptyState } from '../components/EmptyState.tsx'
import { useCommand } from '../components/Toasts.tsx'
import { formatDateTime } from '../format.ts'
import { useDataKey, useOpened } from '../vault/vault-session.tsx'
import { RunStatusBadge } from './RunStatusBadge.tsx'

type OpenRun = ReturnType<typeof runFields.open<WorkflowRunRow>>

/** "2.4 s", "3 min 5 s", "1 h 20 min": how long a run took, to the precision that matters. */
export const formatDuration = (ms: number) => {
  const s = Math.round(ms / 1000)
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`
  return `${Math.floor(m / 60)} h ${m % 60} min`
}

/** How a run was set off, in words: "started by hand", "on schedule", "on “memory.created”". */
export const triggerWords = (trigger: string) => {
  if (trigger === 'manual') return 'started by hand'
  if (trigger === 'schedule') return 'on schedule'
  if (trigger.startsWith('event:')) return `on “${trigger.slice('event:'.length)}”`
  return `by ${trigger}`
}

const RunItem = memo(({ r, onCancel }: { r: OpenRun; onCancel: (id: string) => void }) => {
  const total = Math.max(r.stepsTotal, 1)
  const label = `Run of ${formatDateTime(r.startedAt ?? r.createdAt)}`
  const open = r.status === 'pending' || r.status === 'running'
  return (
    <li className={`run-item run-item-${r.status}`} aria-label={label}>
      <div className="run-head">
        <RunStatusBadge status={r.status} />
        <span className="run-when">{formatDateTime(r.startedAt ?? r.createdAt)}</span>
        <span className="workflow-meta">
          {triggerWords(r.trigger)}
          {r.startedAt !== null &&
            r.finishedAt !== null &&
            ` · took ${formatDuration(r.finishedAt - r.startedAt)}`}
        </span>
        {open && (
          <button
            type="button"
            className="button button-small run-cancel"
            aria-label={`Cancel the ${label.toLowerCase()}`}
            onClick={() => onCancel(r.id)}
          >
            Cancel
          </button>
        )}
      </div>
      <div className="run-progress">
        <progress max={total} value={r.stepsCompleted} aria-label={`${label}: progress`} />
        <span>
          {r.stepsCompleted} of {r.stepsTotal} steps
          {r.currentStep !== null && r.status === 'running' && ` · now: ${r.currentStep}`}
        </span>
      </div>
      {r.result !== null && <p className="run-result">{r.result}</p>}
      {r.error !== null && (
        <p className="run-error">
          <strong>Error:</strong> {r.error}
        </p>
      )}
    </li>
  )
})

/** A workflow's latest runs, newest first, with how far each got and what came of it. */
export const RunList = ({ workflowId }: { workflowId: string }) => {
  const store = useAppStore()
  const key = useDataKey()
  const run = useCommand()
  const runs = useOpened(store.useQuery(workflowRunsOf$(workflowId)), runFields.open)
  const cancel = useCallback((id: string) => run(() => cancelRun(store, key, id)), [run, store, key])
  return (
    <section className="workflow-runs" aria-labelledby="runs-title">
      <h2 id="runs-title">Runs</h2>
      {runs.length === 0 ? (
        <EmptyState title="No runs yet">
          <p>
            Runs appear here with their progress, timings and result once the workflow runs: on its trigger,
            or now with “Run now”.
          </p>
        </EmptyState>
      ) : (
        <ol className="run-list" aria-label="Runs">
          {runs.map((r) => (
            <RunItem key={r.id} r={r} onCancel={cancel} />
          ))}
        </ol>
      )}
    </section>
  )
}
