/**
 * Conversation upkeep by the model: a title, summary, topics and sentiment for a conversation, and
 * memories proposed from it for the person to accept. What to ask (instructions and a transcript) and
 * how to read the answer (JSON, checked field by field). Pure.
 */
import { MEMORY_TYPES, type MemoryType } from '../schema/memories.ts'
import { ModelError } from './chat-client.ts'

export type TranscriptMessage = {
  readonly id: string
  readonly role: 'user' | 'assistant' | 'system' | 'tool'
  readonly content: string
}

const SENTIMENTS = ['positive', 'neutral', 'negative', 'mixed'] as const
export type Insights = {
  readonly title: string
  readonly summary: string
  readonly topics: ReadonlyArray<string>
  readonly sentiment: (typeof SENTIMENTS)[number]
}

export type MemoryProposal = {
  readonly type: MemoryType
  readonly name: string
  readonly content: string
  readonly importance: number
  /** The message it came from. */
  readonly messageId: string
}

/** The conversation as numbered lines (`[3] user: …`), newest kept when it is too long. */
export const transcript = (messages: ReadonlyArray<TranscriptMessage>, maxChars = 12_000): string => {
  const lines = messages
    .filter((m) => m.role === 'user' || m.role === 'assistant')
    .map((m, i) => `[${i + 1}] ${m.role}: ${m.content.replace(/\s+/g, ' ').trim()}`)
  const kept: string[] = []
  let size = 0
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] as string
    if (size + line.length > maxChars && kept.length > 0) break
    kept.push(line.length > maxChars ? `${line.slice(0, maxChars)}…` : line)
    size += line.length + 1
  }
  return kept.reverse().join('\n')
}

export const INSIGHTS_INSTRUCTIONS = `You keep the records of this conversation. Answer with one JSON object and nothing else:
{"title": "at most 8 words", "summary": "2 to 4 sentences", "topics": ["1 to 5 short topics, lower case"], "sentiment": "positive" | "neutral" | "negative" | "mixed"}`

export const EXTRACTION_INSTRUCTIONS = `From the conversation below, pick what is worth remembering about the person long term: facts about them, preferences, people, plans, tasks. Skip small talk and anything only true today. Answer with one JSON object and nothing else:
{"memories": [{"type": one of ${MEMORY_TYPES.filter((t) => t !== 'fact')
  .map((t) => `"${t}"`)
  .join(
    ' | ',
  )}, "name": "a few words", "content": "one or two sentences", "importance": 0 to 100, "message": the [number] of the message it comes from}]}
Propose at most 8; an empty list is a fine answer.`

/** The first JSON object in a model's answer (models like to wrap it in prose or a code fence). */
export const jsonObjectIn = (answer: string): Record<string, unknown> => {
  const start = answer.indexOf('{')
  const end = answer.lastIndexOf('}')
  if (start === -1 || end <= start)
    throw new ModelError(
      'bad-response',
      'The model did not answer with the JSON asked for. Try again, or write it yourself.',
    )
  try {
    const parsed: unknown = JSON.parse(answer.slice(start, end + 1))
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('not an object')
    return parsed as Record<string, unknown>
  } catch {
    throw new ModelError(
      'bad-response',
      'The model’s answer was not valid JSON. Try again, or write it yourself.',
    )
  }
}

const str = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '')

/** Title, summary, topics and sentiment from the model's answer; what is missing or wrong is said. */
export const parseInsights = (answer: string): Insights => {
  const json = jsonObjectIn(answer)
  const title = str(json.title, 200).replace(/^["“]|["”]$/g, '')
  if (title === '')
    throw new ModelError('bad-response', 'The model’s answer had no title. Try again, or write it yourself.')
  const topics = Array.isArray(json.topics)
    ? [...new Set(json.topics.map((t) => str(t, 60).toLowerCase()).filter((t) => t !== ''))].slice(0, 20)
    : []
  const sentiment = str(json.sentiment, 20).toLowerCase()
  return {
    title,
    summary: str(json.summary, 5_000),
    topics,
    sentiment: (SENTIMENTS as ReadonlyArray<string>).includes(sentiment)
      ? (sentiment as Insights['sentiment'])
      : 'neutral',
  }
}

/**
 * The proposed memories in the model's answer, each tied to the message it names (by its number in
 * the transcript; the last message when the number is missing or wrong). Malformed entries are dropped.
 */
export const parseProposals = (
  answer: string,
  messages: ReadonlyArray<TranscriptMessage>,
): MemoryProposal[] => {
  const json = jsonObjectIn(answer)
  const spoken = messages.filter((m) => m.role === 'user' || m.role === 'assistant')
  const last = spoken.at(-1)
  if (!Array.isArray(json.memories) || last === undefined) return []
  const out: MemoryProposal[] = []
  for (const entry of json.memories.slice(0, 8)) {
    if (entry === null || typeof entry !== 'object') continue
    const e = entry as Record<string, unknown>
    const name = str(e.name, 200)
    const content = str(e.content, 2_000)
    if (name === '' || content === '') continue
    const type = str(e.type, 20).toLowerCase()
    const importance = typeof e.importance === 'number' && Number.isFinite(e.importance) ? e.importance : 50
    const index = typeof e.message === 'number' ? e.message : Number(e.message)
    const source = Number.isInteger(index) ? spoken[index - 1] : undefined
    out.push({
      type:
        (MEMORY_TYPES as ReadonlyArray<string>).includes(type) && type !== 'fact'
          ? (type as MemoryType)
          : 'knowledge',
      name,
      content,
      importance: Math.round(Math.min(100, Math.max(0, importance))),
      messageId: (source ?? last).id,
    })
  }
  return out
}
