import { describe, expect, test } from 'vitest'
import type { WorkflowStep } from '../schema/workflows.ts'
import { ManualClock } from '../testing/manual-clock.ts'
import { CancelledError, sleep } from './clock.ts'
import type { RunContext } from './executor.ts'
import { makeStepRunner, memoryNameFrom, type StepDeps } from './steps.ts'

const context: RunContext = {
  runId: 'r1',
  workflowId: 'w1',
  workflowName: 'Digest',
  personaId: 'p1',
  subjectId: 'c9',
}
const signal = new AbortController().signal
const step = (kind: WorkflowStep['kind'], config: Record<string, string> = {}): WorkflowStep => ({
  id: 's',
  kind,
  config,
})

/** Step dependencies that record what they were asked; each test overrides what it is about. */
const recording = (over: Partial<StepDeps> = {}) => {
  const calls: Array<[string, unknown]> = []
  const deps: StepDeps = {
    ask: async (input) => {
      calls.push(['ask', { personaId: input.personaId, prompt: input.prompt }])
      return 'the answer'
    },
    searchMemories: async (input) => {
      calls.push(['search', { query: input.query, personaId: input.personaId, limit: input.limit }])
      return [{ text: 'Buy milk' }, { text: 'Dentist at 3' }]
    },
    conversation: (input) => {
      calls.push(['conversation', input])
      return { id: 'c9', title: 'Trip to Lisbon', text: 'user: hi\nassistant: hello' }
    },
    saveMemory: (input) => calls.push(['saveMemory', input]),
    notify: (input) =>
      calls.push(['notify', { title: input.title, body: input.body, priority: input.priority }]),
    sleep: async (ms) => {
      calls.push(['sleep', ms])
    },
    ...over,
  }
  return { deps, calls, run: makeStepRunner(deps) }
}

describe('steps', () => {
  test('search memories: the persona’s memories as a list for the next step', async () => {
    const { run, calls } = recording()
    const outcome = await run(
      step('search-memories', { query: 'due today', limit: '5' }),
      null,
      context,
      signal,
    )
    expect(calls).toEqual([['search', { query: 'due today', personaId: 'p1', limit: 5 }]])
    expect(outcome).toEqual({
      output: '- Buy milk\n- Dentist at 3',
      note: 'Found 2 memories for “due today”',
    })
  })

  test('ask the model: the prompt with the previous output after it', async () => {
    const { run, calls } = recording()
    const outcome = await run(step('prompt', { prompt: 'Write a briefing.' }), '- Buy milk', context, signal)
    expect(calls).toEqual([['ask', { personaId: 'p1', prompt: 'Write a briefing.\n\n- Buy milk' }]])
    expect(outcome).toEqual({ output: 'the answer', note: 'The model answered' })
  })

  test('ask the model fails with the model’s own message (no endpoint yet)', async () => {
    const { run } = recording({
      ask: async () => {
        throw new Error('No model endpoint is set up for this persona yet')
      },
    })
    await expect(run(step('prompt', { prompt: 'Hi' }), null, context, signal)).rejects.toThrow(
      'No model endpoint is set up for this persona yet',
    )
  })

  test('summarise: the conversation the run is about, in at most the words asked', async () => {
    const { run, calls } = recording()
    const outcome = await run(step('summarise-conversation', { maxWords: '80' }), null, context, signal)
    expect(calls[0]).toEqual(['conversation', { subjectId: 'c9', personaId: 'p1' }])
    expect(calls[1]).toEqual([
      'ask',
      {
        personaId: 'p1',
        prompt:
          'Summarise this conversation in at most 80 words.\n\nTitle: Trip to Lisbon\n\nuser: hi\nassistant: hello',
      },
    ])
    expect(outcome).toEqual({ output: 'the answer', note: 'Summarised “Trip to Lisbon”' })
  })

  test('summarise without any conversation fails and says so', async () => {
    const { run } = recording({ conversation: () => null })
    await expect(run(step('summarise-conversation'), null, context, signal)).rejects.toThrow(
      'There is no conversation to summarise.',
    )
  })

  test('save as a memory: the previous output, named by its first line, with the run as origin', async () => {
    const { run, calls } = recording()
    const outcome = await run(
      step('create-memory', { type: 'knowledge', tags: 'Weekly, review' }),
      'Five things learned\n- one\n- two',
      context,
      signal,
    )
    expect(calls).toEqual([
      [
        'saveMemory',
        {
          personaId: 'p1',
          type: 'knowledge',
          name: 'Five things learned',
          content: 'Five things learned\n- one\n- two',
          tags: ['weekly', 'review'],
          runId: 'r1',
        },
      ],
    ])
    expect(outcome).toEqual({ output: null, note: 'Saved the memory “Five things learned”' })
  })

  test('save as a memory needs a persona and something to save', async () => {
    const { run, calls } = recording()
    await expect(
      run(step('create-memory', { type: 'fact' }), 'text', { ...context, personaId: null }, signal),
    ).rejects.toThrow('This workflow has no persona to keep the memory for')
    await expect(run(step('create-memory', { type: 'fact' }), '  ', context, signal)).rejects.toThrow(
      'There is nothing to save',
    )
    expect(calls).toEqual([])
  })

  test('notify: the title set, the previous output as its body, the priority chosen', async () => {
    const { run, calls } = recording()
    const outcome = await run(
      step('notify', { title: 'Digest', priority: 'high' }),
      'the answer',
      context,
      signal,
    )
    expect(calls).toEqual([['notify', { title: 'Digest', body: 'the answer', priority: 'high' }]])
    expect(outcome).toEqual({ output: null, note: 'Sent the notification “Digest”' })
  })

  test('wait: the minutes set, on the clock', async () => {
    const { run, calls } = recording()
    const outcome = await run(step('wait', { minutes: '3' }), null, context, signal)
    expect(calls).toEqual([['sleep', 180_000]])
    expect(outcome).toEqual({ output: null, note: 'Waited 3 minutes' })
  })

  test('memory names come from the first line, clipped', () => {
    expect(memoryNameFrom('  Title line \nbody')).toBe('Title line')
    expect(memoryNameFrom('x'.repeat(200))).toHaveLength(80)
  })
})

describe('sleep', () => {
  test('resolves when the clock passes the time, not before', async () => {
    const clock = new ManualClock(0)
    let done = false
    const waiting = sleep(clock, 60_000, signal).then(() => {
      done = true
    })
    await clock.advance(59_999)
    expect(done).toBe(false)
    await clock.advance(1)
    await waiting
    expect(done).toBe(true)
  })

  test('a cancel ends the wait at once and clears its timer', async () => {
    const clock = new ManualClock(0)
    const controller = new AbortController()
    const waiting = sleep(clock, 60 * 60_000, controller.signal)
    expect(clock.pending).toBe(1)
    controller.abort()
    await expect(waiting).rejects.toBeInstanceOf(CancelledError)
    expect(clock.pending).toBe(0)
  })
})
