import { nanoid } from '@livestore/livestore'
import { events } from '../schema/index.ts'
import { personaById$ } from '../schema/personas.ts'
import {
  type WorkflowDefinition,
  type WorkflowRow,
  type WorkflowStep,
  type WorkflowTrigger,
  workflowById$,
  workflowFields,
} from '../schema/workflows.ts'
import type { DataKey } from '../vault/envelope.ts'
import { cronProblem, nextCronTime, parseCron } from '../workflows/cron.ts'
import { CommandError, requireText } from './command-error.ts'
import type { HearthStore } from './store.ts'
import { stepProblem } from './workflow-steps.ts'

/** Everything a person edits about a workflow. */
export type WorkflowDraft = {
  name: string
  description: string
  personaId: string | null
  tags: ReadonlyArray<string>
  trigger: WorkflowTrigger
  steps: ReadonlyArray<WorkflowStep>
}

export const NAME_MAX = 120
const DESCRIPTION_MAX = 2_000
export const STEPS_MAX = 20
const EVENT_MAX = 80
/** The shortest interval a schedule may have: the runner checks once a minute. */
const EVERY_MINUTES_MIN = 1
const EVERY_MINUTES_MAX = 60 * 24 * 31

/** Why a cron expression cannot be used (src/workflows/cron.ts reads it), or null. */
const cronTrouble = (cron: string, now: number): string | null => {
  const problem = cronProblem(cron)
  if (problem !== null) return problem
  return nextCronTime(parseCron(cron), now) === null ? 'No date matches it.' : null
}

const validTrigger = (trigger: WorkflowTrigger): WorkflowTrigger => {
  switch (trigger.kind) {
    case 'manual':
      return { kind: 'manual' }
    case 'event':
      return { kind: 'event', event: requireText(trigger.event, 'The event', EVENT_MAX) }
    case 'schedule': {
      const cron = trigger.cron?.trim() || null
      const every = trigger.everyMinutes
      if (cron === null && every === null) {
        throw new CommandError('A schedule needs an interval in minutes or a cron expression.')
      }
      if (
        every !== null &&
        (!Number.isInteger(every) || every < EVERY_MINUTES_MIN || every > EVERY_MINUTES_MAX)
      ) {
        throw new CommandError(
          `The interval must be a whole number of minutes from ${EVERY_MINUTES_MIN} to ${EVERY_MINUTES_MAX}.`,
        )
      }
      const trouble = cron === null ? null : cronTrouble(cron, Date.now())
      if (trouble !== null) {
        throw new CommandError(
          `“${cron}” is not a cron expression: ${trouble} Five fields, minute hour day month weekday (e.g. “0 7 * * *”).`,
        )
      }
      return { kind: 'schedule', everyMinutes: cron === null ? every : null, cron }
    }
  }
}

const validDraft = (store: HearthStore, draft: WorkflowDraft): WorkflowDraft => {
  if (draft.steps.length === 0) throw new CommandError('A workflow needs at least one step.')
  if (draft.steps.length > STEPS_MAX) {
    throw new CommandError(
      `A workflow can have at most ${STEPS_MAX} steps (this one has ${draft.steps.length}).`,
    )
  }
  draft.steps.forEach((step, i) => {
    const problem = stepProblem(step, i + 1)
    if (problem !== null) throw new CommandError(problem)
  })
  if (draft.personaId !== null) {
    const persona = store.query(personaById$(draft.personaId))
    if (persona === undefined || persona.deletedAt !== null) {
      throw new CommandError('That persona no longer exists (it may have been deleted in another tab).')
    }
  }
  const description = draft.description.trim()
  if (description.length > DESCRIPTION_MAX) {
    throw new CommandError(`The description is too long (at most ${DESCRIPTION_MAX} characters).`)
  }
  return {
    name: requireText(draft.name, 'The name', NAME_MAX),
    description,
    personaId: draft.personaId,
    tags: [...new Set(draft.tags.map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))],
    trigger: validTrigger(draft.trigger),
    // Config values are stored trimmed; empty optional settings are dropped.
    steps: draft.steps.map((s) => ({
      id: s.id,
      kind: s.kind,
      config: Object.fromEntries(
        Object.entries(s.config)
          .map(([k, v]) => [k, v.trim()] as const)
          .filter(([, v]) => v !== ''),
      ),
    })),
  }
}

const sealedDetails = (key: DataKey, id: string, d: WorkflowDraft) => {
  const definition: WorkflowDefinition = { trigger: d.trigger, steps: d.steps }
  return {
    personaId: d.personaId,
    ...workflowFields.seal(key, id, { name: d.name, description: d.description, definition, tags: d.tags }),
  }
}

/** The workflow if it is still there; commands refuse to change one deleted (e.g. in another tab). */
const liveWorkflow = (store: HearthStore, id: string): WorkflowRow => {
  const row = store.query(workflowById$(id))
  if (row === undefined || row.deletedAt !== null) {
    throw new CommandError('This workflow no longer exists (it may have been deleted in another tab).')
  }
  return row
}

/** Creates a workflow (enabled, or a template) and returns its id. */
export const createWorkflow = (
  store: HearthStore,
  key: DataKey,
  draft: WorkflowDraft,
  { isTemplate = false, templateOrigin = null as string | null, now = Date.now() } = {},
): string => {
  const valid = validDraft(store, draft)
  const id = nanoid()
  store.commit(
    events.workflowCreated({
      id,
      ...sealedDetails(key, id, valid),
      isTemplate,
      templateOrigin,
      createdAt: now,
    }),
  )
  return id
}

/** Saves an edited workflow; returns false when nothing changed. */
export const updateWorkflow = (
  store: HearthStore,
  key: DataKey,
  id: string,
  draft: WorkflowDraft,
  now = Date.now(),
): boolean => {
  const before = workflowFields.open(key, liveWorkflow(store, id))
  const valid = validDraft(store, draft)
  const same =
    before.name === valid.name &&
    before.description === valid.description &&
    before.personaId === valid.personaId &&
    JSON.stringify(before.tags) === JSON.stringify(valid.tags) &&
    JSON.stringify(before.definition) === JSON.stringify({ trigger: valid.trigger, steps: valid.steps })
  if (same) return false
  // A new trigger makes the old next run meaningless: the runner tab works out the next one afresh.
  const triggerChanged = JSON.stringify(before.definition.trigger) !== JSON.stringify(valid.trigger)
  store.commit(
    events.workflowEdited({ id, ...sealedDetails(key, id, valid), updatedAt: now }),
    ...(triggerChanged && before.nextRunAt !== null
      ? [events.workflowScheduled({ id, nextRunAt: null })]
      : []),
  )
  return true
}

export const setWorkflowEnabled = (store: HearthStore, id: string, enabled: boolean, now = Date.now()) => {
  const row = liveWorkflow(store, id)
  if ((row.enabled === 1) === enabled) return
  store.commit(
    enabled
      ? events.workflowEnabled({ id, updatedAt: now })
      : events.workflowDisabled({ id, updatedAt: now }),
  )
}

/** Deletes a workflow (soft; its runs stay for history) and returns the moment its undo names. */
export const deleteWorkflow = (store: HearthStore, id: string, now = Date.now()) => {
  liveWorkflow(store, id)
  store.commit(events.workflowDeleted({ id, deletedAt: now }))
  return now
}

/** Undo of `deleteWorkflow`: it comes back disabled, so nothing runs that the person did not turn on again. */
export const restoreWorkflow = (store: HearthStore, id: string, deletedAt: number, now = Date.now()) =>
  store.commit(events.workflowRestored({ id, deletedAt, restoredAt: now }))

/** Steps get fresh ids when copied, so two workflows never share one. */
const copySteps = (steps: ReadonlyArray<WorkflowStep>) =>
  steps.map((s) => ({ ...s, id: nanoid(), config: { ...s.config } }))

/** A new workflow from a template's definition (a stored template's id is kept as its origin). */
export const createFromTemplate = (
  store: HearthStore,
  key: DataKey,
  template: WorkflowDraft & { id?: string },
  now = Date.now(),
): string =>
  createWorkflow(
    store,
    key,
    { ...template, steps: copySteps(template.steps) },
    { templateOrigin: template.id ?? null, now },
  )

/** Keeps a workflow's definition as a template to start others from. */
export const saveAsTemplate = (store: HearthStore, key: DataKey, id: string, now = Date.now()): string => {
  const w = workflowFields.open(key, liveWorkflow(store, id))
  return createWorkflow(
    store,
    key,
    {
      name: w.name,
      description: w.description,
      personaId: null,
      tags: w.tags,
      trigger: w.definition.trigger,
      steps: copySteps(w.definition.steps),
    },
    { isTemplate: true, templateOrigin: id, now },
  )
}
