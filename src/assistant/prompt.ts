import type { ChatMessage, ChatRole } from './chat-client.ts'

/**
 * What a persona is sent: one system message (who it is, its manner, what it remembers) and as much of
 * the conversation as fits a token budget, newest kept first. Pure: the caller passes everything in.
 */

/**
 * A rough token count: about four characters per token for English text (OpenAI's rule of thumb),
 * one per character for Chinese, Japanese and Korean. Budgets only need to be about right; the
 * server reports the real counts.
 */
export const estimateTokens = (text: string): number => {
  let wide = 0
  for (const ch of text) if (/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(ch)) wide++
  return Math.ceil((text.length - wide) / 4) + wide
}

export type PersonaForPrompt = {
  readonly name: string
  readonly description: string
  readonly systemPrompt: string
  readonly personality: {
    readonly friendliness: number
    readonly formality: number
    readonly humour: number
    readonly proactiveness: number
  }
}

export type MemoryForPrompt = {
  readonly id: string
  readonly type: string
  readonly name: string
  readonly content: string
  readonly importance: number
}

export type HistoryMessage = {
  readonly role: 'user' | 'assistant' | 'system' | 'tool'
  readonly content: string
}

export type PromptBudget = {
  /** All that is sent: system message and history (the reply's tokens come on top). */
  readonly contextTokens: number
  /** The remembered memories' share of it, at most. */
  readonly memoryTokens: number
}

export const DEFAULT_BUDGET: PromptBudget = { contextTokens: 6_000, memoryTokens: 1_000 }

/** A memory longer than this is cut in the prompt (its id still counts as remembered). */
const MEMORY_CHARS = 800

const pick = (value: number, low: string, middle: string, high: string) =>
  value < 0.34 ? low : value > 0.66 ? high : middle

/** The personality sliders (0–1) as a sentence a model follows. */
export const describePersonality = (p: PersonaForPrompt['personality']): string =>
  [
    pick(p.friendliness, 'reserved and to the point', 'friendly', 'warm and encouraging'),
    pick(p.formality, 'casual in tone', 'neither stiff nor sloppy', 'formal and precise in tone'),
    pick(p.humour, 'serious, without jokes', 'lightly humorous where it fits', 'playful, with humour'),
    pick(
      p.proactiveness,
      'answer what is asked and wait to be asked for more',
      'offer a next step when it is clearly useful',
      'take initiative: suggest next steps and ask follow-up questions',
    ),
  ].join('; ')

const memoryLine = (m: MemoryForPrompt) => {
  const content = m.content.length > MEMORY_CHARS ? `${m.content.slice(0, MEMORY_CHARS)}…` : m.content
  return `- (${m.type}, importance ${m.importance}) ${m.name}: ${content.replace(/\s+/g, ' ')}`
}

export type AssembledPrompt = {
  readonly messages: ReadonlyArray<ChatMessage>
  /** The memories that made it into the prompt, in the order given (best first). */
  readonly rememberedIds: ReadonlyArray<string>
  readonly estimatedTokens: number
  /** Older messages left out for the budget. */
  readonly omittedMessages: number
}

export type PromptInput = {
  readonly persona: PersonaForPrompt
  /** Retrieved memories, best first. */
  readonly memories: ReadonlyArray<MemoryForPrompt>
  /** The conversation so far, oldest first, ending with what the person just said. */
  readonly history: ReadonlyArray<HistoryMessage>
  readonly userName?: string
  /** Today's date as the person would say it (passed in: this module never reads the clock). */
  readonly today?: string
  readonly budget?: PromptBudget
}

/** The system message and the conversation that fit the budget; see the file's header. */
export const assemblePrompt = (input: PromptInput): AssembledPrompt => {
  const budget = input.budget ?? DEFAULT_BUDGET
  const { persona } = input
  const lines = [`You are ${persona.name}${persona.description === '' ? '.' : `: ${persona.description}`}`]
  if (persona.systemPrompt !== '') lines.push('', persona.systemPrompt)
  lines.push('', `Your manner: ${describePersonality(persona.personality)}.`)
  if (input.userName !== undefined && input.userName !== '')
    lines.push(`You are talking with ${input.userName}.`)
  if (input.today !== undefined) lines.push(`Today is ${input.today}.`)

  const remembered: string[] = []
  let memoryTokens = 0
  const memoryLines: string[] = []
  for (const m of input.memories) {
    const line = memoryLine(m)
    const cost = estimateTokens(line) + 1
    if (memoryTokens + cost > budget.memoryTokens) continue
    memoryTokens += cost
    memoryLines.push(line)
    remembered.push(m.id)
  }
  if (memoryLines.length > 0) {
    lines.push(
      '',
      'What you remember that may be relevant (use it when it helps; do not recite it):',
      ...memoryLines,
    )
  }
  const system = lines.join('\n')
  const systemTokens = estimateTokens(system) + 4

  // Newest first until the budget is spent; the last message (what was just said) always goes.
  const turns = input.history.filter((m) => m.role !== 'tool' && m.content.trim() !== '')
  const kept: ChatMessage[] = []
  let used = systemTokens
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i] as HistoryMessage
    const cost = estimateTokens(turn.content) + 4
    if (kept.length > 0 && used + cost > budget.contextTokens) break
    used += cost
    kept.push({ role: turn.role as ChatRole, content: turn.content })
  }
  kept.reverse()
  return {
    messages: [{ role: 'system', content: system }, ...kept],
    rememberedIds: remembered,
    estimatedTokens: used,
    omittedMessages: turns.length - kept.length,
  }
}

/** Words of a message to look memories up by: the meaningful ones, OR-ed (search ANDs words by default). */
export const retrievalQuery = (text: string, maxWords = 24): string => {
  const words = text
    .toLowerCase()
    .replace(/["()*]/g, ' ')
    .split(/[^\p{L}\p{N}'-]+/u)
    .map((w) => w.replace(/^[-']+|[-']+$/g, ''))
    .filter((w) => w.length > 2 && w !== 'not' && w !== 'and')
  return [...new Set(words)].slice(0, maxWords).join(' OR ')
}
