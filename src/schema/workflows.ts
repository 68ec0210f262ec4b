import { Events, queryDb, Schema, State } from '@livestore/livestore'
import type { DataKey } from '../vault/envelope.ts'
import { json, nullable, recordCodec, text } from '../vault/record-codec.ts'
import { insertMany } from './insert-many.ts'
import { Id, Millis, Sealed, Tags } from './shared.ts'

export const WorkflowTrigger = Schema.Union(
  Schema.Struct({ kind: Schema.Literal('manual') }),
  /** Runs every `everyMinutes` while the app is open; `cron` is an optional cron-like expression. */
  Schema.Struct({
    kind: Schema.Literal('schedule'),
    everyMinutes: Schema.NullOr(Schema.Number),
    cron: Schema.NullOr(Schema.String),
  }),
  Schema.Struct({ kind: Schema.Literal('event'), event: Schema.String }),
)
export type WorkflowTrigger = typeof WorkflowTrigger.Type

export const STEP_KINDS = [
  'prompt',
  'search-memories',
  'create-memory',
  'summarise-conversation',
  'notify',
  'wait',
] as const
export const WorkflowStep = Schema.Struct({
  id: Schema.String,
  kind: Schema.Literal(...STEP_KINDS),
  /** Step-specific settings (a prompt's text, a wait's duration, …). */
  config: Schema.Record({ key: Schema.String, value: Schema.String }),
})
export type WorkflowStep = typeof WorkflowStep.Type

export const WorkflowDefinition = Schema.Struct({
  trigger: WorkflowTrigger,
  steps: Schema.Array(WorkflowStep),
})
export type WorkflowDefinition = typeof WorkflowDefinition.Type

export const RUN_STATUSES = ['pending', 'running', 'success', 'error', 'cancelled'] as const
export const RunStatus = Schema.Literal(...RUN_STATUSES)
export type RunStatus = typeof RunStatus.Type

const WorkflowDetails = Schema.Struct({
  name: Schema.String,
  description: Schema.String,
  personaId: Schema.NullOr(Id),
  definition: WorkflowDefinition,
  tags: Tags,
})

/** A workflow's words and its whole definition (prompts, triggers, steps) are sealed. */
export const workflowFields = recordCodec('workflows', {
  name: text,
  description: text,
  definition: json<WorkflowDefinition>({ trigger: { kind: 'manual' }, steps: [] }),
  tags: json<ReadonlyArray<string>>([]),
})
/**
 * What a run did or said may quote content (a summary of a conversation, a model's answer): sealed,
 * with the run's own record key, so a run removed by retention is forgotten for real
 * (`src/lifecycle/forgetting.ts`). Status, progress and timings stay plain.
 */
export const runFields = recordCodec(
  'workflow_runs',
  {
    currentStep: nullable(text),
    result: nullable(text),
    error: nullable(text),
  },
  { perRecord: true },
)

const SealedWorkflowDetails = Schema.Struct({
  ...WorkflowDetails.fields,
  name: Sealed,
  description: Sealed,
  definition: Sealed,
  tags: Sealed,
})

export const WorkflowRecord = Schema.Struct({
  id: Id,
  ...WorkflowDetails.fields,
  enabled: Schema.Boolean,
  isTemplate: Schema.Boolean,
  templateOrigin: Schema.NullOr(Id),
  createdAt: Millis,
})
export type WorkflowRecord = typeof WorkflowRecord.Type

export const SealedWorkflowRecord = Schema.Struct({
  ...WorkflowRecord.fields,
  ...SealedWorkflowDetails.fields,
})
export type SealedWorkflowRecord = typeof SealedWorkflowRecord.Type

export const sealWorkflowRecord = (key: DataKey, w: WorkflowRecord): SealedWorkflowRecord => ({
  ...w,
  ...workflowFields.seal(key, w.id, w),
})

export const RunRecord = Schema.Struct({
  id: Id,
  workflowId: Id,
  status: RunStatus,
  trigger: Schema.String,
  createdAt: Millis,
  startedAt: Schema.NullOr(Millis),
  finishedAt: Schema.NullOr(Millis),
  stepsCompleted: Schema.Number,
  stepsTotal: Schema.Number,
  currentStep: Schema.NullOr(Schema.String),
  result: Schema.NullOr(Schema.String),
  error: Schema.NullOr(Schema.String),
})
export type RunRecord = typeof RunRecord.Type

export const SealedRunRecord = Schema.Struct({
  ...RunRecord.fields,
  currentStep: Schema.NullOr(Sealed),
  result: Schema.NullOr(Sealed),
  error: Schema.NullOr(Sealed),
})
export type SealedRunRecord = typeof SealedRunRecord.Type

export const sealRunRecord = (key: DataKey, r: RunRecord): SealedRunRecord => ({
  ...r,
  ...runFields.seal(key, r.id, r),
})

export const workflows = State.SQLite.table({
  name: 'workflows',
  columns: {
    id: State.SQLite.text({ primaryKey: true }),
    personaId: State.SQLite.text({ nullable: true }),
    name: State.SQLite.text({ default: '' }),
    description: State.SQLite.text({ default: '' }),
    definition: State.SQLite.text({ default: '' }),
    tags: State.SQLite.text({ default: '' }),
    enabled: State.SQLite.integer({ default: 1 }),
    isTemplate: State.SQLite.integer({ default: 0 }),
    templateOrigin: State.SQLite.text({ nullable: true }),
    runCount: State.SQLite.integer({ default: 0 }),
    successCount: State.SQLite.integer({ default: 0 }),
    errorCount: State.SQLite.integer({ default: 0 }),
    lastRunAt: State.SQLite.integer({ nullable: true }),
    nextRunAt: State.SQLite.integer({ nullable: true }),
    createdAt: State.SQLite.integer(),
    updatedAt: State.SQLite.integer(),
    deletedAt: State.SQLite.integer({ nullable: true }),
  },
  indexes: [
    { name: 'workflows_list', columns: ['deletedAt', 'isTemplate', 'updatedAt'] },
    { name: 'workflows_next_run', columns: ['enabled', 'nextRunAt'] },
  ],
})
export type WorkflowRow = typeof workflows.Type

export const workflowRuns = State.SQLite.table({
  name: 'workflow_runs',
  columns: {
    id: State.SQLite.text({ primaryKey: true }),
    workflowId: State.SQLite.text(),
    status: State.SQLite.text({ schema: RunStatus }),
    trigger: State.SQLite.text({ default: 'manual' }),
    createdAt: State.SQLite.integer(),
    startedAt: State.SQLite.integer({ nullable: true }),
    finishedAt: State.SQLite.integer({ nullable: true }),
    stepsCompleted: State.SQLite.integer({ default: 0 }),
    stepsTotal: State.SQLite.integer({ default: 0 }),
    currentStep: State.SQLite.text({ nullable: true }),
    result: State.SQLite.text({ nullable: true }),
    error: State.SQLite.text({ nullable: true }),
    /** Set when someone asked for the run ("Run now"): a pending run the runner tab is to start. */
    requestedAt: State.SQLite.integer({ nullable: true }),
  },
  indexes: [
    { name: 'workflow_runs_latest', columns: ['workflowId', 'createdAt'] },
    // The runner watches the runs not yet finished: a walk over the few rows with no finishedAt.
    { name: 'workflow_runs_open', columns: ['finishedAt', 'createdAt'] },
  ],
})
export type WorkflowRunRow = typeof workflowRuns.Type

export const workflowEvents = {
  workflowCreated: Events.synced({
    name: 'v1.WorkflowCreated',
    schema: Schema.Struct({
      id: Id,
      ...SealedWorkflowDetails.fields,
      isTemplate: Schema.Boolean,
      templateOrigin: Schema.NullOr(Id),
      createdAt: Millis,
    }),
  }),
  workflowEdited: Events.synced({
    name: 'v1.WorkflowEdited',
    schema: Schema.Struct({ id: Id, ...SealedWorkflowDetails.fields, updatedAt: Millis }),
  }),
  workflowEnabled: Events.synced({
    name: 'v1.WorkflowEnabled',
    schema: Schema.Struct({ id: Id, updatedAt: Millis }),
  }),
  workflowDisabled: Events.synced({
    name: 'v1.WorkflowDisabled',
    schema: Schema.Struct({ id: Id, updatedAt: Millis }),
  }),
  workflowScheduled: Events.synced({
    name: 'v1.WorkflowScheduled',
    schema: Schema.Struct({ id: Id, nextRunAt: Schema.NullOr(Millis) }),
  }),
  workflowDeleted: Events.synced({
    name: 'v1.WorkflowDeleted',
    schema: Schema.Struct({ id: Id, deletedAt: Millis }),
  }),
  /** Undo of the delete made at `deletedAt`; the workflow comes back disabled (it may have missed runs). */
  workflowRestored: Events.synced({
    name: 'v1.WorkflowRestored',
    schema: Schema.Struct({ id: Id, deletedAt: Millis, restoredAt: Millis }),
  }),
  /** "Run now": a pending run, started by the one tab that runs workflows (docs/ARCHITECTURE.md). */
  runRequested: Events.synced({
    name: 'v1.WorkflowRunRequested',
    schema: Schema.Struct({
      id: Id,
      workflowId: Id,
      trigger: Schema.String,
      stepsTotal: Schema.Number,
      requestedAt: Millis,
    }),
  }),
  /** A run starts: a scheduled or event run from nothing, a requested one from its pending row. */
  runStarted: Events.synced({
    name: 'v1.WorkflowRunStarted',
    schema: Schema.Struct({
      id: Id,
      workflowId: Id,
      trigger: Schema.String,
      stepsTotal: Schema.Number,
      startedAt: Millis,
    }),
  }),
  runProgressed: Events.synced({
    name: 'v1.WorkflowRunProgressed',
    schema: Schema.Struct({
      id: Id,
      stepsCompleted: Schema.Number,
      currentStep: Schema.NullOr(Sealed),
    }),
  }),
  runFinished: Events.synced({
    name: 'v1.WorkflowRunFinished',
    schema: Schema.Struct({
      id: Id,
      workflowId: Id,
      status: Schema.Literal('success', 'error', 'cancelled'),
      result: Schema.NullOr(Sealed),
      error: Schema.NullOr(Sealed),
      finishedAt: Millis,
    }),
  }),
  /** Bulk: workflows with their past runs, one event per batch. */
  workflowsImported: Events.synced({
    name: 'v1.WorkflowsImported',
    schema: Schema.Struct({
      workflows: Schema.Array(SealedWorkflowRecord),
      runs: Schema.Array(SealedRunRecord),
    }),
  }),
}

export const workflowMaterializers = State.SQLite.materializers(workflowEvents, {
  'v1.WorkflowCreated': ({ createdAt, ...w }) =>
    workflows.insert({
      ...w,
      isTemplate: w.isTemplate ? 1 : 0,
      createdAt,
      updatedAt: createdAt,
    }),
  'v1.WorkflowEdited': ({ id, ...details }) => workflows.update(details).where({ id }),
  'v1.WorkflowEnabled': ({ id, updatedAt }) => workflows.update({ enabled: 1, updatedAt }).where({ id }),
  'v1.WorkflowDisabled': ({ id, updatedAt }) =>
    workflows.update({ enabled: 0, nextRunAt: null, updatedAt }).where({ id }),
  'v1.WorkflowScheduled': ({ id, nextRunAt }) => workflows.update({ nextRunAt }).where({ id }),
  'v1.WorkflowDeleted': ({ id, deletedAt }) => workflows.update({ deletedAt, enabled: 0 }).where({ id }),
  'v1.WorkflowRestored': ({ id, deletedAt, restoredAt }) =>
    workflows.update({ deletedAt: null, updatedAt: restoredAt }).where({ id, deletedAt }),
  'v1.WorkflowRunRequested': ({ id, workflowId, trigger, stepsTotal, requestedAt }) =>
    workflowRuns.insert({
      id,
      workflowId,
      status: 'pending',
      trigger,
      stepsTotal,
      createdAt: requestedAt,
      requestedAt,
    }),
  // A requested run is started in place; one finished meanwhile (cancelled while pending) stays
  // finished and is not counted. A run without a request is inserted, as it always was.
  'v1.WorkflowRunStarted': ({ id, workflowId, trigger, stepsTotal, startedAt }) => [
    {
      sql: `INSERT INTO workflow_runs (id, workflowId, status, trigger, createdAt, startedAt, finishedAt, stepsCompleted, stepsTotal)
            VALUES ($id, $workflowId, 'running', $trigger, $startedAt, $startedAt, NULL, 0, $stepsTotal)
            ON CONFLICT (id) DO UPDATE SET status = 'running', startedAt = excluded.startedAt,
              stepsTotal = excluded.stepsTotal
            WHERE workflow_runs.finishedAt IS NULL AND workflow_runs.startedAt IS NULL`,
      bindValues: { id, workflowId, trigger, stepsTotal, startedAt },
      writeTables: new Set(['workflow_runs']),
    },
    {
      sql: `UPDATE workflows SET runCount = runCount + 1, lastRunAt = $startedAt
            WHERE id = $workflowId
              AND EXISTS (SELECT 1 FROM workflow_runs WHERE id = $id AND status = 'running' AND startedAt = $startedAt)`,
      bindValues: { id, workflowId, startedAt },
      writeTables: new Set(['workflows']),
    },
  ],
  'v1.WorkflowRunProgressed': ({ id, stepsCompleted, currentStep }) =>
    workflowRuns.update({ stepsCompleted, currentStep }).where({ id }),
  'v1.WorkflowRunFinished': ({ id, workflowId, status, result, error, finishedAt }) => [
    // A run finishes once: a late "success" after a "cancel" (or a repeated event) changes nothing.
    {
      sql: `UPDATE workflows SET successCount = successCount + $success, errorCount = errorCount + $failed
            WHERE id = $workflowId AND EXISTS (SELECT 1 FROM workflow_runs WHERE id = $id AND finishedAt IS NULL)`,
      bindValues: {
        workflowId,
        id,
        success: status === 'success' ? 1 : 0,
        failed: status === 'error' ? 1 : 0,
      },
      writeTables: new Set(['workflows']),
    },
    workflowRuns
      .update({ status, result, error, finishedAt, currentStep: null })
      .where({ id, finishedAt: null }),
  ],
  'v1.WorkflowsImported': ({ workflows: rows, runs }) => {
    const stats = new Map<string, { runs: number; ok: number; failed: number; last: number }>()
    for (const r of runs) {
      const s = stats.get(r.workflowId) ?? { runs: 0, ok: 0, failed: 0, last: 0 }
      stats.set(r.workflowId, {
        runs: s.runs + 1,
        ok: s.ok + (r.status === 'success' ? 1 : 0),
        failed: s.failed + (r.status === 'error' ? 1 : 0),
        last: Math.max(s.last, r.startedAt ?? r.createdAt),
      })
    }
    return [
      ...insertMany(
        workflows,
        rows.map((w) => {
          const s = stats.get(w.id)
          return {
            ...w,
            enabled: w.enabled ? 1 : 0,
            isTemplate: w.isTemplate ? 1 : 0,
            runCount: s?.runs ?? 0,
            successCount: s?.ok ?? 0,
            errorCount: s?.failed ?? 0,
            lastRunAt: s === undefined ? null : s.last,
            updatedAt: w.createdAt,
          }
        }),
      ),
      ...insertMany(workflowRuns, runs),
    ]
  },
})

const LatestRun = Schema.Struct({
  id: Schema.String,
  personaId: Schema.NullOr(Schema.String),
  name: Schema.String,
  description: Schema.String,
  definition: Schema.String,
  tags: Schema.String,
  enabled: Schema.Number,
  isTemplate: Schema.Number,
  runCount: Schema.Number,
  successCount: Schema.Number,
  errorCount: Schema.Number,
  lastRunAt: Schema.NullOr(Schema.Number),
  nextRunAt: Schema.NullOr(Schema.Number),
  latestRunId: Schema.NullOr(Schema.String),
  latestRunStatus: Schema.NullOr(RunStatus),
  latestRunStartedAt: Schema.NullOr(Schema.Number),
  latestRunFinishedAt: Schema.NullOr(Schema.Number),
  latestRunStepsCompleted: Schema.NullOr(Schema.Number),
  latestRunStepsTotal: Schema.NullOr(Schema.Number),
})
export type WorkflowWithLatestRun = typeof LatestRun.Type

/** Workflows (not templates) with their most recent run; the run comes from the (workflowId, createdAt) index. */
export const WORKFLOWS_WITH_LATEST_RUN_SQL = `SELECT w.id, w.personaId, w.name, w.description, w.definition, w.tags, w.enabled, w.isTemplate, w.runCount, w.successCount, w.errorCount,
                   w.lastRunAt, w.nextRunAt,
                   r.id AS latestRunId, r.status AS latestRunStatus, r.startedAt AS latestRunStartedAt,
                   r.finishedAt AS latestRunFinishedAt, r.stepsCompleted AS latestRunStepsCompleted,
                   r.stepsTotal AS latestRunStepsTotal
            FROM workflows w
            LEFT JOIN workflow_runs r ON r.id = (
              SELECT id FROM workflow_runs WHERE workflowId = w.id ORDER BY createdAt DESC LIMIT 1)
            WHERE w.deletedAt IS NULL AND w.isTemplate = 0
            ORDER BY w.updatedAt DESC`
export const workflowsWithLatestRun$ = queryDb(
  {
    query: WORKFLOWS_WITH_LATEST_RUN_SQL,
    schema: Schema.Array(LatestRun),
    queriedTables: new Set(['workflows', 'workflow_runs']),
  },
  { label: 'workflows.withLatestRun' },
)

export const workflowTemplates$ = queryDb(
  workflows.where({ deletedAt: null, isTemplate: 1 }).orderBy('updatedAt', 'desc'),
  { label: 'workflows.templates' },
)

export const workflowById$ = (id: string) =>
  queryDb(workflows.where({ id }).first({ behaviour: 'undefined' }), { label: 'workflows.byId', deps: [id] })

export const workflowRunsOf$ = (workflowId: string) =>
  queryDb(workflowRuns.where({ workflowId }).orderBy('createdAt', 'desc').limit(50), {
    label: 'workflows.runs',
    deps: [workflowId],
  })

export const workflowRunById$ = (id: string) =>
  queryDb(workflowRuns.where({ id }).first({ behaviour: 'undefined' }), {
    label: 'workflows.runById',
    deps: [id],
  })

/** Runs not yet finished (waiting or running), oldest first: what the runner tab starts, follows or settles. */
export const openRunsQuery = workflowRuns.where({ finishedAt: null }).orderBy('createdAt', 'asc')
export const openRuns$ = queryDb(openRunsQuery, { label: 'workflows.openRuns' })

/** Workflows the scheduler looks at: every live one (not templates) with its switch and next run. */
export const schedulableWorkflowsQuery = workflows.where({ deletedAt: null, isTemplate: 0 })
export const schedulableWorkflows$ = queryDb(schedulableWorkflowsQuery, { label: 'workflows.schedulable' })

/**
 * What event triggers watch: the newest few of each kind of thing, each with the moment it happened
 * (`at`) and its persona. New memories, messages and documents are the newest rows (SQLite's rowid
 * order: a lookup, not a scan of 100k memories); archived conversations come off their own index.
 */
const Happening = Schema.Struct({
  id: Schema.String,
  personaId: Schema.NullOr(Schema.String),
  subjectId: Schema.String,
  at: Schema.Number,
  fromRun: Schema.Number,
})
export type Happening = typeof Happening.Type
export const WATCH_WINDOW = 20

/** The SQL of each watch (exported so the index test can check its plan). */
export const WATCH_SQL = {
  'memory.created': `SELECT id, personaId, id AS subjectId, createdAt AS at, (originKind IS 'run') AS fromRun
     FROM memories ORDER BY rowid DESC LIMIT ${WATCH_WINDOW}`,
  'message.added': `SELECT m.id, c.personaId, m.conversationId AS subjectId, m.createdAt AS at, 0 AS fromRun
     FROM messages m JOIN conversations c ON c.id = m.conversationId ORDER BY m.rowid DESC LIMIT ${WATCH_WINDOW}`,
  'conversation.archived': `SELECT id, personaId, id AS subjectId, archivedAt AS at, 0 AS fromRun
     FROM conversations WHERE archivedAt IS NOT NULL ORDER BY archivedAt DESC LIMIT ${WATCH_WINDOW}`,
  'document.imported': `SELECT id, personaId, id AS subjectId, createdAt AS at, 0 AS fromRun
     FROM documents ORDER BY rowid DESC LIMIT ${WATCH_WINDOW}`,
} as const
const WATCH_TABLES: Record<keyof typeof WATCH_SQL, ReadonlyArray<string>> = {
  'memory.created': ['memories'],
  'message.added': ['messages', 'conversations'],
  'conversation.archived': ['conversations'],
  'document.imported': ['documents'],
}

const watchQuery = (event: keyof typeof WATCH_SQL) =>
  queryDb(
    { query: WATCH_SQL[event], schema: Schema.Array(Happening), queriedTables: new Set(WATCH_TABLES[event]) },
    { label: `workflows.watch.${event}` },
  )
export const WATCHED_EVENTS = {
  'memory.created': watchQuery('memory.created'),
  'message.added': watchQuery('message.added'),
  'conversation.archived': watchQuery('conversation.archived'),
  'document.imported': watchQuery('document.imported'),
} as const
export type WatchedEvent = keyof typeof WATCHED_EVENTS
export const WATCHED_EVENT_NAMES = Object.keys(WATCHED_EVENTS) as WatchedEvent[]
