import { describe, expect, test } from 'vitest'
import {
  MINUTE,
  nextId,
  runRecord,
  T0,
  TEST_KEY,
  workflowCreatedArgs,
  workflowDefinition,
  workflowRecord,
} from '../testing/builders.ts'
import { freshStorePerTest, only } from '../testing/fresh-store-per-test.ts'
import type { TestStore } from '../testing/test-store.ts'
import { events, tables } from './index.ts'
import {
  openRuns$,
  runFields,
  workflowFields,
  workflowRunsOf$,
  workflowsWithLatestRun$,
  workflowTemplates$,
} from './workflows.ts'

const useStore = freshStorePerTest()

const ids = (rows: ReadonlyArray<{ id: string }>) => rows.map((r) => r.id)
const workflowRow = (id: string) => only(useStore().query(tables.workflows.where({ id })))
const runRow = (id: string) => only(useStore().query(tables.workflowRuns.where({ id })))
/** Rows with their sealed fields opened. */
const openWorkflow = (id: string) => workflowFields.openStrict(TEST_KEY, workflowRow(id))
const openRun = (id: string) => runFields.openStrict(TEST_KEY, runRow(id))
const listed = (id: string) =>
  only(
    useStore()
      .query(workflowsWithLatestRun$)
      .filter((w) => w.id === id),
  )

const create = (store: TestStore, overrides: Parameters<typeof workflowCreatedArgs>[0] = {}) => {
  const args = workflowCreatedArgs(overrides)
  store.commit(events.workflowCreated(args))
  return args.id
}

const startRun = (store: TestStore, workflowId: string, startedAt: number, stepsTotal = 2) => {
  const id = nextId('run')
  store.commit(events.runStarted({ id, workflowId, trigger: 'manual', stepsTotal, startedAt }))
  return id
}

const finishRun = (
  store: TestStore,
  workflowId: string,
  id: string,
  status: 'success' | 'error' | 'cancelled',
  finishedAt: number,
) => {
  const { result, error } = runFields.seal(TEST_KEY, id, {
    currentStep: null,
    result: status === 'success' ? 'done' : null,
    error: status === 'error' ? 'model unreachable' : null,
  })
  store.commit(events.runFinished({ id, workflowId, status, result, error, finishedAt }))
}

describe('WorkflowCreated / WorkflowEdited', () => {
  test('a created workflow is enabled, has no runs and is listed', () => {
    const store = useStore()
    const id = create(store, { name: 'Digest', tags: ['daily'], personaId: 'p1', createdAt: T0 })
    expect(openWorkflow(id)).toMatchObject({
      name: 'Digest',
      tags: ['daily'],
      personaId: 'p1',
      enabled: 1,
      isTemplate: 0,
      runCount: 0,
      successCount: 0,
      errorCount: 0,
      lastRunAt: null,
      nextRunAt: null,
      createdAt: T0,
      updatedAt: T0,
    })
    const list = store.query(workflowsWithLatestRun$)
    // The list carries every sealed field, so a row opens with the same codec as a whole workflow.
    expect(list.map((w) => workflowFields.openStrict(TEST_KEY, w))).toEqual([
      {
        id,
        personaId: 'p1',
        name: 'Digest',
        description: openWorkflow(id).description,
        definition: openWorkflow(id).definition,
        tags: ['daily'],
        unreadable: false,
        enabled: 1,
        isTemplate: 0,
        runCount: 0,
        successCount: 0,
        errorCount: 0,
        lastRunAt: null,
        nextRunAt: null,
        latestRunId: null,
        latestRunStatus: null,
        latestRunStartedAt: null,
        latestRunFinishedAt: null,
        latestRunStepsCompleted: null,
        latestRunStepsTotal: null,
      },
    ])
  })

  test('an edit replaces the details and moves the workflow to the top of the list', () => {
    const store = useStore()
    const a = create(store, { createdAt: T0 })
    const b = create(store, { createdAt: T0 + MINUTE })
    expect(ids(store.query(workflowsWithLatestRun$))).toEqual([b, a])

    const definition = workflowDefinition({
      trigger: { kind: 'schedule', everyMinutes: 60, cron: null },
      steps: [],
    })
    const details = { name: 'Hourly', description: 'Every hour', definition, tags: ['hourly'] }
    store.commit(
      events.workflowEdited({
        id: a,
        ...workflowFields.seal(TEST_KEY, a, details),
        personaId: 'p2',
        updatedAt: T0 + 2 * MINUTE,
      }),
    )
    expect(openWorkflow(a)).toMatchObject({
      name: 'Hourly',
      description: 'Every hour',
      personaId: 'p2',
      definition,
      tags: ['hourly'],
      updatedAt: T0 + 2 * MINUTE,
    })
    expect(ids(store.query(workflowsWithLatestRun$))).toEqual([a, b])
  })
})

describe('WorkflowEnabled / WorkflowDisabled / WorkflowScheduled / WorkflowDeleted', () => {
  test('disabling clears the next run; enabling turns it back on', () => {
    const store = useStore()
    const id = create(store)
    store.commit(events.workflowScheduled({ id, nextRunAt: T0 + 60 * MINUTE }))
    expect(listed(id)).toMatchObject({ enabled: 1, nextRunAt: T0 + 60 * MINUTE })

    store.commit(events.workflowDisabled({ id, updatedAt: T0 + MINUTE }))
    expect(listed(id)).toMatchObject({ enabled: 0, nextRunAt: null })
    expect(workflowRow(id).updatedAt).toBe(T0 + MINUTE)

    store.commit(events.workflowEnabled({ id, updatedAt: T0 + 2 * MINUTE }))
    expect(listed(id)).toMatchObject({ enabled: 1 })
    expect(workflowRow(id).updatedAt).toBe(T0 + 2 * MINUTE)
  })

  test('a deleted workflow is disabled, kept as a row, and gone from the list', () => {
    const store = useStore()
    const gone = create(store)
    const kept = create(store)
    store.commit(events.workflowDeleted({ id: gone, deletedAt: T0 + MINUTE }))
    expect(ids(store.query(workflowsWithLatestRun$))).toEqual([kept])
    expect(workflowRow(gone)).toMatchObject({ deletedAt: T0 + MINUTE, enabled: 0 })
  })
})

describe('runs', () => {
  test('a run is started, progresses and finishes; the workflow counters follow', () => {
    const store = useStore()
    const wf = create(store)
    const run = startRun(store, wf, T0 + MINUTE, 3)
    expect(runRow(run)).toMatchObject({
      workflowId: wf,
      status: 'running',
      trigger: 'manual',
      createdAt: T0 + MINUTE,
      startedAt: T0 + MINUTE,
      finishedAt: null,
      stepsCompleted: 0,
      stepsTotal: 3,
    })
    expect(workflowRow(wf)).toMatchObject({
      runCount: 1,
      successCount: 0,
      errorCount: 0,
      lastRunAt: T0 + MINUTE,
    })

    const { currentStep } = runFields.seal(TEST_KEY, run, { currentStep: 's3', result: null, error: null })
    store.commit(events.runProgressed({ id: run, stepsCompleted: 2, currentStep }))
    expect(openRun(run)).toMatchObject({ stepsCompleted: 2, currentStep: 's3', status: 'running' })
    expect(listed(wf)).toMatchObject({
      latestRunId: run,
      latestRunStatus: 'running',
      latestRunStepsCompleted: 2,
    })

    finishRun(store, wf, run, 'success', T0 + 2 * MINUTE)
    expect(openRun(run)).toMatchObject({ status: 'success', result: 'done', error: null, currentStep: null })
    expect(workflowRow(wf)).toMatchObject({ runCount: 1, successCount: 1, errorCount: 0 })
  })

  test('errors and cancellations count apart; lastRunAt is the latest start', () => {
    const store = useStore()
    const wf = create(store)
    finishRun(store, wf, startRun(store, wf, T0 + MINUTE), 'success', T0 + 2 * MINUTE)
    const failed = startRun(store, wf, T0 + 3 * MINUTE)
    finishRun(store, wf, failed, 'error', T0 + 4 * MINUTE)
    finishRun(store, wf, startRun(store, wf, T0 + 5 * MINUTE), 'cancelled', T0 + 6 * MINUTE)

    expect(workflowRow(wf)).toMatchObject({
      runCount: 3,
      successCount: 1,
      errorCount: 1,
      lastRunAt: T0 + 5 * MINUTE,
    })
    expect(openRun(failed)).toMatchObject({ status: 'error', error: 'model unreachable', result: null })
  })

  test('a run finishes once: a late second finish changes neither the run nor the counters', () => {
    const store = useStore()
    const wf = create(store)
    const run = startRun(store, wf, T0)
    finishRun(store, wf, run, 'cancelled', T0 + MINUTE)
    finishRun(store, wf, run, 'success', T0 + 2 * MINUTE)
    finishRun(store, wf, run, 'error', T0 + 3 * MINUTE)
    expect(runRow(run)).toMatchObject({ status: 'cancelled', finishedAt: T0 + MINUTE })
    expect(workflowRow(wf)).toMatchObject({ runCount: 1, successCount: 0, errorCount: 0 })
  })

  test('a requested run waits as pending, then starts in place and counts once', () => {
    const store = useStore()
    const wf = create(store)
    store.commit(
      events.runRequested({
        id: 'r-asked',
        workflowId: wf,
        trigger: 'manual',
        stepsTotal: 2,
        requestedAt: T0,
      }),
    )
    expect(runRow('r-asked')).toMatchObject({
      status: 'pending',
      createdAt: T0,
      requestedAt: T0,
      startedAt: null,
      finishedAt: null,
    })
    expect(
      useStore()
        .query(openRuns$)
        .map((r) => r.id),
    ).toEqual(['r-asked'])
    expect(workflowRow(wf)).toMatchObject({ runCount: 0, lastRunAt: null })

    store.commit(
      events.runStarted({
        id: 'r-asked',
        workflowId: wf,
        trigger: 'manual',
        stepsTotal: 3,
        startedAt: T0 + 500,
      }),
    )
    expect(runRow('r-asked')).toMatchObject({
      status: 'running',
      createdAt: T0,
      requestedAt: T0,
      startedAt: T0 + 500,
      stepsTotal: 3,
    })
    expect(workflowRow(wf)).toMatchObject({ runCount: 1, lastRunAt: T0 + 500 })
    finishRun(store, wf, 'r-asked', 'success', T0 + MINUTE)
    expect(useStore().query(openRuns$)).toEqual([])
    expect(workflowRow(wf)).toMatchObject({ runCount: 1, successCount: 1 })
  })

  test('a start that arrives after the pending run was cancelled neither revives nor counts it', () => {
    const store = useStore()
    const wf = create(store)
    store.commit(
      events.runRequested({
        id: 'r-late',
        workflowId: wf,
        trigger: 'manual',
        stepsTotal: 2,
        requestedAt: T0,
      }),
    )
    finishRun(store, wf, 'r-late', 'cancelled', T0 + 100)
    store.commit(
      events.runStarted({
        id: 'r-late',
        workflowId: wf,
        trigger: 'manual',
        stepsTotal: 2,
        startedAt: T0 + 200,
      }),
    )
    expect(runRow('r-late')).toMatchObject({ status: 'cancelled', startedAt: null, finishedAt: T0 + 100 })
    expect(workflowRow(wf)).toMatchObject({ runCount: 0, lastRunAt: null })
  })

  test('workflowsWithLatestRun$ shows the most recent run of each workflow', () => {
    const store = useStore()
    const a = create(store, { createdAt: T0 })
    const b = create(store, { createdAt: T0 + MINUTE })
    const idle = create(store, { createdAt: T0 + 2 * MINUTE })
    const aOld = startRun(store, a, T0 + 10 * MINUTE)
    finishRun(store, a, aOld, 'success', T0 + 11 * MINUTE)
    const bOnly = startRun(store, b, T0 + 12 * MINUTE, 4)
    const aNew = startRun(store, a, T0 + 13 * MINUTE)

    const rows = store.query(workflowsWithLatestRun$)
    expect(rows).toHaveLength(3)
    expect(listed(a)).toMatchObject({
      runCount: 2,
      successCount: 1,
      latestRunId: aNew,
      latestRunStatus: 'running',
      latestRunStartedAt: T0 + 13 * MINUTE,
      latestRunFinishedAt: null,
    })
    expect(listed(b)).toMatchObject({
      latestRunId: bOnly,
      latestRunStepsTotal: 4,
      latestRunStepsCompleted: 0,
    })
    expect(listed(idle)).toMatchObject({ latestRunId: null, latestRunStatus: null })

    finishRun(store, a, aNew, 'error', T0 + 14 * MINUTE)
    expect(listed(a)).toMatchObject({
      latestRunId: aNew,
      latestRunStatus: 'error',
      latestRunFinishedAt: T0 + 14 * MINUTE,
    })
  })

  test('workflowRunsOf$ lists one workflow runs, newest first', () => {
    const store = useStore()
    const a = create(store)
    const b = create(store)
    const first = startRun(store, a, T0)
    startRun(store, b, T0 + MINUTE)
    const second = startRun(store, a, T0 + 2 * MINUTE)
    expect(ids(store.query(workflowRunsOf$(a)))).toEqual([second, first])
  })
})

describe('templates', () => {
  test('templates are listed apart from workflows, and a workflow made from one records its origin', () => {
    const store = useStore()
    const template = create(store, { isTemplate: true, name: 'Template', createdAt: T0 })
    const plain = create(store, { createdAt: T0 + MINUTE })
    const fromTemplate = create(store, { templateOrigin: template, createdAt: T0 + 2 * MINUTE })

    expect(ids(store.query(workflowTemplates$))).toEqual([template])
    expect(ids(store.query(workflowsWithLatestRun$))).toEqual([fromTemplate, plain])
    expect(workflowRow(fromTemplate)).toMatchObject({ templateOrigin: template, isTemplate: 0 })

    store.commit(events.workflowDeleted({ id: template, deletedAt: T0 + 3 * MINUTE }))
    expect(store.query(workflowTemplates$)).toEqual([])
  })
})

describe('WorkflowsImported', () => {
  test('computes run, success and error counts and lastRunAt from the imported runs', () => {
    const store = useStore()
    const busy = workflowRecord({ createdAt: T0 })
    const disabled = workflowRecord({ enabled: false, createdAt: T0 + MINUTE })
    const template = workflowRecord({ isTemplate: true })
    const runs = [
      runRecord({
        workflowId: busy.id,
        status: 'success',
        createdAt: T0 + 10 * MINUTE,
        startedAt: T0 + 10 * MINUTE,
      }),
      runRecord({
        workflowId: busy.id,
        status: 'error',
        createdAt: T0 + 30 * MINUTE,
        startedAt: T0 + 30 * MINUTE,
      }),
      runRecord({ workflowId: busy.id, status: 'cancelled', createdAt: T0 + 20 * MINUTE, startedAt: null }),
      runRecord({
        workflowId: busy.id,
        status: 'success',
        createdAt: T0 + 5 * MINUTE,
        startedAt: T0 + 5 * MINUTE,
      }),
    ]

    store.commit(events.workflowsImported({ workflows: [busy, disabled, template], runs }))

    expect(workflowRow(busy.id)).toMatchObject({
      runCount: 4,
      successCount: 2,
      errorCount: 1,
      lastRunAt: T0 + 30 * MINUTE,
      enabled: 1,
      updatedAt: T0,
    })
    expect(workflowRow(disabled.id)).toMatchObject({ runCount: 0, lastRunAt: null, enabled: 0 })
    expect(ids(store.query(workflowTemplates$))).toEqual([template.id])
    expect(ids(store.query(workflowsWithLatestRun$))).toEqual([disabled.id, busy.id])
    expect(listed(busy.id)).toMatchObject({ latestRunId: runs[1]?.id, latestRunStatus: 'error' })
    expect(store.query(workflowRunsOf$(busy.id))).toHaveLength(4)
  })
})
