import { describe, expect, test } from 'vitest'
import { events } from '../schema/index.ts'
import {
  type WorkflowStep,
  workflowById$,
  workflowFields,
  workflowsWithLatestRun$,
  workflowTemplates$,
} from '../schema/workflows.ts'
import { personaCreatedArgs, T0, TEST_KEY } from '../testing/builders.ts'
import { freshStorePerTest } from '../testing/fresh-store-per-test.ts'
import type { TestStore } from '../testing/test-store.ts'
import { CommandError } from './command-error.ts'
import { newStep } from './workflow-steps.ts'
import { BUILT_IN_TEMPLATES } from './workflow-templates.ts'
import {
  createFromTemplate,
  createWorkflow,
  deleteWorkflow,
  restoreWorkflow,
  saveAsTemplate,
  setWorkflowEnabled,
  updateWorkflow,
  type WorkflowDraft,
} from './workflows.ts'

const useStore = freshStorePerTest()

const draft = (overrides: Partial<WorkflowDraft> = {}): WorkflowDraft => ({
  name: 'Evening wind-down',
  description: 'Reminds me to stop working.',
  personaId: null,
  tags: ['Evening', ' routine ', 'evening'],
  trigger: { kind: 'schedule', everyMinutes: 60, cron: null },
  steps: [
    { id: 'a', kind: 'prompt', config: { prompt: '  Suggest one calm thing to do.  ' } },
    { id: 'b', kind: 'notify', config: { title: 'Time to stop', priority: 'normal' } },
  ],
  ...overrides,
})

const opened = (id: string, store: TestStore) => {
  const row = store.query(workflowById$(id))
  if (row === undefined) throw new Error(`workflow ${id} missing`)
  return { row, ...workflowFields.openStrict(TEST_KEY, row) }
}

describe('createWorkflow', () => {
  test('stores the whole definition sealed; tags and settings are tidied', () => {
    const store = useStore()
    const id = createWorkflow(store, TEST_KEY, draft(), { now: T0 })
    const w = opened(id, store)
    expect(JSON.stringify(w.row)).not.toContain('wind-down')
    expect(w.row.definition.startsWith('hv1.')).toBe(true)
    expect(w.name).toBe('Evening wind-down')
    expect(w.tags).toEqual(['evening', 'routine'])
    expect(w.definition.steps.map((s) => s.config)).toEqual([
      { prompt: 'Suggest one calm thing to do.' },
      { title: 'Time to stop', priority: 'normal' },
    ])
    expect(w.row.enabled).toBe(1)
    expect(
      useStore()
        .query(workflowsWithLatestRun$)
        .map((x) => x.id),
    ).toEqual([id])
  })

  test.each([
    [{ name: '  ' }, /name cannot be empty/i],
    [{ steps: [] }, /at least one step/],
    [{ trigger: { kind: 'schedule', everyMinutes: 0, cron: null } }, /whole number of minutes/],
    [{ trigger: { kind: 'schedule', everyMinutes: null, cron: null } }, /interval in minutes or a cron/],
    [{ trigger: { kind: 'schedule', everyMinutes: null, cron: 'every day' } }, /not a cron expression/],
    [
      { trigger: { kind: 'schedule', everyMinutes: null, cron: '61 7 * * *' } },
      /“61”: a minute goes from 0 to 59/,
    ],
    [{ trigger: { kind: 'schedule', everyMinutes: null, cron: '0 0 30 2 *' } }, /No date matches it/],
    [{ trigger: { kind: 'event', event: ' ' } }, /event cannot be empty/i],
    [
      { steps: [{ id: 'w', kind: 'wait', config: { minutes: 'soon' } }] },
      /Step 1 \(Wait\): Minutes must be a whole number/,
    ],
    [{ steps: [newStep('notify', 'n')] }, /Step 1 \(Send a notification\): Title cannot be empty/],
    [{ personaId: 'nobody' }, /persona no longer exists/],
  ] as Array<[Partial<WorkflowDraft>, RegExp]>)(
    'refuses %o with a clear message and stores nothing',
    (bad, message) => {
      expect(() => createWorkflow(useStore(), TEST_KEY, draft(bad))).toThrow(message)
      expect(useStore().query(workflowsWithLatestRun$)).toEqual([])
    },
  )

  test('a cron schedule drops the interval; an event trigger keeps its name', () => {
    const store = useStore()
    store.commit(events.personaCreated(personaCreatedArgs({ id: 'p1' })))
    const cron = createWorkflow(
      store,
      TEST_KEY,
      draft({ trigger: { kind: 'schedule', everyMinutes: 30, cron: '*/15 8-18 * * 1-5' } }),
    )
    expect(opened(cron, store).definition.trigger).toEqual({
      kind: 'schedule',
      everyMinutes: null,
      cron: '*/15 8-18 * * 1-5',
    })
    const onEvent = createWorkflow(
      store,
      TEST_KEY,
      draft({ personaId: 'p1', trigger: { kind: 'event', event: 'memory-created' } }),
    )
    expect(opened(onEvent, store)).toMatchObject({
      personaId: 'p1',
      definition: { trigger: { kind: 'event', event: 'memory-created' } },
    })
  })
})

describe('editing, enabling, deleting', () => {
  test('a new trigger clears the next run (the runner works it out again); other edits keep it', () => {
    const store = useStore()
    const id = createWorkflow(store, TEST_KEY, draft(), { now: T0 })
    store.commit(events.workflowScheduled({ id, nextRunAt: T0 + 60 * 60_000 }))
    const current = opened(id, store)
    const same = { ...draft(), tags: current.tags, steps: current.definition.steps }
    updateWorkflow(store, TEST_KEY, id, { ...same, name: 'Renamed' }, T0 + 1)
    expect(opened(id, store).row.nextRunAt).toBe(T0 + 60 * 60_000)
    updateWorkflow(
      store,
      TEST_KEY,
      id,
      { ...same, name: 'Renamed', trigger: { kind: 'schedule', everyMinutes: 5, cron: null } },
      T0 + 2,
    )
    expect(opened(id, store).row.nextRunAt).toBeNull()
  })

  test('an edit reorders steps; saving an unchanged draft writes nothing', () => {
    const store = useStore()
    const id = createWorkflow(store, TEST_KEY, draft(), { now: T0 })
    const current = opened(id, store)
    const reordered: WorkflowStep[] = [...current.definition.steps].reverse()
    const same = { ...draft(), tags: current.tags, steps: current.definition.steps }
    expect(updateWorkflow(store, TEST_KEY, id, same, T0 + 1)).toBe(false)
    expect(updateWorkflow(store, TEST_KEY, id, { ...same, steps: reordered }, T0 + 2)).toBe(true)
    expect(opened(id, store).definition.steps.map((s) => s.kind)).toEqual(['notify', 'prompt'])
    expect(opened(id, store).row.updatedAt).toBe(T0 + 2)
  })

  test('disable and enable; delete, undo (it comes back disabled), and a stale undo does nothing', () => {
    const store = useStore()
    const id = createWorkflow(store, TEST_KEY, draft(), { now: T0 })
    setWorkflowEnabled(store, id, false, T0 + 1)
    expect(opened(id, store).row.enabled).toBe(0)
    setWorkflowEnabled(store, id, true, T0 + 2)
    expect(opened(id, store).row.enabled).toBe(1)

    const deletedAt = deleteWorkflow(store, id, T0 + 3)
    expect(store.query(workflowsWithLatestRun$)).toEqual([])
    expect(() => setWorkflowEnabled(store, id, true)).toThrow(CommandError)
    restoreWorkflow(store, id, deletedAt, T0 + 4)
    expect(store.query(workflowsWithLatestRun$).map((w) => w.id)).toEqual([id])
    expect(opened(id, store).row.enabled).toBe(0)

    deleteWorkflow(store, id, T0 + 5)
    restoreWorkflow(store, id, deletedAt, T0 + 6)
    expect(store.query(workflowsWithLatestRun$)).toEqual([])
  })
})

describe('templates', () => {
  test('every built-in template is a valid workflow', () => {
    const store = useStore()
    for (const template of BUILT_IN_TEMPLATES) {
      const id = createFromTemplate(store, TEST_KEY, template)
      expect(opened(id, store).name).toBe(template.name)
      expect(opened(id, store).definition.steps.map((s) => s.id)).not.toContain('s1')
    }
  })

  test('a workflow saved as a template is listed apart, and a new workflow starts from it', () => {
    const store = useStore()
    const id = createWorkflow(store, TEST_KEY, draft())
    const templateId = saveAsTemplate(store, TEST_KEY, id)
    expect(store.query(workflowTemplates$).map((t) => t.id)).toEqual([templateId])
    expect(store.query(workflowsWithLatestRun$).map((w) => w.id)).toEqual([id])
    const template = opened(templateId, store)
    const copy = createFromTemplate(store, TEST_KEY, {
      id: templateId,
      name: template.name,
      description: template.description,
      personaId: null,
      tags: template.tags,
      trigger: template.definition.trigger,
      steps: template.definition.steps,
    })
    expect(opened(copy, store).row.templateOrigin).toBe(templateId)
    expect(opened(copy, store).definition.steps.map((s) => s.kind)).toEqual(['prompt', 'notify'])
  })
})
