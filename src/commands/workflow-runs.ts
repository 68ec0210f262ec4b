import { nanoid } from '@livestore/livestore'
import { events } from '../schema/index.ts'
import {
  openRuns$,
  runFields,
  type WorkflowRunRow,
  workflowById$,
  workflowFields,
  workflowRunById$,
} from '../schema/workflows.ts'
import type { DataKey } from '../vault/envelope.ts'
import type { RunOutcome } from '../workflows/executor.ts'
import { CommandError } from './command-error.ts'
import type { HearthStore } from './store.ts'

/**
 * "Run now", from any tab: a pending run that the one tab running workflows starts (it may be
 * another tab). Refused while the workflow has a run waiting or under way, so a double click, or
 * two tabs clicking at once in the same moment they see, does not queue the same work twice.
 */
export const requestRun = (
  store: HearthStore,
  key: DataKey,
  workflowId: string,
  now = Date.now(),
): string => {
  const row = store.query(workflowById$(workflowId))
  if (row === undefined || row.deletedAt !== null) {
    throw new CommandError('This workflow no longer exists (it may have been deleted in another tab).')
  }
  if (store.query(openRuns$).some((r) => r.workflowId === workflowId)) {
    throw new CommandError('This workflow is already running; cancel that run or wait for it to finish.')
  }
  const { definition } = workflowFields.openStrict(key, row)
  const id = nanoid()
  store.commit(
    events.runRequested({
      id,
      workflowId,
      trigger: 'manual',
      stepsTotal: definition.steps.length,
      requestedAt: now,
    }),
  )
  return id
}

/**
 * Cancels a waiting or running run, from any tab: it is finished as cancelled here and now, and the
 * runner tab, which watches its runs, stops the step under way. Returns false if it had finished.
 */
export const cancelRun = (store: HearthStore, key: DataKey, runId: string, now = Date.now()): boolean => {
  const run = store.query(workflowRunById$(runId))
  if (run === undefined) throw new CommandError('This run does not exist.')
  if (run.finishedAt !== null) return false
  const result =
    run.startedAt === null
      ? 'Cancelled before it started.'
      : `Cancelled at step ${Math.min(run.stepsCompleted + 1, run.stepsTotal)} of ${run.stepsTotal}.`
  store.commit(
    events.runFinished({
      id: runId,
      workflowId: run.workflowId,
      status: 'cancelled',
      ...runFields.seal(key, runId, { currentStep: null, result, error: null }),
      finishedAt: now,
    }),
  )
  return true
}

/**
 * The runner starts a run: a requested one (its pending row) or a new one (schedule, event). A
 * scheduled start moves the workflow's next run on in the same transaction, so no later look at the
 * schedule — in this tab or the next to take over — sees the same tick as due.
 */
export const startRun = (
  store: HearthStore,
  run: {
    id: string
    workflowId: string
    trigger: string
    stepsTotal: number
    nextRunAt?: number | null
  },
  now = Date.now(),
) =>
  store.commit(
    events.runStarted({
      id: run.id,
      workflowId: run.workflowId,
      trigger: run.trigger,
      stepsTotal: run.stepsTotal,
      startedAt: now,
    }),
    ...(run.nextRunAt === undefined
      ? []
      : [events.workflowScheduled({ id: run.workflowId, nextRunAt: run.nextRunAt })]),
  )

/** A step starts: how many are done and which one is under way (one event per step). */
export const recordStep = (store: HearthStore, key: DataKey, runId: string, index: number, label: string) =>
  store.commit(
    events.runProgressed({
      id: runId,
      stepsCompleted: index,
      currentStep: runFields.seal(key, runId, { currentStep: label, result: null, error: null }).currentStep,
    }),
  )

/**
 * Records how a run ended. A run already finished (cancelled from another tab) is left as it is and
 * nothing is written. A success also records every step as done, in the same transaction.
 */
export const finishRun = (
  store: HearthStore,
  key: DataKey,
  run: Pick<WorkflowRunRow, 'id' | 'workflowId'>,
  outcome: RunOutcome,
  now = Date.now(),
): boolean => {
  const current = store.query(workflowRunById$(run.id))
  if (current !== undefined && current.finishedAt !== null) return false
  const result =
    outcome.status === 'success'
      ? outcome.result
      : outcome.status === 'cancelled'
        ? `Cancelled at step ${outcome.stepsCompleted + 1}.`
        : null
  const error = outcome.status === 'error' ? outcome.error : null
  const sealed = runFields.seal(key, run.id, { currentStep: null, result, error })
  store.commit(
    events.runProgressed({ id: run.id, stepsCompleted: outcome.stepsCompleted, currentStep: null }),
    events.runFinished({
      id: run.id,
      workflowId: run.workflowId,
      status: outcome.status,
      result: sealed.result,
      error: sealed.error,
      finishedAt: now,
    }),
  )
  return true
}

/** Moves workflows' next runs (a schedule switched on, edited, or off), all in one transaction. */
export const scheduleWorkflows = (
  store: HearthStore,
  changes: ReadonlyArray<{ id: string; nextRunAt: number | null }>,
) => {
  if (changes.length === 0) return
  store.commit(...changes.map((c) => events.workflowScheduled(c)))
}
