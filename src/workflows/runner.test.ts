import { afterEach, describe, expect, test, vi } from 'vitest'
import { archiveConversation } from '../commands/conversations.ts'
import { createMemory, emptyMemoryDraft } from '../commands/memories.ts'
import { cancelRun, requestRun } from '../commands/workflow-runs.ts'
import { createWorkflow, setWorkflowEnabled, type WorkflowDraft } from '../commands/workflows.ts'
import { events } from '../schema/index.ts'
import { inbox$, notificationFields } from '../schema/notifications.ts'
import { runFields, type WorkflowStep, workflowById$, workflowRunsOf$ } from '../schema/workflows.ts'
import {
  conversationRecord,
  MINUTE,
  memoryRecord,
  messageRecord,
  personaCreatedArgs,
  runRecord,
  T0,
  TEST_KEY,
} from '../testing/builders.ts'
import { freshStorePerTest } from '../testing/fresh-store-per-test.ts'
import { ManualClock, settle } from '../testing/manual-clock.ts'
import type { TestStore } from '../testing/test-store.ts'
import { INTERRUPTED, NEVER_STARTED, runWorkflows, TAKEOVER_SETTLE_MS, WORKFLOWS_LOCK } from './runner.ts'
import type { AskModel } from './steps.ts'

const useStore = freshStorePerTest()

/**
 * The Web Locks API as the tabs of one browser share it: one holder per name, the others queued in
 * order; a holder's lock is released when its callback's promise settles, a waiter leaves the queue
 * when its signal aborts.
 */
class FakeLocks {
  #queue: Array<{ start: () => void; signal: AbortSignal }> = []
  #held = false

  request(name: string, options: { signal: AbortSignal }, fn: () => Promise<void>): Promise<void> {
    expect(name).toBe(WORKFLOWS_LOCK)
    return new Promise<void>((resolve, reject) => {
      const entry = {
        signal: options.signal,
        start: () => {
          this.#held = true
          fn()
            .then(resolve, reject)
            .finally(() => {
              this.#held = false
              this.#next()
            })
        },
      }
      options.signal.addEventListener('abort', () => {
        const i = this.#queue.indexOf(entry)
        if (i >= 0) {
          this.#queue.splice(i, 1)
          reject(new DOMException('aborted', 'AbortError'))
        }
      })
      this.#queue.push(entry)
      this.#next()
    })
  }

  #next() {
    if (this.#held) return
    const entry = this.#queue.shift()
    entry?.start()
  }
}

const noModel: AskModel = async () => {
  throw new Error('No model endpoint is set up for this persona yet')
}

/** A tab of the app: it queues for the runner lock and, once it holds it, runs workflows. */
const openTab = (
  store: TestStore,
  locks: FakeLocks,
  clock: ManualClock,
  { automatic = true, ask = noModel } = {},
) => {
  const close = new AbortController()
  const started: string[] = []
  const done = locks
    .request(WORKFLOWS_LOCK, { signal: close.signal }, () =>
      runWorkflows({
        store,
        key: TEST_KEY,
        clock,
        signal: close.signal,
        automatic,
        ask,
        searchMemories: async () => [{ text: 'Buy milk' }],
        onRunStarted: (id) => started.push(id),
      }),
    )
    .catch(() => {})
  return {
    started,
    close: async () => {
      close.abort()
      await done
      await settle() // the next tab in the queue takes the lock
    },
  }
}

const tabs: Array<{ close: () => Promise<void> }> = []
afterEach(async () => {
  for (const tab of tabs.splice(0)) await tab.close()
})

const draft = (steps: WorkflowStep[], over: Partial<WorkflowDraft> = {}): WorkflowDraft => ({
  name: 'Tick',
  description: '',
  personaId: null,
  tags: [],
  trigger: { kind: 'schedule', everyMinutes: 1, cron: null },
  steps,
  ...over,
})
const notify = (title: string): WorkflowStep => ({
  id: `n-${title}`,
  kind: 'notify',
  config: { title, priority: 'normal' },
})
const wait = (minutes: number): WorkflowStep => ({
  id: 'wait',
  kind: 'wait',
  config: { minutes: String(minutes) },
})

const runsOf = (store: TestStore, workflowId: string) =>
  store.query(workflowRunsOf$(workflowId)).map((r) => ({ ...r, ...runFields.openStrict(TEST_KEY, r) }))
const notificationTitles = (store: TestStore) =>
  store.query(inbox$).map((n) => notificationFields.openStrict(TEST_KEY, n).title)

describe('runWorkflows', () => {
  test('a scheduled workflow runs once per tick with two tabs open, records its runs, and the other tab takes over when the first closes', async () => {
    const store = useStore()
    const clock = new ManualClock(T0)
    const locks = new FakeLocks()
    const id = createWorkflow(store, TEST_KEY, draft([notify('Tick')]), { now: T0 })
    const first = openTab(store, locks, clock)
    const second = openTab(store, locks, clock)
    tabs.push(first, second)

    // After taking over, the runner settles, then gives the schedule its first next run.
    await clock.advance(TAKEOVER_SETTLE_MS)
    await vi.waitFor(() =>
      expect(store.query(workflowById$(id))?.nextRunAt).toBe(T0 + TAKEOVER_SETTLE_MS + MINUTE),
    )
    expect(runsOf(store, id)).toEqual([])

    await clock.advance(MINUTE)
    await vi.waitFor(() => expect(runsOf(store, id).map((r) => r.status)).toEqual(['success']))
    await clock.advance(MINUTE)
    await vi.waitFor(() => expect(runsOf(store, id).map((r) => r.status)).toEqual(['success', 'success']))
    expect(first.started).toHaveLength(2)
    expect(second.started).toHaveLength(0)
    const [latest] = runsOf(store, id)
    expect(latest).toMatchObject({
      trigger: 'schedule',
      stepsCompleted: 1,
      stepsTotal: 1,
      result: 'Sent the notification “Tick”',
      error: null,
      startedAt: T0 + TAKEOVER_SETTLE_MS + 2 * MINUTE,
    })
    expect(store.query(workflowById$(id))).toMatchObject({
      runCount: 2,
      successCount: 2,
      nextRunAt: T0 + TAKEOVER_SETTLE_MS + 3 * MINUTE,
    })
    expect(notificationTitles(store)).toEqual(['Tick', 'Tick'])

    // The first tab closes: the second takes the lock and the schedule goes on, once per tick.
    await first.close()
    await clock.advance(TAKEOVER_SETTLE_MS)
    await clock.advance(MINUTE)
    await vi.waitFor(() => expect(runsOf(store, id)).toHaveLength(3))
    await clock.advance(MINUTE)
    await vi.waitFor(() => expect(runsOf(store, id)).toHaveLength(4))
    await settle()
    expect(runsOf(store, id).every((r) => r.status === 'success')).toBe(true)
    expect(second.started).toHaveLength(2)
    expect(first.started).toHaveLength(2)
  })

  test('a run left running by a tab that closed is finished as interrupted by the next; the closed tab writes nothing more', async () => {
    const store = useStore()
    const clock = new ManualClock(T0)
    const locks = new FakeLocks()
    const id = createWorkflow(store, TEST_KEY, draft([wait(10), notify('After the wait')]), { now: T0 })
    const first = openTab(store, locks, clock)
    const second = openTab(store, locks, clock)
    tabs.push(second)
    await clock.advance(TAKEOVER_SETTLE_MS + MINUTE)
    await vi.waitFor(() =>
      expect(runsOf(store, id)[0]).toMatchObject({ status: 'running', currentStep: 'Wait' }),
    )

    await first.close()
    await clock.advance(TAKEOVER_SETTLE_MS)
    await vi.waitFor(() => expect(runsOf(store, id)[0]?.status).toBe('error'))
    expect(runsOf(store, id)[0]).toMatchObject({ error: INTERRUPTED, stepsCompleted: 0 })
    // Ten minutes on: the closed tab's wait never ends in a notification.
    await clock.advance(10 * MINUTE)
    expect(notificationTitles(store)).not.toContain('After the wait')
  })

  test('cancel stops a running run: from another tab, during its wait; the steps after it never run', async () => {
    const store = useStore()
    const clock = new ManualClock(T0)
    const locks = new FakeLocks()
    const id = createWorkflow(
      store,
      TEST_KEY,
      draft([wait(5), notify('Done waiting')], { trigger: { kind: 'manual' } }),
      {
        now: T0,
      },
    )
    const runner = openTab(store, locks, clock)
    tabs.push(runner)
    await settle()

    // "Run now" in any tab: a pending run that the runner tab starts.
    const runId = requestRun(store, TEST_KEY, id, clock.now())
    await vi.waitFor(() =>
      expect(runsOf(store, id)[0]).toMatchObject({ id: runId, status: 'running', currentStep: 'Wait' }),
    )
    expect(runner.started).toEqual([runId])
    expect(clock.pending).toBeGreaterThan(0)
    expect(() => requestRun(store, TEST_KEY, id, clock.now())).toThrow('already running')

    await clock.advance(2 * MINUTE)
    expect(cancelRun(store, TEST_KEY, runId, clock.now())).toBe(true)
    await settle()
    await clock.advance(10 * MINUTE)
    expect(runsOf(store, id)).toMatchObject([
      { id: runId, status: 'cancelled', result: 'Cancelled at step 1 of 2.', error: null, stepsCompleted: 0 },
    ])
    expect(notificationTitles(store)).toEqual([])
    expect(store.query(workflowById$(id))).toMatchObject({ runCount: 1, successCount: 0, errorCount: 0 })
    // A second cancel finds it finished and writes nothing.
    expect(cancelRun(store, TEST_KEY, runId, clock.now())).toBe(false)
  })

  test('a run cancelled while still waiting never starts', async () => {
    const store = useStore()
    const clock = new ManualClock(T0)
    const id = createWorkflow(store, TEST_KEY, draft([notify('Hi')], { trigger: { kind: 'manual' } }), {
      now: T0,
    })
    const runId = requestRun(store, TEST_KEY, id, T0)
    expect(runsOf(store, id)[0]).toMatchObject({ status: 'pending', startedAt: null })
    cancelRun(store, TEST_KEY, runId, T0 + 1)
    const runner = openTab(store, new FakeLocks(), clock)
    tabs.push(runner)
    await settle()
    expect(runner.started).toEqual([])
    expect(runsOf(store, id)[0]).toMatchObject({
      status: 'cancelled',
      result: 'Cancelled before it started.',
    })
    expect(store.query(workflowById$(id))?.runCount).toBe(0)
  })

  test('"Ask the model" fails with a clear error until a model is set up; the run records it', async () => {
    const store = useStore()
    const clock = new ManualClock(T0)
    const id = createWorkflow(
      store,
      TEST_KEY,
      draft(
        [
          { id: 's', kind: 'search-memories', config: { query: 'milk' } },
          { id: 'p', kind: 'prompt', config: { prompt: 'Summarise.' } },
          notify('Never'),
        ],
        { trigger: { kind: 'manual' } },
      ),
      { now: T0 },
    )
    tabs.push(openTab(store, new FakeLocks(), clock))
    requestRun(store, TEST_KEY, id, T0)
    await vi.waitFor(() => expect(runsOf(store, id)[0]?.status).toBe('error'))
    expect(runsOf(store, id)[0]).toMatchObject({
      error: 'Step 2 (Ask the model): No model endpoint is set up for this persona yet',
      stepsCompleted: 1,
      result: null,
    })
    expect(store.query(workflowById$(id))).toMatchObject({ runCount: 1, errorCount: 1 })
  })

  test('with a model, a prompt’s answer is saved as a memory of the persona (sealed, from the run) and notified', async () => {
    const store = useStore()
    store.commit(events.personaCreated(personaCreatedArgs({ id: 'p1' })))
    const clock = new ManualClock(T0)
    const id = createWorkflow(
      store,
      TEST_KEY,
      draft(
        [
          { id: 's', kind: 'search-memories', config: { query: 'milk' } },
          { id: 'p', kind: 'prompt', config: { prompt: 'Summarise.' } },
          { id: 'm', kind: 'create-memory', config: { type: 'knowledge', tags: 'digest' } },
          notify('Digest'),
        ],
        { trigger: { kind: 'manual' }, personaId: 'p1' },
      ),
      { now: T0 },
    )
    const asked: string[] = []
    const ask: AskModel = async ({ prompt }) => {
      asked.push(prompt)
      return 'Milk is running low.'
    }
    tabs.push(openTab(store, new FakeLocks(), clock, { ask }))
    const runId = requestRun(store, TEST_KEY, id, T0)
    await vi.waitFor(() => expect(runsOf(store, id)[0]?.status).toBe('success'))
    expect(asked).toEqual(['Summarise.\n\n- Buy milk'])
    const memory = store.query({
      query:
        'SELECT id, personaId, source, originKind, originId, content FROM memories WHERE originId = $runId',
      bindValues: { runId },
    }) as Array<{ personaId: string; source: string; originKind: string; content: string }>
    expect(memory).toMatchObject([{ personaId: 'p1', source: 'workflow', originKind: 'run' }])
    expect(memory[0]?.content.startsWith('hv1.')).toBe(true)
    const [posted] = store.query(inbox$)
    expect(posted && notificationFields.openStrict(TEST_KEY, posted)).toMatchObject({
      kind: 'workflow-result',
      title: 'Digest',
      body: 'Milk is running low.',
      subjectId: id,
    })
  })

  test('event triggers: a new memory and an archived conversation start their workflows; imports and runs’ own memories do not', async () => {
    const store = useStore()
    store.commit(events.personaCreated(personaCreatedArgs({ id: 'p1' })))
    const clock = new ManualClock(T0)
    const onMemory = createWorkflow(
      store,
      TEST_KEY,
      draft([notify('New memory')], { trigger: { kind: 'event', event: 'memory.created' } }),
      { now: T0 },
    )
    const onArchive = createWorkflow(
      store,
      TEST_KEY,
      draft([notify('Archived')], { trigger: { kind: 'event', event: 'conversation.archived' } }),
      { now: T0 },
    )
    const conversation = conversationRecord({ personaId: 'p1', createdAt: T0 - MINUTE })
    store.commit(
      events.conversationsImported({
        conversations: [conversation],
        messages: [messageRecord({ conversationId: conversation.id, createdAt: T0 - MINUTE })],
      }),
    )
    tabs.push(openTab(store, new FakeLocks(), clock))
    await clock.advance(TAKEOVER_SETTLE_MS)

    createMemory(
      store,
      TEST_KEY,
      'p1',
      { ...emptyMemoryDraft(), name: 'Likes tea', content: 'Green tea.' },
      clock.now(),
    )
    await vi.waitFor(() =>
      expect(runsOf(store, onMemory)).toMatchObject([{ status: 'success', trigger: 'event:memory.created' }]),
    )

    archiveConversation(store, conversation.id, clock.now())
    await vi.waitFor(() =>
      expect(runsOf(store, onArchive)).toMatchObject([
        { status: 'success', trigger: 'event:conversation.archived' },
      ]),
    )

    // A memory a run wrote, and a batch import, start nothing.
    createMemory(
      store,
      TEST_KEY,
      'p1',
      { ...emptyMemoryDraft(), name: 'From a run', content: 'x' },
      clock.now(),
      { kind: 'run', id: 'r-other' },
    )
    store.commit(
      events.memoriesImported({
        memories: Array.from({ length: 25 }, () => memoryRecord({ personaId: 'p1', createdAt: clock.now() })),
      }),
    )
    await settle()
    expect(runsOf(store, onMemory)).toHaveLength(1)

    // Switched off, it waits no more.
    setWorkflowEnabled(store, onMemory, false, clock.now())
    createMemory(store, TEST_KEY, 'p1', { ...emptyMemoryDraft(), name: 'Another', content: 'y' }, clock.now())
    await settle()
    expect(runsOf(store, onMemory)).toHaveLength(1)
  })

  test('unfinished runs nobody is running are settled: interrupted, or never started when they came in imported data', async () => {
    const store = useStore()
    const clock = new ManualClock(T0 + 10 * MINUTE)
    const id = createWorkflow(store, TEST_KEY, draft([notify('x')], { trigger: { kind: 'manual' } }), {
      now: T0,
    })
    store.commit(
      events.workflowsImported({
        workflows: [],
        runs: [
          runRecord({
            id: 'r-running',
            workflowId: id,
            status: 'running',
            finishedAt: null,
            result: null,
            stepsCompleted: 1,
          }),
          runRecord({
            id: 'r-pending',
            workflowId: id,
            status: 'pending',
            startedAt: null,
            finishedAt: null,
            result: null,
          }),
        ],
      }),
    )
    // Without `automatic` (?bench) they are left as they are.
    const quiet = openTab(store, new FakeLocks(), clock, { automatic: false })
    await clock.advance(TAKEOVER_SETTLE_MS)
    expect(
      runsOf(store, id)
        .map((r) => r.status)
        .sort(),
    ).toEqual(['pending', 'running'])
    await quiet.close()

    tabs.push(openTab(store, new FakeLocks(), clock))
    await clock.advance(TAKEOVER_SETTLE_MS)
    await vi.waitFor(() => expect(runsOf(store, id).every((r) => r.status === 'error')).toBe(true))
    const byId = Object.fromEntries(runsOf(store, id).map((r) => [r.id, r]))
    expect(byId['r-running']).toMatchObject({ error: INTERRUPTED, stepsCompleted: 1 })
    expect(byId['r-pending']).toMatchObject({ error: NEVER_STARTED })
  })
})
