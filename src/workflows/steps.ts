import { MEMORY_TYPES, type MemoryType } from '../schema/memories.ts'
import type { NotificationPriority } from '../schema/notifications.ts'
import type { WorkflowStep } from '../schema/workflows.ts'
import type { RunContext, StepOutcome, StepRunner } from './executor.ts'

/**
 * Asks a persona's model and returns its answer. The app passes the assistant's client (or, until a
 * model endpoint can be set up, a function that says so); tests pass their own.
 */
export type AskModel = (input: {
  personaId: string | null
  prompt: string
  signal: AbortSignal
}) => Promise<string>

/** A conversation as a summary step reads it. */
export type Transcript = { readonly id: string; readonly title: string; readonly text: string }

/** Everything the steps reach outside themselves; the app wires the store, the search worker and the model. */
export type StepDeps = {
  readonly ask: AskModel
  readonly searchMemories: (input: {
    query: string
    personaId: string | null
    limit: number
    signal: AbortSignal
  }) => Promise<ReadonlyArray<{ readonly text: string }>>
  /** The conversation a run is about (`subjectId`), else the persona's (or anyone's) latest; null if none. */
  readonly conversation: (input: { subjectId: string | null; personaId: string | null }) => Transcript | null
  readonly saveMemory: (input: {
    personaId: string
    type: MemoryType
    name: string
    content: string
    tags: ReadonlyArray<string>
    runId: string
  }) => void
  readonly notify: (input: {
    title: string
    body: string
    priority: NotificationPriority
    context: RunContext
  }) => void
  /** Resolves after `ms`, or rejects at once when `signal` aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>
}

export class StepFailure extends Error {
  override name = 'StepFailure'
}

const SEARCH_LIMIT = 10
const SUMMARY_WORDS = 150
/** A notification's body and a saved memory's name stay readable. */
const BODY_MAX = 4_000
const NAME_MAX = 80

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)
const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

const numberSetting = (step: WorkflowStep, key: string, fallback: number) => {
  const value = Number(step.config[key] ?? '')
  return step.config[key] === undefined || !Number.isFinite(value) ? fallback : value
}

/** A memory's name from its text: the first line, clipped. */
export const memoryNameFrom = (text: string) => clip(text.trim().split('\n')[0]?.trim() ?? '', NAME_MAX)

const tagsOf = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '')

const PRIORITIES: ReadonlyArray<NotificationPriority> = ['low', 'normal', 'high']

/** The step implementations, on top of what the app (or a test) provides. */
export const makeStepRunner =
  (deps: StepDeps): StepRunner =>
  async (step, input, context, signal): Promise<StepOutcome> => {
    switch (step.kind) {
      case 'search-memories': {
        const query = step.config.query ?? ''
        const results = await deps.searchMemories({
          query,
          personaId: context.personaId,
          limit: numberSetting(step, 'limit', SEARCH_LIMIT),
          signal,
        })
        return {
          output: results.map((r) => `- ${r.text}`).join('\n'),
          note: `Found ${results.length === 1 ? '1 memory' : `${results.length} memories`} for “${query}”`,
        }
      }
      case 'prompt': {
        const prompt = step.config.prompt ?? ''
        const answer = await deps.ask({
          personaId: context.personaId,
          prompt: input === null || input === '' ? prompt : `${prompt}\n\n${input}`,
          signal,
        })
        return { output: answer, note: 'The model answered' }
      }
      case 'summarise-conversation': {
        const conversation = deps.conversation({ subjectId: context.subjectId, personaId: context.personaId })
        if (conversation === null) throw new StepFailure('There is no conversation to summarise.')
        const words = numberSetting(step, 'maxWords', SUMMARY_WORDS)
        const summary = await deps.ask({
          personaId: context.personaId,
          prompt: `Summarise this conversation in at most ${words} words.\n\nTitle: ${conversation.title}\n\n${conversation.text}`,
          signal,
        })
        return { output: summary, note: `Summarised “${conversation.title}”` }
      }
      case 'create-memory': {
        if (context.personaId === null) {
          throw new StepFailure(
            'This workflow has no persona to keep the memory for: choose one in its settings.',
          )
        }
        const content = (input ?? '').trim()
        if (content === '') throw new StepFailure('There is nothing to save: the step before gave no text.')
        const type = (MEMORY_TYPES as ReadonlyArray<string>).includes(step.config.type ?? '')
          ? (step.config.type as MemoryType)
          : 'knowledge'
        const name = memoryNameFrom(content)
        deps.saveMemory({
          personaId: context.personaId,
          type,
          name,
          content,
          tags: tagsOf(step.config.tags),
          runId: context.runId,
        })
        return { output: null, note: `Saved the memory “${name}”` }
      }
      case 'notify': {
        const title = step.config.title ?? context.workflowName
        const priority = PRIORITIES.find((p) => p === step.config.priority) ?? 'normal'
        deps.notify({ title, body: clip((input ?? '').trim(), BODY_MAX), priority, context })
        return { output: null, note: `Sent the notification “${title}”` }
      }
      case 'wait': {
        const minutes = numberSetting(step, 'minutes', 1)
        await deps.sleep(minutes * 60_000, signal)
        return { output: null, note: `Waited ${count(minutes, 'minute')}` }
      }
    }
  }
