import { describe, expect, test } from 'vitest'
import type { WorkflowStep } from '../schema/workflows.ts'
import { executeRun, type RunContext, type StepRunner } from './executor.ts'

const context: RunContext = {
  runId: 'r1',
  workflowId: 'w1',
  workflowName: 'Digest',
  personaId: 'p1',
  subjectId: null,
}
const step = (id: string, kind: WorkflowStep['kind'] = 'prompt'): WorkflowStep => ({ id, kind, config: {} })

describe('executeRun', () => {
  test("walks the steps in order, each step's output the next one's input; a null output passes the input on", async () => {
    const seen: Array<[string, string | null]> = []
    const runStep: StepRunner = async (s, input) => {
      seen.push([s.id, input])
      if (s.id === 'a') return { output: 'three notes', note: 'Found 3' }
      if (s.id === 'b') return { output: null, note: 'Saved' }
      return { output: `summary of ${input}`, note: 'Summarised' }
    }
    const started: number[] = []
    const outcome = await executeRun({
      steps: [step('a'), step('b'), step('c')],
      context,
      runStep,
      signal: new AbortController().signal,
      onStep: (i) => started.push(i),
    })
    expect(seen).toEqual([
      ['a', null],
      ['b', 'three notes'],
      ['c', 'three notes'],
    ])
    expect(started).toEqual([0, 1, 2])
    expect(outcome).toEqual({ status: 'success', result: 'Found 3 · Saved · Summarised', stepsCompleted: 3 })
  })

  test('stops at the first error and says which step failed and why', async () => {
    const ran: string[] = []
    const outcome = await executeRun({
      steps: [step('a', 'search-memories'), step('b', 'prompt'), step('c', 'notify')],
      context,
      runStep: async (s) => {
        ran.push(s.id)
        if (s.id === 'b') throw new Error('No model endpoint is set up for this persona yet')
        return { output: 'x', note: 'ok' }
      },
      signal: new AbortController().signal,
    })
    expect(ran).toEqual(['a', 'b'])
    expect(outcome).toEqual({
      status: 'error',
      error: 'Step 2 (Ask the model): No model endpoint is set up for this persona yet',
      stepsCompleted: 1,
    })
  })

  test('a cancel during a step ends the run as cancelled; the later steps never start', async () => {
    const controller = new AbortController()
    const ran: string[] = []
    const outcome = await executeRun({
      steps: [step('a', 'notify'), step('b', 'wait'), step('c', 'notify')],
      context,
      runStep: (s, _input, _ctx, signal) => {
        ran.push(s.id)
        if (s.id !== 'b') return Promise.resolve({ output: null, note: 'ok' })
        return new Promise((_, reject) => {
          signal.addEventListener('abort', () => reject(new Error('aborted')))
          controller.abort()
        })
      },
      signal: controller.signal,
    })
    expect(ran).toEqual(['a', 'b'])
    expect(outcome).toEqual({ status: 'cancelled', stepsCompleted: 1 })
  })

  test('a step that finishes after the cancel does not count, and nothing after it runs', async () => {
    const controller = new AbortController()
    const ran: string[] = []
    const outcome = await executeRun({
      steps: [step('a'), step('b')],
      context,
      runStep: async (s) => {
        ran.push(s.id)
        controller.abort()
        return { output: 'late', note: 'answered anyway' }
      },
      signal: controller.signal,
    })
    expect(ran).toEqual(['a'])
    expect(outcome).toEqual({ status: 'cancelled', stepsCompleted: 0 })
  })

  test('a long result is clipped', async () => {
    const outcome = await executeRun({
      steps: [step('a')],
      context,
      runStep: async () => ({ output: null, note: 'x'.repeat(5000) }),
      signal: new AbortController().signal,
    })
    expect(outcome.status === 'success' && outcome.result.length).toBe(1000)
  })
})
