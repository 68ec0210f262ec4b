import { STEP_CATALOGUE } from '../commands/workflow-steps.ts'
import type { WorkflowStep } from '../schema/workflows.ts'

/** What a run is about: its ids, the persona it acts for and what set it off. */
export type RunContext = {
  readonly runId: string
  readonly workflowId: string
  readonly workflowName: string
  /** The workflow's persona, or the persona of what set it off (a memory, a conversation). */
  readonly personaId: string | null
  /** What set it off, for event triggers: the memory, conversation, message or document id. */
  readonly subjectId: string | null
}

/** What a step hands on: text for the next step (or null to pass its own input on) and a note for the run's result. */
export type StepOutcome = { readonly output: string | null; readonly note: string }

/** Runs one step with the previous step's output as its input; honours `signal`. */
export type StepRunner = (
  step: WorkflowStep,
  input: string | null,
  context: RunContext,
  signal: AbortSignal,
) => Promise<StepOutcome>

export type RunOutcome =
  | { readonly status: 'success'; readonly result: string; readonly stepsCompleted: number }
  | { readonly status: 'error'; readonly error: string; readonly stepsCompleted: number }
  | { readonly status: 'cancelled'; readonly stepsCompleted: number }

/** A step's name as the run list shows it: "Ask the model". */
export const stepLabel = (step: WorkflowStep) => STEP_CATALOGUE[step.kind]?.label ?? step.kind

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** The result a person reads: what each step did, in order ("Found 3 memories · Sent “Digest”"). */
export const RESULT_MAX = 1_000

/**
 * Walks a workflow's steps in order, each step's output becoming the next one's input, and stops at
 * the first error or when `signal` aborts (a cancel). `onStep` hears of each step as it starts (the
 * caller records it: one event per step, never per tiny thing); it is not told of the end, which
 * the outcome carries. Nothing here touches the store or the clock.
 */
export const executeRun = async ({
  steps,
  context,
  runStep,
  signal,
  onStep = () => {},
}: {
  steps: ReadonlyArray<WorkflowStep>
  context: RunContext
  runStep: StepRunner
  signal: AbortSignal
  onStep?: (index: number, step: WorkflowStep) => void
}): Promise<RunOutcome> => {
  const notes: string[] = []
  let input: string | null = null
  for (const [index, step] of steps.entries()) {
    if (signal.aborted) return { status: 'cancelled', stepsCompleted: index }
    onStep(index, step)
    try {
      const outcome = await runStep(step, input, context, signal)
      if (signal.aborted) return { status: 'cancelled', stepsCompleted: index }
      notes.push(outcome.note)
      if (outcome.output !== null) input = outcome.output
    } catch (error) {
      if (signal.aborted) return { status: 'cancelled', stepsCompleted: index }
      return {
        status: 'error',
        error: `Step ${index + 1} (${stepLabel(step)}): ${messageOf(error)}`,
        stepsCompleted: index,
      }
    }
  }
  const result = notes.join(' · ')
  return {
    status: 'success',
    result: result.length > RESULT_MAX ? `${result.slice(0, RESULT_MAX - 1)}…` : result,
    stepsCompleted: steps.length,
  }
}
