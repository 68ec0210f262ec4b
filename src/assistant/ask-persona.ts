/**
 * Ask a persona: one request to its model, shaped by its system prompt and personality, with the
 * memories relevant to the question. Used by the conversation screen (streaming) and meant for any
 * other caller, e.g. a workflow's "Ask the model" step.
 *
 * ```ts
 * askPersona(store: HearthStore, key: DataKey, options: AskPersonaOptions): Promise<AskResult>
 *
 * AskPersonaOptions:
 *   personaId: string                        who answers (its endpoint, or the default in Settings)
 *   prompt: string                           the question: sent as the last user message
 *   history?: HistoryMessage[]               earlier turns, oldest first, without `prompt`
 *   instructions?: string                    extra system text for this request (a workflow step's)
 *   search?: MemorySearch                    look up the persona's memories for `prompt` (the app
 *                                            passes `searchWithSignal`); skipped when memory is off
 *   onRemembered?: (memories, note) => void  the memories that went into the prompt, before the reply,
 *                                            and why there are none when memory is off or search failed
 *   stream?: boolean                         stream the reply; onDelta(text) gets each new piece
 *   onDelta?: (text: string) => void
 *   signal?: AbortSignal                     cancels; the rejection is a ModelError 'cancelled' whose
 *                                            `partial` holds what had arrived
 *   json?: boolean                           ask for a JSON object
 *   maxTokens?: number; budget?: PromptBudget; fetch?: FetchLike; now?: number (epoch ms)
 *
 * AskResult: { text, model, inputTokens, outputTokens, cost, latencyMs, toolCalls, rememberedIds,
 *              remembered, memoryNote, finishReason, target }   (target: endpoint, model, key, and
 *              whether they came from the persona or from Settings)
 * Rejects with a ModelError (`kind` and a message for a person) for every failure; writes nothing to
 * the store (the caller records what it wants, e.g. `recordReply`).
 * ```
 */
import type { HearthStore } from '../commands/store.ts'
import type { ToolCall } from '../schema/conversations.ts'
import { personaById$, personaFields } from '../schema/personas.ts'
import { settings$, settingsFields } from '../schema/settings.ts'
import type { DataKey } from '../vault/envelope.ts'
import { chatCompletion, type FetchLike, ModelError } from './chat-client.ts'
import { modelTargetFor, type ResolvedTarget } from './model-target.ts'
import { costOf } from './pricing.ts'
import { assemblePrompt, type HistoryMessage, type MemoryForPrompt, type PromptBudget } from './prompt.ts'
import { type MemorySearch, retrieveMemories } from './retrieve.ts'

export type AskPersonaOptions = {
  readonly personaId: string
  readonly prompt: string
  readonly history?: ReadonlyArray<HistoryMessage>
  readonly instructions?: string
  readonly search?: MemorySearch
  readonly onRemembered?: (memories: ReadonlyArray<MemoryForPrompt>, note: string | null) => void
  readonly stream?: boolean
  readonly onDelta?: (text: string) => void
  readonly signal?: AbortSignal
  readonly json?: boolean
  readonly maxTokens?: number
  readonly budget?: PromptBudget
  readonly fetch?: FetchLike
  readonly now?: number
}

export type AskResult = {
  readonly text: string
  readonly model: string
  readonly inputTokens: number | null
  readonly outputTokens: number | null
  /** From the price table in Settings; `null` when the model has no price or no tokens were reported. */
  readonly cost: number | null
  readonly latencyMs: number
  readonly toolCalls: ReadonlyArray<ToolCall>
  /** Ids of the memories that went into the prompt, best first. */
  readonly rememberedIds: ReadonlyArray<string>
  readonly remembered: ReadonlyArray<MemoryForPrompt>
  /** Why no memories were used when some could have been (memory off, search unavailable), or null. */
  readonly memoryNote: string | null
  readonly finishReason: string | null
  readonly target: ResolvedTarget
}

/** Whether a persona may use its memories: its own switch and the person's privacy settings. */
export const memoryAllowed = (store: HearthStore, personaId: string): string | null => {
  const persona = store.query(personaById$(personaId))
  const { privacy } = store.query(settings$)
  if (privacy.incognito) return 'Incognito is on (Settings › Privacy): no memories were used.'
  if (!privacy.memoryEnabled) return 'Memory is off in Settings › Privacy: no memories were used.'
  if (persona !== undefined && !persona.memorySettings.enabled)
    return 'Memory is off for this persona: no memories were used.'
  return null
}

const dateLine = (now: number) =>
  new Date(now).toLocaleDateString('en', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' })

/** See the file's header. */
export const askPersona = async (
  store: HearthStore,
  key: DataKey,
  options: AskPersonaOptions,
): Promise<AskResult> => {
  const now = options.now ?? Date.now()
  const target = modelTargetFor(store, key, options.personaId)
  const row = store.query(personaById$(options.personaId))
  if (row === undefined) throw new ModelError('not-configured', 'This persona no longer exists.')
  const persona = personaFields.open(key, row)
  const settings = store.query(settings$)
  const userName = settingsFields.open(key, settings).userName

  let remembered: ReadonlyArray<MemoryForPrompt> = []
  let memoryNote: string | null = null
  if (options.search !== undefined) {
    memoryNote = memoryAllowed(store, options.personaId)
    if (memoryNote === null) {
      const signal = options.signal ?? new AbortController().signal
      const retrieved = await retrieveMemories(store, key, {
        personaId: options.personaId,
        text: options.prompt,
        search: options.search,
        signal,
        now,
      }).catch((error: unknown) => {
        // Only a cancel gets here (a failing search resolves with its problem said).
        if (signal.aborted) throw new ModelError('cancelled', 'Cancelled.')
        throw error
      })
      remembered = retrieved.memories
      memoryNote = retrieved.problem
    }
  }
  if (options.signal?.aborted) throw new ModelError('cancelled', 'Cancelled.')

  const prompt = assemblePrompt({
    persona: {
      name: persona.name,
      description: persona.description,
      systemPrompt:
        options.instructions === undefined || options.instructions.trim() === ''
          ? persona.systemPrompt
          : `${persona.systemPrompt}\n\n${options.instructions.trim()}`.trim(),
      personality: persona.personality,
    },
    memories: remembered,
    history: [...(options.history ?? []), { role: 'user', content: options.prompt }],
    userName,
    today: dateLine(now),
    ...(options.budget ? { budget: options.budget } : {}),
  })
  const used = remembered.filter((m) => prompt.rememberedIds.includes(m.id))
  options.onRemembered?.(used, memoryNote)

  const result = await chatCompletion(target, {
    messages: prompt.messages,
    stream: options.stream ?? false,
    onDelta: options.onDelta,
    signal: options.signal,
    json: options.json ?? false,
    maxTokens: options.maxTokens,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
  return {
    text: result.content,
    model: result.model,
    inputTokens: result.usage?.inputTokens ?? null,
    outputTokens: result.usage?.outputTokens ?? null,
    cost: costOf(store.query(settings$).modelPrices, result.model, result.usage),
    latencyMs: result.latencyMs,
    toolCalls: result.toolCalls.map((c) => ({ ...c, result: null })),
    rememberedIds: prompt.rememberedIds,
    remembered: used,
    memoryNote,
    finishReason: result.finishReason,
    target,
  }
}
