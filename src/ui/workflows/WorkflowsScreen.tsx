import { memo, useState } from 'react'
import { requestRun } from '../../commands/workflow-runs.ts'
import { setWorkflowEnabled } from '../../commands/workflows.ts'
import {
  type WorkflowWithLatestRun,
  workflowFields,
  workflowsWithLatestRun$,
} from '../../schema/workflows.ts'
import { useAppStore } from '../../store/app-store.ts'
import { EmptyState } from '../components/EmptyState.tsx'
import { Switch } from '../components/Switch.tsx'
import { useCommand, useToast } from '../components/Toasts.tsx'
import { formatCount, formatRelative } from '../format.ts'
import { hrefFor, navigate } from '../router.ts'
import { useDataKey, useOpened } from '../vault/vault-session.tsx'
import { RunStatusBadge } from './RunStatusBadge.tsx'
import { TemplatePicker } from './TemplatePicker.tsx'
import { triggerSummary } from './trigger-summary.ts'
import './workflows.css'

type OpenListedWorkflow = ReturnType<typeof workflowFields.open<WorkflowWithLatestRun>>

const isOpen = (status: WorkflowWithLatestRun['latestRunStatus']) =>
  status === 'pending' || status === 'running'

const WorkflowItem = memo(
  ({
    w,
    onToggle,
    onRun,
  }: {
    w: OpenListedWorkflow
    onToggle: (w: OpenListedWorkflow) => void
    onRun: (w: OpenListedWorkflow) => void
  }) => (
    <li className="workflow-item" aria-label={w.name}>
      <div className="workflow-main">
        <h2 className="workflow-name">
          <a href={hrefFor({ screen: 'workflow', id: w.id })}>{w.name}</a>
        </h2>
        <p className="workflow-meta">
          {triggerSummary(w.definition.trigger)} · {formatCount(w.definition.steps.length, 'step')}
        </p>
        <p className="workflow-meta">
          {w.latestRunStatus === null ? (
            'Never run'
          ) : (
            <>
              <RunStatusBadge status={w.latestRunStatus} />{' '}
              {w.latestRunStatus === 'running'
                ? `${w.latestRunStepsCompleted ?? 0} of ${w.latestRunStepsTotal ?? 0} steps done`
                : w.latestRunStatus === 'pending'
                  ? 'about to start'
                  : `last run ${formatRelative(w.latestRunStartedAt)}`}{' '}
              · {formatCount(w.runCount, 'run')}, {w.successCount} succeeded, {w.errorCount} failed
            </>
          )}
        </p>
      </div>
      <div className="workflow-actions">
        <button
          type="button"
          className="button button-small"
          aria-label={`Run now: ${w.name}`}
          disabled={isOpen(w.latestRunStatus)}
          onClick={() => onRun(w)}
        >
          Run now
        </button>
        <Switch
          checked={w.enabled === 1}
          onChange={() => onToggle(w)}
          label={`Enabled: ${w.name}`}
          visible={w.enabled === 1 ? 'On' : 'Off'}
        />
      </div>
    </li>
  ),
)

/** Every workflow with what it does, when it runs and how its latest run went. */
export const WorkflowsScreen = () => {
  const store = useAppStore()
  const run = useCommand()
  const rows = useOpened(store.useQuery(workflowsWithLatestRun$), workflowFields.open)
  const [choosing, setChoosing] = useState(false)
  const key = useDataKey()
  const toast = useToast()
  const toggle = (w: OpenListedWorkflow) => run(() => setWorkflowEnabled(store, w.id, w.enabled !== 1))
  const runNow = (w: OpenListedWorkflow) => {
    if (run(() => requestRun(store, key, w.id))) toast({ tone: 'info', message: `“${w.name}” is starting.` })
  }

  return (
    <section className="screen" aria-labelledby="workflows-title">
      <div className="screen-header">
        <h1 id="workflows-title">Workflows</h1>
        <div className="header-actions">
          <button type="button" className="button" onClick={() => setChoosing(true)}>
            From a template
          </button>
          <a className="button button-primary" href={hrefFor({ screen: 'workflow', id: 'new' })}>
            New workflow
          </a>
        </div>
      </div>
      <p className="screen-lead">
        Steps your assistant runs by hand, on a schedule or when something happens.{' '}
        {rows.length > 0 &&
          `${formatCount(rows.length, 'workflow')}, ${rows.filter((w) => w.enabled === 1).length} on.`}
      </p>
      {rows.length === 0 ? (
        <EmptyState title="No workflows yet">
          <p>Start from a template — a morning digest, a weekly review — or build one step by step.</p>
          <button type="button" className="button button-primary" onClick={() => setChoosing(true)}>
            Choose a template
          </button>
        </EmptyState>
      ) : (
        <ul className="workflow-list" aria-label="Workflows">
          {rows.map((w) => (
            <WorkflowItem key={w.id} w={w} onToggle={toggle} onRun={runNow} />
          ))}
        </ul>
      )}
      <TemplatePicker
        open={choosing}
        onClose={() => setChoosing(false)}
        onCreated={(id) => {
          setChoosing(false)
          navigate({ screen: 'workflow', id })
        }}
      />
    </section>
  )
}
