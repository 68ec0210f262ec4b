import { nanoid } from '@livestore/livestore'
import type { HearthStore } from '../commands/store.ts'
import { finishRun, recordStep, scheduleWorkflows, startRun } from '../commands/workflow-runs.ts'
import {
  type Happening,
  openRuns$,
  schedulableWorkflows$,
  WATCH_WINDOW,
  WATCHED_EVENT_NAMES,
  WATCHED_EVENTS,
  type WorkflowDefinition,
  type WorkflowRow,
  type WorkflowRunRow,
  workflowById$,
  workflowFields,
  workflowRunById$,
} from '../schema/workflows.ts'
import type { DataKey } from '../vault/envelope.ts'
import type { Clock } from './clock.ts'
import { executeRun, type RunContext, stepLabel } from './executor.ts'
import { planSchedule } from './schedule.ts'
import { makeStepRunner, type StepDeps } from './steps.ts'
import { storeStepDeps } from './store-steps.ts'

/** Held by the one tab that runs workflows; the others wait and take over when it closes or locks. */
export const WORKFLOWS_LOCK = 'hearth-workflows'

/** What a run left unfinished by a tab that closed or locked is finished with. */
export const INTERRUPTED =
  'Interrupted: the tab running it was closed or locked before it finished. Start it again if it is still needed.'
/** What a waiting run that arrived in imported data (a backup, an export, the sample) is finished with. */
export const NEVER_STARTED =
  'Did not start: it was waiting in the data it came from (a backup, an import or the sample).'

/**
 * A tab taking over waits this long before it schedules or settles anything: the events the tab
 * before it committed last (a run started, a schedule moved on) are still on their way to it.
 */
export const TAKEOVER_SETTLE_MS = 1_000

/** The scheduler looks again at least this often, even with nothing due (a laptop waking up, say). */
export const MAX_NAP_MS = 60_000

export type RunnerOptions = {
  readonly store: HearthStore
  readonly key: DataKey
  readonly clock: Clock
  /** Aborts when this tab stops running workflows (it closes, locks or loses the lock). */
  readonly signal: AbortSignal
  /** The model and the search worker (the rest of the steps' needs come from the store). */
  readonly ask: StepDeps['ask']
  readonly searchMemories: StepDeps['searchMemories']
  /**
   * Schedules, event triggers and settling unfinished runs of other tabs. Off (`?bench` without
   * `&workflows`) only runs asked for with "Run now" are started, so tests and the benchmark can
   * plant runs in any state without the runner changing them.
   */
  readonly automatic: boolean
  /** Hears of every run this tab starts (the bench handle counts them). */
  readonly onRunStarted?: (runId: string) => void
}

type OpenWorkflow = { row: WorkflowRow; name: string; definition: WorkflowDefinition }

/**
 * Runs `work` now, or once more right after the current call when it is already running; never
 * nested. A failure is logged, not thrown: the runner goes on with the next update.
 */
const serial = (label: string, work: () => void) => {
  let busy = false
  let again = false
  return () => {
    if (busy) {
      again = true
      return
    }
    busy = true
    try {
      do {
        again = false
        try {
          work()
        } catch (error) {
          console.error(`workflows: ${label} failed`, error)
        }
      } while (again)
    } finally {
      busy = false
    }
  }
}

/**
 * The workflow runner of one tab (docs/ARCHITECTURE.md, "Workflows that run"). Only the tab holding
 * `WORKFLOWS_LOCK` calls it, so every run executes in exactly one tab however many are open:
 * - requested runs ("Run now" in any tab commits a pending run) are started here;
 * - a run finished from another tab (cancelled) is seen through `openRuns$` and its signal aborted;
 * - schedules: each due workflow starts one run, and the same transaction moves its `nextRunAt` on;
 * - event triggers: new memories, messages, documents and archived conversations, watched through
 *   queries, start the workflows waiting for them;
 * - runs left unfinished by a tab that closed or locked are finished as interrupted.
 * Resolves when `signal` aborts and the runs under way have stopped. Nothing is written after that:
 * a lock zeroes the data key, so a stopped run is left to the next runner to settle.
 */
export const runWorkflows = async (options: RunnerOptions): Promise<void> => {
  const { store, key, clock, signal, automatic } = options
  const startedAt = clock.now()
  /** Set after `TAKEOVER_SETTLE_MS`: schedules run and other tabs' unfinished runs are settled. */
  let ready = false
  const stopped = () => signal.aborted || !key.bytes.some((b) => b !== 0)
  const runStep = makeStepRunner({
    ask: options.ask,
    searchMemories: options.searchMemories,
    ...storeStepDeps(store, key, clock),
  })
  /** Runs under way in this tab: how to stop each, and whose it is. */
  const active = new Map<string, { controller: AbortController; workflowId: string }>()
  const underWay = new Set<Promise<void>>()
  const cleanups: Array<() => void> = []

  // Definitions are sealed: open each once per version of its row.
  const opened = new Map<string, { sealed: string; workflow: OpenWorkflow | null }>()
  const openWorkflow = (row: WorkflowRow): OpenWorkflow | null => {
    const cached = opened.get(row.id)
    const sealed = `${row.name}|${row.definition}`
    if (cached?.sealed === sealed) return cached.workflow ? { ...cached.workflow, row } : null
    let workflow: OpenWorkflow | null = null
    try {
      const w = workflowFields.openStrict(key, row)
      workflow = { row, name: w.name, definition: w.definition }
    } catch (error) {
      console.error(`workflows: cannot read workflow ${row.id}`, error)
    }
    opened.set(row.id, { sealed, workflow })
    return workflow
  }

  const execute = (
    run: { id: string; workflowId: string },
    workflow: OpenWorkflow,
    context: Pick<RunContext, 'personaId' | 'subjectId'>,
  ) => {
    const controller = new AbortController()
    const abort = () => controller.abort()
    signal.addEventListener('abort', abort, { once: true })
    active.set(run.id, { controller, workflowId: run.workflowId })
    options.onRunStarted?.(run.id)
    const work = (async () => {
      const outcome = await executeRun({
        steps: workflow.definition.steps,
        context: {
          runId: run.id,
          workflowId: workflow.row.id,
          workflowName: workflow.name,
          personaId: workflow.row.personaId ?? context.personaId,
          subjectId: context.subjectId,
        },
        runStep: (step, input, runContext, stepSignal) => {
          // A cancel from another tab can be in the store a moment before its subscription fires here:
          // look before each step, so a step that follows a long wait never runs after "Cancelled".
          const row = store.query(workflowRunById$(run.id))
          if (row === undefined || row.finishedAt !== null) controller.abort()
          if (stepSignal.aborted) return Promise.reject(new Error('cancelled'))
          return runStep(step, input, runContext, stepSignal)
        },
        signal: controller.signal,
        onStep: (index, step) => {
          if (!stopped()) recordStep(store, key, run.id, index, stepLabel(step))
        },
      })
      // Stopped (closed, locked): nothing more is written; the next runner settles it.
      if (!stopped()) finishRun(store, key, run, outcome, clock.now())
    })()
      .catch((error: unknown) => console.error(`workflows: run ${run.id} failed to record`, error))
      .finally(() => {
        signal.removeEventListener('abort', abort)
        active.delete(run.id)
        underWay.delete(work)
      })
    underWay.add(work)
  }

  const liveWorkflow = (id: string) => {
    const row = store.query(workflowById$(id))
    return row === undefined || row.deletedAt !== null ? null : openWorkflow(row)
  }

  // --- runs: start what is asked for, stop what was cancelled, settle what nobody runs -------------
  const followRuns = serial('following runs', () => {
    if (stopped()) return
    const open = store.query(openRuns$)
    const openIds = new Set(open.map((r) => r.id))
    for (const [id, { controller }] of active) if (!openIds.has(id)) controller.abort()
    for (const run of open) {
      if (active.has(run.id)) continue
      if (run.status === 'pending' && run.requestedAt !== null) startRequested(run)
      else if (automatic && ready) settle(run)
    }
  })

  const startRequested = (run: WorkflowRunRow) => {
    const workflow = liveWorkflow(run.workflowId)
    if (workflow === null) {
      finishRun(
        store,
        key,
        run,
        { status: 'error', error: 'The workflow was deleted or cannot be read.', stepsCompleted: 0 },
        clock.now(),
      )
      return
    }
    startRun(
      store,
      {
        id: run.id,
        workflowId: run.workflowId,
        trigger: run.trigger,
        stepsTotal: workflow.definition.steps.length,
      },
      clock.now(),
    )
    execute(run, workflow, { personaId: null, subjectId: null })
  }

  const settle = (run: WorkflowRunRow) =>
    finishRun(
      store,
      key,
      run,
      {
        status: 'error',
        error: run.status === 'running' || run.requestedAt !== null ? INTERRUPTED : NEVER_STARTED,
        stepsCompleted: run.stepsCompleted,
      },
      clock.now(),
    )

  // --- schedules ---------------------------------------------------------------------------------
  let cancelWake: (() => void) | undefined
  const tick = serial('scheduling', () => {
    cancelWake?.()
    cancelWake = undefined
    if (stopped()) return
    const now = clock.now()
    // Look again at the earliest next run, and at least every MAX_NAP_MS (also after a failure).
    let wakeAt = now + MAX_NAP_MS
    try {
      const workflows = store
        .query(schedulableWorkflows$)
        .map((row) => openWorkflow(row))
        .filter((w): w is OpenWorkflow => w !== null)
      const plan = planSchedule(
        workflows.map((w) => ({
          id: w.row.id,
          enabled: w.row.enabled === 1,
          trigger: w.definition.trigger,
          nextRunAt: w.row.nextRunAt,
        })),
        now,
      )
      if (plan.wakeAt !== null) wakeAt = Math.min(wakeAt, plan.wakeAt)
      scheduleWorkflows(store, plan.reschedule)
      for (const due of plan.due) {
        const workflow = workflows.find((w) => w.row.id === due.id)
        if (workflow === undefined) continue
        if ([...active.values()].some((a) => a.workflowId === due.id)) {
          // The previous run is still going (a long wait, a slow model): this tick is skipped.
          scheduleWorkflows(store, [{ id: due.id, nextRunAt: due.nextRunAt }])
          continue
        }
        const id = nanoid()
        startRun(
          store,
          {
            id,
            workflowId: due.id,
            trigger: 'schedule',
            stepsTotal: workflow.definition.steps.length,
            nextRunAt: due.nextRunAt,
          },
          now,
        )
        execute({ id, workflowId: due.id }, workflow, { personaId: null, subjectId: null })
      }
    } finally {
      if (!stopped()) cancelWake = clock.setTimeout(tick, Math.max(0, wakeAt - now))
    }
  })

  // --- event triggers ------------------------------------------------------------------------------
  const startOnEvent = (event: string, happening: Happening) => {
    const trigger = `event:${event}`
    for (const row of store.query(schedulableWorkflows$)) {
      if (row.enabled !== 1) continue
      const workflow = openWorkflow(row)
      if (workflow === null) continue
      const t = workflow.definition.trigger
      if (t.kind !== 'event' || t.event !== event) continue
      const id = nanoid()
      startRun(
        store,
        { id, workflowId: row.id, trigger, stepsTotal: workflow.definition.steps.length },
        clock.now(),
      )
      execute({ id, workflowId: row.id }, workflow, {
        personaId: happening.personaId,
        subjectId: happening.subjectId,
      })
    }
  }

  const watch = (event: (typeof WATCHED_EVENT_NAMES)[number]) => {
    let seen: Set<string> | null = null
    return (rows: ReadonlyArray<Happening>) => {
      if (stopped()) return
      const keys = rows.map((r) => `${r.id}@${r.at}`)
      const before = seen
      seen = new Set(keys)
      if (before === null) return // the first look: what was already there is no news
      const added = rows.filter((_, i) => !before.has(keys[i] ?? ''))
      // A whole window of new rows at once is an import or a restore, not something that happened.
      if (added.length >= WATCH_WINDOW) return
      // Only what happened since this runner started, and never what a run wrote itself.
      const fresh = added.filter((r) => r.at >= startedAt && r.fromRun === 0)
      for (const happening of fresh.reverse()) {
        try {
          startOnEvent(event, happening)
        } catch (error) {
          console.error(`workflows: could not start the runs of “${event}”`, error)
        }
      }
    }
  }

  // --- wiring ------------------------------------------------------------------------------------
  cleanups.push(store.subscribe(openRuns$, () => queueMicrotask(followRuns)))
  followRuns()
  if (automatic) {
    cleanups.push(
      clock.setTimeout(() => {
        ready = true
        followRuns()
        cleanups.push(store.subscribe(schedulableWorkflows$, () => queueMicrotask(tick)))
        tick()
      }, TAKEOVER_SETTLE_MS),
    )
    for (const event of WATCHED_EVENT_NAMES) {
      const onRows = watch(event)
      onRows(store.query(WATCHED_EVENTS[event])) // what is there now is no news
      cleanups.push(store.subscribe(WATCHED_EVENTS[event], (rows) => queueMicrotask(() => onRows(rows))))
    }
  }

  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve()
    else signal.addEventListener('abort', () => resolve(), { once: true })
  })
  cancelWake?.()
  for (const cleanup of cleanups) cleanup()
  await Promise.allSettled([...underWay])
}
