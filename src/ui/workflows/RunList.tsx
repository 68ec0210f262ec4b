import { memo } from 'react'
import { runFields, type WorkflowRunRow, workflowRunsOf$ } from '../../schema/workflows.ts'
import { useAppStore } from '../../store/app-store.ts'
import { EmptyState } from '../components/EmptyState.tsx'
import { formatDateTime } from '../format.ts'
import { useOpened } from '../vault/vault-session.tsx'
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

const RunItem = memo(({ r }: { r: OpenRun }) => {
  const total = Math.max(r.stepsTotal, 1)
  const label = `Run of ${formatDateTime(r.startedAt ?? r.createdAt)}`
  return (
    <li className={`run-item run-item-${r.status}`} aria-label={label}>
      <div className="run-head">
        <RunStatusBadge status={r.status} />
        <span className="run-when">{formatDateTime(r.startedAt ?? r.createdAt)}</span>
        <span className="workflow-meta">
          {r.trigger === 'manual' ? 'started by hand' : `by ${r.trigger}`}
          {r.startedAt !== null &&
            r.finishedAt !== null &&
            ` · took ${formatDuration(r.finishedAt - r.startedAt)}`}
        </span>
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
  const runs = useOpened(store.useQuery(workflowRunsOf$(workflowId)), runFields.open)
  return (
    <section className="workflow-runs" aria-labelledby="runs-title">
      <h2 id="runs-title">Runs</h2>
      {runs.length === 0 ? (
        <EmptyState title="No runs yet">
          <p>Runs appear here with their progress, timings and result once the workflow runs.</p>
        </EmptyState>
      ) : (
        <ol className="run-list" aria-label="Runs">
          {runs.map((r) => (
            <RunItem key={r.id} r={r} />
          ))}
        </ol>
      )}
    </section>
  )
}
