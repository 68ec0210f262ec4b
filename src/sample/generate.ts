import { BATCH_ROWS } from '../commands/bulk.ts'
import type {
  AttachmentMeta,
  ConversationRecord,
  MessageRecord,
  Sentiment,
  ToolCall,
} from '../schema/conversations.ts'
import type { MemoryRecord, MemorySource, MemoryTier, MemoryType } from '../schema/memories.ts'
import type { PersonaRecord } from '../schema/personas.ts'
import type { RunRecord, RunStatus, WorkflowRecord, WorkflowStep } from '../schema/workflows.ts'
import {
  ATTACHMENTS,
  type ChatContext,
  chatContext,
  GENERIC_TURNS,
  pickTopic,
  TOOLS,
  type Turn,
} from './conversation-text.ts'
import { writeMemory } from './memory-text.ts'
import { ARCHETYPES, type Archetype, type ModelChoice } from './persona-profiles.ts'
import { allocate, Random, WeightedTable } from './random.ts'
import {
  STEP_ERRORS,
  stepDuration,
  triggerPeriodMinutes,
  WORKFLOW_SPECS,
  type WorkflowSpec,
} from './workflow-specs.ts'

export type SampleOptions = {
  /** Same seed and options → identical data (ids included). */
  seed: number
  personas: number
  /** Total memories, spread unevenly over the personas. */
  memories: number
  conversations: number
  /** Average; the total is exactly `round(conversations × messagesPerConversation)`. */
  messagesPerConversation: number
  /** Ordinary workflows; each gets at least one run when there are enough runs. */
  workflows: number
  /** Average; the total is exactly `workflows × runsPerWorkflow`. */
  runsPerWorkflow: number
  /** Workflow templates (no runs, no persona), in addition to `workflows`. Default 0. */
  workflowTemplates?: number
  /** Epoch ms all timestamps derive from: the data spans the ~2 years before it. */
  now: number
  /** Rows per batch event. Default 1000. */
  batchSize?: number
}

/** Row counts per kind; their sum is the total rows the batches carry. */
export type SampleTotals = {
  personas: number
  memories: number
  conversations: number
  messages: number
  workflows: number
  runs: number
}

type BatchOf<K extends string, D> = { kind: K; data: D; rows: number; label: string }

/**
 * One batch of plaintext records and how many rows it carries. `sealSampleBatch` turns it into the
 * batch event the store commits: the generator never sees a key, so it stays deterministic.
 */
export type SampleBatch =
  | BatchOf<'personas', { personas: PersonaRecord[] }>
  | BatchOf<'memories', { memories: MemoryRecord[] }>
  | BatchOf<'conversations', { conversations: ConversationRecord[]; messages: MessageRecord[] }>
  | BatchOf<'workflows', { workflows: WorkflowRecord[]; runs: RunRecord[] }>

export const DEFAULT_BATCH_SIZE = BATCH_ROWS

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** The sample data covers about this much history before `now`. */
const HISTORY_DAYS = 730

type Resolved = Required<SampleOptions>

const resolve = (options: SampleOptions): Resolved => {
  const o: Resolved = { workflowTemplates: 0, batchSize: DEFAULT_BATCH_SIZE, ...options }
  const counts = [
    'personas',
    'memories',
    'conversations',
    'workflows',
    'workflowTemplates',
    'batchSize',
  ] as const
  for (const key of counts) {
    if (!Number.isInteger(o[key]) || o[key] < 0)
      throw new RangeError(`sample: ${key} must be a whole number ≥ 0`)
  }
  if (o.batchSize < 1) throw new RangeError('sample: batchSize must be at least 1')
  for (const key of ['messagesPerConversation', 'runsPerWorkflow'] as const) {
    if (!Number.isFinite(o[key]) || o[key] < 0) throw new RangeError(`sample: ${key} must be a number ≥ 0`)
  }
  if (!Number.isInteger(o.seed)) throw new RangeError('sample: seed must be an integer')
  if (!Number.isFinite(o.now) || o.now < HISTORY_DAYS * 2 * DAY)
    throw new RangeError('sample: now must be epoch ms')
  if (o.personas === 0 && (o.memories > 0 || o.conversations > 0)) {
    throw new RangeError('sample: memories and conversations need at least one persona')
  }
  return o
}

// ——— the plan: who owns what, decided up front (small: one entry per persona, conversation, workflow) ———

type PersonaPlan = {
  id: string
  name: string
  archetype: Archetype
  model: ModelChoice
  createdAt: number
  /** Memories may not be older than this (the persona's retention, if any). */
  memoriesFrom: number
  memoryCount: number
  active: boolean
}

type ConversationPlan = { personaIndex: number; messageCount: number }

type WorkflowPlan = {
  id: string
  name: string
  spec: WorkflowSpec
  personaIndex: number | null
  isTemplate: boolean
  templateOrigin: string | null
  enabled: boolean
  runCount: number
  /** Position among ordinary workflows (drives which ones show a running or pending run). */
  ordinal: number
}

type Plan = {
  o: Resolved
  personas: PersonaPlan[]
  conversations: ConversationPlan[]
  messageTotal: number
  /** Per persona: indexes of its conversations that have messages. */
  chatsByPersona: number[][]
  workflows: WorkflowPlan[]
  /** Per persona: indexes of workflows with runs that belong to it or to no persona. */
  runnableByPersona: number[][]
}

const ids = {
  persona: (seed: number, n: number) => `persona-${seed}-${n}`,
  memory: (seed: number, n: number) => `mem-${seed}-${n}`,
  conversation: (seed: number, c: number) => `conv-${seed}-${c + 1}`,
  message: (seed: number, c: number, k: number) => `msg-${seed}-${c + 1}-${k + 1}`,
  workflow: (seed: number, w: number) => `wf-${seed}-${w + 1}`,
  run: (seed: number, w: number, k: number) => `run-${seed}-${w + 1}-${k + 1}`,
}

const makePlan = (o: Resolved): Plan => {
  const r = new Random(o.seed, 'plan')

  const order = r.shuffle(ARCHETYPES)
  const weights: number[] = []
  const personaDrafts = Array.from({ length: o.personas }, (_, i) => {
    const archetype = order[i % order.length] as Archetype
    const round = Math.floor(i / order.length)
    weights.push((1 / (i + 1)) ** 0.9 * r.float(0.6, 1.4))
    const ageDays =
      o.personas === 1 ? HISTORY_DAYS : HISTORY_DAYS - (i * (HISTORY_DAYS * 0.75)) / (o.personas - 1)
    const createdAt = Math.round(o.now - ageDays * DAY - r.float(0, 10) * DAY)
    const retention = archetype.retentionDays
    return {
      id: ids.persona(o.seed, i + 1),
      name: round === 0 ? archetype.name : `${archetype.name} ${round + 1}`,
      archetype,
      model: r.weighted(
        archetype.models,
        archetype.models.map((_, k) => 1 / (k + 1)),
      ),
      createdAt,
      memoriesFrom: retention === null ? createdAt : Math.max(createdAt, o.now - retention * 0.95 * DAY),
      active: !(o.personas >= 4 && i === o.personas - 1),
    }
  })
  const memoryCounts = allocate(o.memories, weights)
  const personas: PersonaPlan[] = personaDrafts.map((p, i) => ({ ...p, memoryCount: memoryCounts[i] ?? 0 }))

  // Conversations: owner weighted like memories; message counts vary but add up exactly.
  const owner = o.personas > 0 ? new WeightedTable(weights.map((w, i) => [i, w] as const)) : null
  const messageTotal = Math.round(o.conversations * o.messagesPerConversation)
  const avg = o.messagesPerConversation
  const minMessages = avg >= 2 ? 2 : 0
  const conversations: ConversationPlan[] = Array.from({ length: o.conversations }, () => ({
    personaIndex: owner === null ? 0 : owner.pick(r),
    messageCount: Math.max(minMessages, Math.round(avg * r.float(0.35, 1.65))),
  }))
  let diff = messageTotal - conversations.reduce((s, c) => s + c.messageCount, 0)
  while (diff !== 0 && conversations.length > 0) {
    const c = conversations[r.int(0, conversations.length - 1)] as ConversationPlan
    if (diff > 0) {
      c.messageCount++
      diff--
    } else if (c.messageCount > minMessages) {
      c.messageCount--
      diff++
    }
  }
  const chatsByPersona: number[][] = personas.map(() => [])
  conversations.forEach((c, i) => {
    if (c.messageCount > 0) chatsByPersona[c.personaIndex]?.push(i)
  })

  // Workflows: templates first, then ordinary ones matched to their persona's domains.
  const specs = r.shuffle(WORKFLOW_SPECS)
  const names = new Set<string>()
  const uniqueName = (base: string, owner: string | null) => {
    let name = base
    if (names.has(name) && owner !== null) name = `${base} (${owner})`
    for (let k = 2; names.has(name); k++) name = `${base} #${k}`
    names.add(name)
    return name
  }
  const workflows: WorkflowPlan[] = []
  const templateBySpec = new Map<WorkflowSpec, string>()
  for (let t = 0; t < o.workflowTemplates; t++) {
    const spec = specs[t % specs.length] as WorkflowSpec
    const id = ids.workflow(o.seed, workflows.length)
    if (!templateBySpec.has(spec)) templateBySpec.set(spec, id)
    workflows.push({
      id,
      name: uniqueName(spec.name, null),
      spec,
      personaIndex: null,
      isTemplate: true,
      templateOrigin: null,
      enabled: false,
      runCount: 0,
      ordinal: -1,
    })
  }
  const usedSpecs = new Set<WorkflowSpec>()
  const runWeights: number[] = []
  for (let w = 0; w < o.workflows; w++) {
    const personaIndex = owner === null || r.chance(0.15) ? null : owner.pick(r)
    const persona = personaIndex === null ? null : personas[personaIndex]
    const fits = (s: WorkflowSpec) =>
      s.domain === 'general' || persona === null || persona?.archetype.domains.includes(s.domain)
    const spec = specs.find((s) => fits(s) && !usedSpecs.has(s)) ?? r.pick(specs.filter(fits))
    usedSpecs.add(spec)
    const template = templateBySpec.get(spec)
    const period = triggerPeriodMinutes(spec.trigger)
    runWeights.push((period !== null ? 2 : spec.trigger.kind === 'event' ? 1.2 : 0.7) * r.float(0.6, 1.4))
    workflows.push({
      id: ids.workflow(o.seed, workflows.length),
      name: uniqueName(spec.name, persona?.name ?? null),
      spec,
      personaIndex,
      isTemplate: false,
      templateOrigin: template !== undefined && r.chance(0.7) ? template : null,
      enabled: w % 4 === 1 || w % 4 === 3 || !r.chance(0.12),
      runCount: 0,
      ordinal: w,
    })
  }
  const runTotal = Math.round(o.workflows * o.runsPerWorkflow)
  const everyOne = runTotal >= o.workflows ? 1 : 0
  const runCounts = allocate(runTotal - everyOne * o.workflows, runWeights)
  const ordinary = workflows.filter((w) => !w.isTemplate)
  ordinary.forEach((w, i) => {
    w.runCount = (runCounts[i] ?? 0) + everyOne
  })
  const runnableByPersona: number[][] = personas.map((_, p) =>
    workflows.flatMap((w, i) =>
      w.runCount > 0 && (w.personaIndex === null || w.personaIndex === p) ? [i] : [],
    ),
  )

  return { o, personas, conversations, messageTotal, chatsByPersona, workflows, runnableByPersona }
}

/** Greedy grouping of items (each with a row size) into batches of at most `limit` rows. */
const groupBySize = (sizes: ReadonlyArray<number>, limit: number): Array<[number, number]> => {
  const groups: Array<[number, number]> = []
  let start = 0
  let rows = 0
  sizes.forEach((size, i) => {
    if (i > start && rows + size > limit) {
      groups.push([start, i])
      start = i
      rows = 0
    }
    rows += size
  })
  if (sizes.length > start) groups.push([start, sizes.length])
  return groups
}

const totalsOf = (plan: Plan): SampleTotals => ({
  personas: plan.personas.length,
  memories: plan.o.memories,
  conversations: plan.conversations.length,
  messages: plan.messageTotal,
  workflows: plan.workflows.length,
  runs: plan.workflows.reduce((s, w) => s + w.runCount, 0),
})

/** Row counts of what `generateSample(options)` yields, for progress bars (cheap: no text is written). */
export const sampleTotals = (options: SampleOptions): SampleTotals => totalsOf(makePlan(resolve(options)))

/** All rows `generateSample(options)` yields: the sum of `sampleTotals(options)`. */
export const sampleRowCount = (options: SampleOptions): number => {
  const t = sampleTotals(options)
  return t.personas + t.memories + t.conversations + t.messages + t.workflows + t.runs
}

// ——— helpers ———

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value))
const round2 = (value: number) => Math.round(value * 100) / 100
/** A time in [from, to], skewed towards `to` (recent) by `skew` > 1. */
const recentBetween = (r: Random, from: number, to: number, skew: number) =>
  Math.round(to - (to - from) * r.next() ** skew)
const range = (kind: string, from: number, to: number, total: number) =>
  `${kind} ${from.toLocaleString('en')}–${to.toLocaleString('en')} of ${total.toLocaleString('en')}`

// ——— personas ———

function* personaBatches(plan: Plan): Generator<SampleBatch> {
  const { o } = plan
  const r = new Random(o.seed, 'personas')
  const chats = plan.personas.map(() => 0)
  for (const c of plan.conversations) chats[c.personaIndex] = (chats[c.personaIndex] ?? 0) + 1
  const records: PersonaRecord[] = plan.personas.map((p, i) => {
    const a = p.archetype
    const jitter = (v: number) => round2(clamp(v + r.float(-0.1, 0.1), 0, 1))
    const usageCount = (chats[i] ?? 0) * r.int(1, 3) + r.int(0, 15)
    const lastUsedAt = p.active
      ? Math.round(o.now - r.float(0.02, 1.5) * (i + 1) * DAY)
      : Math.max(p.createdAt + DAY, Math.round(o.now - r.float(60, 160) * DAY))
    return {
      id: p.id,
      name: p.name,
      description: a.description,
      avatar: a.avatar,
      systemPrompt: a.systemPrompt.replace(`You are ${a.name},`, `You are ${p.name},`),
      personality: {
        friendliness: jitter(a.personality.friendliness),
        formality: jitter(a.personality.formality),
        humour: jitter(a.personality.humour),
        proactiveness: jitter(a.personality.proactiveness),
      },
      modelSettings: { endpoint: p.model.endpoint, model: p.model.model },
      memorySettings: { enabled: p.active || r.chance(0.5), retentionDays: a.retentionDays },
      apiKey: null,
      active: p.active,
      usageCount,
      lastUsedAt: usageCount === 0 ? null : Math.max(lastUsedAt, p.createdAt),
      createdAt: p.createdAt,
    }
  })
  for (let start = 0; start < records.length; start += o.batchSize) {
    const personas = records.slice(start, start + o.batchSize)
    yield {
      kind: 'personas',
      data: { personas },
      rows: personas.length,
      label: range('personas', start + 1, start + personas.length, records.length),
    }
  }
}

// ——— memories ———

const IMPORTANCE_MEAN: Record<MemoryType, number> = {
  person: 55,
  concept: 38,
  event: 50,
  task: 56,
  conversation: 34,
  knowledge: 44,
  fact: 66,
  preference: 60,
}
const EXPIRY_CHANCE: Record<MemoryType, number> = {
  person: 0.01,
  concept: 0.01,
  event: 0.12,
  task: 0.14,
  conversation: 0.05,
  knowledge: 0.02,
  fact: 0,
  preference: 0.02,
}
const SOURCES = new WeightedTable<MemorySource>([
  ['chat', 50],
  ['manual', 20],
  ['document', 12],
  ['workflow', 18],
])

function* memoryBatches(plan: Plan): Generator<SampleBatch> {
  const { o } = plan
  const r = new Random(o.seed, 'memories')
  let n = 0
  let batch: MemoryRecord[] = []
  let batchStart = 1
  for (let p = 0; p < plan.personas.length; p++) {
    const persona = plan.personas[p] as PersonaPlan
    const types = new WeightedTable(
      Object.entries(persona.archetype.memoryMix) as Array<[MemoryType, number]>,
    )
    const usedFactKeys = new Set<string>()
    const chats = plan.chatsByPersona[p] ?? []
    const runnable = plan.runnableByPersona[p] ?? []
    for (let j = 0; j < persona.memoryCount; j++) {
      n++
      const createdAt = recentBetween(r, persona.memoriesFrom, o.now - MINUTE, 1.6)
      const written = writeMemory(r, types.pick(r), usedFactKeys, createdAt)
      const type = written.type

      let importance = Math.round(clamp(r.normal(IMPORTANCE_MEAN[type], 16), 0, 100))
      if (r.chance(0.03)) importance = r.int(90, 100)

      // Last access is the latest of `accessCount` uniformly spread accesses since creation.
      const expectedAccesses = (importance / 100) ** 1.5 * 14 * r.float(0.2, 1.6)
      const accessCount = r.chance(0.2) ? 0 : Math.round(r.next() * expectedAccesses)
      const lastAccessedAt =
        accessCount === 0
          ? createdAt
          : Math.round(createdAt + (o.now - createdAt) * r.next() ** (1 / accessCount))

      const idleDays = (o.now - lastAccessedAt) / DAY
      let tier: MemoryTier = idleDays < 21 ? 'hot' : idleDays < 120 ? 'warm' : 'cold'
      if (tier === 'warm' && importance >= 85) tier = 'hot'
      else if (tier === 'cold' && (importance >= 80 || r.chance(0.1))) tier = 'warm'
      else if (tier === 'hot' && idleDays > 7 && r.chance(0.08)) tier = 'warm'

      let source: MemorySource = type === 'conversation' ? 'chat' : SOURCES.pick(r)
      let originKind: MemoryRecord['originKind'] = null
      let originId: string | null = null
      if (source === 'chat' && chats.length > 0) {
        const c = r.pick(chats)
        const count = plan.conversations[c]?.messageCount ?? 1
        originKind = 'message'
        originId = ids.message(o.seed, c, r.int(0, count - 1))
      } else if (source === 'workflow' && runnable.length > 0) {
        const w = r.pick(runnable)
        originKind = 'run'
        originId = ids.run(o.seed, w, r.int(0, (plan.workflows[w]?.runCount ?? 1) - 1))
      } else if (source === 'workflow') {
        source = 'manual'
      }
      const confidence =
        source === 'manual' ? 1 : round2(source === 'document' ? r.float(0.8, 1) : 1 - r.next() ** 2 * 0.45)

      batch.push({
        id: ids.memory(o.seed, n),
        personaId: persona.id,
        type,
        ...written.text,
        source,
        confidence,
        expiresAt: r.chance(EXPIRY_CHANCE[type]) ? Math.round(o.now + r.float(1, 120) * DAY) : null,
        importance,
        tier,
        originKind,
        originId,
        createdAt,
        lastAccessedAt,
        accessCount,
      })
      if (batch.length === o.batchSize) {
        yield memoryBatch(batch, batchStart, o.memories)
        batchStart += batch.length
        batch = []
      }
    }
  }
  if (batch.length > 0) yield memoryBatch(batch, batchStart, o.memories)
}

const memoryBatch = (memories: MemoryRecord[], start: number, total: number): SampleBatch => ({
  kind: 'memories',
  data: { memories },
  rows: memories.length,
  label: range('memories', start, start + memories.length - 1, total),
})

// ——— conversations ———

const SENTIMENTS = new WeightedTable<Sentiment | null>([
  ['neutral', 40],
  ['positive', 34],
  ['mixed', 14],
  ['negative', 8],
  [null, 4],
])

const tokensOf = (text: string) => Math.max(1, Math.round(text.length / 3.8))

const toolCall = (r: Random, id: string, ctx: ChatContext, query: string, at: number): ToolCall => {
  const name = r.pick(TOOLS)
  switch (name) {
    case 'search_memories': {
      const matches = r.int(0, 8)
      return {
        id,
        name,
        arguments: JSON.stringify({ query, limit: 8 }),
        result: JSON.stringify({ matches, scope: 'persona' }),
      }
    }
    case 'create_memory':
      return {
        id,
        name,
        arguments: JSON.stringify({
          type: r.pick(['fact', 'task', 'preference']),
          content: `About ${query}`,
        }),
        result: JSON.stringify({ saved: true }),
      }
    default:
      return {
        id,
        name,
        arguments: JSON.stringify({
          at: new Date(at + r.int(1, 7) * DAY).toISOString(),
          text: `Follow up: ${query}`,
        }),
        result: JSON.stringify({ scheduled: true, weekday: ctx.weekday }),
      }
  }
}

function* conversationBatches(plan: Plan): Generator<SampleBatch> {
  const { o } = plan
  const r = new Random(o.seed, 'conversations')
  const groups = groupBySize(
    plan.conversations.map((c) => 1 + c.messageCount),
    o.batchSize,
  )
  for (const [from, to] of groups) {
    const conversations: ConversationRecord[] = []
    const messages: MessageRecord[] = []
    for (let c = from; c < to; c++) {
      const cp = plan.conversations[c] as ConversationPlan
      const persona = plan.personas[cp.personaIndex] as PersonaPlan
      const { record, messages: written } = writeConversation(r, plan, c, cp, persona)
      conversations.push(record)
      messages.push(...written)
    }
    yield {
      kind: 'conversations',
      data: { conversations, messages },
      rows: conversations.length + messages.length,
      label: range('conversations', from + 1, to, plan.conversations.length),
    }
  }
}

const writeConversation = (r: Random, plan: Plan, c: number, cp: ConversationPlan, persona: PersonaPlan) => {
  const { o } = plan
  const ctx = chatContext(r)
  const topic = pickTopic(r, persona.archetype.domains)
  const model = persona.model
  const isLocal = model.inputPerMillion === 0 && model.outputPerMillion === 0
  let createdAt = recentBetween(r, persona.createdAt + HOUR, o.now - 10 * MINUTE, 1.5)
  let t = createdAt + r.int(2_000, 30_000)
  let contextTokens = tokensOf(persona.archetype.systemPrompt)
  // Memories retrieved into the context: about the same amount on every turn of a conversation.
  const retrievedTokens = r.int(0, 12) * 45
  const messages: MessageRecord[] = []
  const noUsage = { model: null, inputTokens: null, outputTokens: null, cost: null, latencyMs: null }
  const add = (role: MessageRecord['role'], content: string, extra: Partial<MessageRecord> = {}) => {
    messages.push({
      id: ids.message(o.seed, c, messages.length),
      conversationId: ids.conversation(o.seed, c),
      role,
      content,
      toolCalls: [],
      attachments: [],
      ...noUsage,
      createdAt: t,
      ...extra,
    })
    contextTokens += tokensOf(content)
  }
  const assistant = (content: string, toolCalls: ToolCall[] = []) => {
    const inputTokens = contextTokens + retrievedTokens + r.int(0, 40)
    const outputTokens = tokensOf(content) + r.int(0, 24) + toolCalls.length * 30
    const latencyMs = Math.round(
      r.int(150, 900) + outputTokens * (isLocal ? r.float(18, 55) : r.float(7, 18)),
    )
    t += latencyMs
    const cost = (inputTokens * model.inputPerMillion + outputTokens * model.outputPerMillion) / 1_000_000
    add('assistant', content, {
      toolCalls,
      model: model.model,
      inputTokens,
      outputTokens,
      cost: Math.round(cost * 1e8) / 1e8,
      latencyMs,
    })
  }

  // The script: the opener and its answer, then the topic's own turns in order, mixed with generic ones.
  const generic = r.shuffle(GENERIC_TURNS)
  const script: Turn[] = [[r.pick(topic.openers), topic.answer]]
  for (const turn of topic.turns) {
    while (generic.length > 0 && r.chance(0.3)) script.push(generic.pop() as Turn)
    if (r.chance(0.85)) script.push(turn)
  }
  script.push(...generic)

  for (let turn = 0; messages.length < cp.messageCount; turn++) {
    const [ask, answer] = script[turn] ?? r.pick(GENERIC_TURNS)
    if (turn > 0) t += r.chance(0.05) ? r.int(2 * HOUR, 3 * DAY) : r.int(15_000, 6 * MINUTE)
    const attachments: AttachmentMeta[] = r.chance(0.04)
      ? [{ ...r.pick(ATTACHMENTS), size: r.int(2_000, 4_000_000) }]
      : []
    add('user', ask(ctx), { attachments })
    const left = cp.messageCount - messages.length
    if (left === 0) break
    // The assistant answers, sometimes after a tool call.
    if (left >= 3 && r.chance(0.12)) {
      const call = toolCall(r, `call-${o.seed}-${c + 1}-${messages.length + 1}`, ctx, topic.query(ctx), t)
      assistant(
        r.pick(['Let me check my notes.', 'One moment, looking that up.', 'Checking what I remember…']),
        [call],
      )
      const toolLatency = r.int(5, 250)
      t += toolLatency
      add('tool', call.result ?? '', { latencyMs: toolLatency })
    }
    assistant(answer(ctx))
  }

  // Nothing may happen after `now`: slide a conversation that ran over back in time.
  const overrun = t - o.now
  const shift = overrun > 0 ? overrun + r.int(MINUTE, 2 * HOUR) : 0
  createdAt -= shift
  t -= shift
  const lastAt = messages.length > 0 ? t : createdAt
  const archivedAt =
    lastAt < o.now - 45 * DAY && r.chance(0.35) ? Math.min(o.now, lastAt + r.int(1, 30) * DAY) : null
  const record: ConversationRecord = {
    id: ids.conversation(o.seed, c),
    personaId: persona.id,
    title: topic.title(ctx),
    summary: cp.messageCount > 0 ? topic.summary(ctx) : '',
    topics: [...topic.topics],
    sentiment: cp.messageCount > 0 ? SENTIMENTS.pick(r) : null,
    importance: Math.round(clamp(r.normal(45, 18), 0, 100)),
    archivedAt,
    createdAt,
  }
  return {
    record,
    messages: shift === 0 ? messages : messages.map((m) => ({ ...m, createdAt: m.createdAt - shift })),
  }
}

// ——— workflows ———

const FINISHED = new WeightedTable<RunStatus>([
  ['success', 78],
  ['error', 14],
  ['cancelled', 8],
])

function* workflowBatches(plan: Plan): Generator<SampleBatch> {
  const { o } = plan
  const r = new Random(o.seed, 'workflows')
  const groups = groupBySize(
    plan.workflows.map((w) => 1 + w.runCount),
    o.batchSize,
  )
  // The first two older runs are an error and a cancellation, so every status shows up.
  const forced: RunStatus[] = ['error', 'cancelled']
  for (const [from, to] of groups) {
    const workflows: WorkflowRecord[] = []
    const runs: RunRecord[] = []
    for (let w = from; w < to; w++) {
      const written = writeWorkflow(r, plan, w, forced)
      workflows.push(written.record)
      runs.push(...written.runs)
    }
    yield {
      kind: 'workflows',
      data: { workflows, runs },
      rows: workflows.length + runs.length,
      label: range('workflows', from + 1, to, plan.workflows.length),
    }
  }
}

const writeWorkflow = (r: Random, plan: Plan, w: number, forced: RunStatus[]) => {
  const { o } = plan
  const wp = plan.workflows[w] as WorkflowPlan
  const persona = wp.personaIndex === null ? null : (plan.personas[wp.personaIndex] ?? null)
  const lifeStart = persona?.createdAt ?? o.now - HISTORY_DAYS * DAY
  const steps: WorkflowStep[] = wp.spec.steps.map((s, i) => ({
    id: `s${i + 1}`,
    kind: s.kind,
    config: { ...s.config },
  }))
  const total = steps.length
  let createdAt = Math.round(lifeStart + (o.now - lifeStart) * r.float(0.02, 0.6))

  // When the runs happened: scheduled ones at their period back from the latest, others at random.
  const k = wp.runCount
  const times: number[] = []
  if (k > 0) {
    const end = wp.enabled ? o.now - r.int(MINUTE, HOUR) : o.now - r.float(3, 60) * DAY
    const periodMinutes = triggerPeriodMinutes(wp.spec.trigger)
    if (periodMinutes !== null) {
      const period = Math.min(periodMinutes * MINUTE, ((end - lifeStart) * 0.9) / k)
      for (let j = k - 1; j >= 0; j--) times.push(Math.round(end - j * period - r.float(0, 0.05) * period))
    } else {
      for (let j = 0; j < k; j++) times.push(recentBetween(r, createdAt, end, 1.3))
      times.sort((a, b) => a - b)
    }
    createdAt = Math.min(createdAt, (times[0] ?? createdAt) - r.int(HOUR, 5 * DAY))
    createdAt = Math.max(createdAt, lifeStart)
  }

  const runs: RunRecord[] = times.map((at, j) => {
    const latest = j === k - 1
    let status: RunStatus
    if (latest && wp.enabled && wp.ordinal % 4 === 1) status = 'running'
    else if (latest && wp.enabled && wp.ordinal % 4 === 3) status = 'pending'
    else if (!latest && forced.length > 0) status = forced.shift() as RunStatus
    else status = FINISHED.pick(r)

    const trigger = wp.spec.trigger
    const triggerName =
      trigger.kind === 'manual' || r.chance(0.1)
        ? 'manual'
        : trigger.kind === 'schedule'
          ? 'schedule'
          : `event:${trigger.event}`
    const base = {
      id: ids.run(o.seed, w, j),
      workflowId: wp.id,
      status,
      trigger: triggerName,
      stepsTotal: total,
      result: null,
      error: null,
    }
    if (status === 'pending') {
      return {
        ...base,
        createdAt: o.now - r.int(1_000, 30_000),
        startedAt: null,
        finishedAt: null,
        stepsCompleted: 0,
        currentStep: null,
      }
    }
    if (status === 'running') {
      const startedAt = o.now - r.int(5_000, 50_000)
      const done = r.int(0, total - 1)
      return {
        ...base,
        createdAt: startedAt - r.int(5, 800),
        startedAt,
        finishedAt: null,
        stepsCompleted: done,
        currentStep: steps[done]?.id ?? null,
      }
    }
    const done = status === 'success' ? total : r.int(0, total - 1)
    let duration = 0
    for (let s = 0; s < Math.min(total, done + 1); s++)
      duration += stepDuration(r, wp.spec.steps[s] ?? { kind: 'notify', config: {} })
    const createdAtRun = Math.min(at, o.now - duration - r.int(MINUTE, HOUR))
    const startedAt = createdAtRun + r.int(5, 1500)
    const failedStep = steps[done]
    return {
      ...base,
      createdAt: createdAtRun,
      startedAt,
      finishedAt: startedAt + duration,
      stepsCompleted: done,
      currentStep: null,
      result:
        status === 'success'
          ? wp.spec.result(r)
          : status === 'cancelled'
            ? `Cancelled by the user at step ${done + 1} of ${total}.`
            : null,
      error:
        status === 'error' && failedStep !== undefined
          ? `Step ${done + 1} (${failedStep.kind}): ${r.pick(STEP_ERRORS[failedStep.kind])}`
          : null,
    }
  })
  if (runs.length > 0) createdAt = Math.min(createdAt, ...runs.map((run) => run.createdAt))

  const record: WorkflowRecord = {
    id: wp.id,
    name: wp.name,
    description: wp.spec.description,
    personaId: persona?.id ?? null,
    definition: { trigger: wp.spec.trigger, steps },
    tags: wp.isTemplate ? [...wp.spec.tags, 'template'] : [...wp.spec.tags],
    enabled: wp.enabled,
    isTemplate: wp.isTemplate,
    templateOrigin: wp.templateOrigin,
    createdAt,
  }
  return { record, runs }
}

/**
 * Realistic sample data as a lazy sequence of record batches: personas first (so every memory's
 * persona exists), then memories, conversations with their messages, and workflows with their runs.
 * Rows are written only as batches are pulled, so 100k memories never sit in memory at once.
 * Same options → identical records.
 */
export function* generateSample(options: SampleOptions): Generator<SampleBatch, void, undefined> {
  const plan = makePlan(resolve(options))
  yield* personaBatches(plan)
  yield* memoryBatches(plan)
  yield* conversationBatches(plan)
  yield* workflowBatches(plan)
}
