import { Schema } from '@livestore/livestore'
import { describe, expect, test } from 'vitest'
import type { ConversationRecord, MessageRecord } from '../schema/conversations.ts'
import { events } from '../schema/index.ts'
import { type MemoryRecord, memoryFields, type SealedMemoryRecord } from '../schema/memories.ts'
import type { PersonaRecord } from '../schema/personas.ts'
import { RUN_STATUSES, type RunRecord, STEP_KINDS, type WorkflowRecord } from '../schema/workflows.ts'
import { TEST_KEY } from '../testing/builders.ts'
import {
  DEFAULT_BATCH_SIZE,
  generateSample,
  type SampleBatch,
  type SampleOptions,
  sampleRowCount,
  sampleTotals,
} from './generate.ts'
import { presetOptions } from './presets.ts'
import { sealSampleBatch } from './seal-batch.ts'

const NOW = Date.UTC(2025, 5, 1, 12)
const DAY = 86_400_000

const options = (overrides: Partial<SampleOptions> = {}): SampleOptions => ({
  ...presetOptions('small', 42, NOW),
  ...overrides,
})

/** Each batch kind's event, and a decoder of its args with the event's own schema. */
const EVENTS: Record<SampleBatch['kind'], { name: string; decode: (args: unknown) => unknown }> = {
  personas: {
    name: events.personasImported.name,
    decode: Schema.decodeUnknownSync(events.personasImported.schema),
  },
  memories: {
    name: events.memoriesImported.name,
    decode: Schema.decodeUnknownSync(events.memoriesImported.schema),
  },
  conversations: {
    name: events.conversationsImported.name,
    decode: Schema.decodeUnknownSync(events.conversationsImported.schema),
  },
  workflows: {
    name: events.workflowsImported.name,
    decode: Schema.decodeUnknownSync(events.workflowsImported.schema),
  },
}

/** Every row of every batch, by kind. */
const collect = (o: SampleOptions) => {
  const batches: SampleBatch[] = [...generateSample(o)]
  const personas: PersonaRecord[] = []
  const memories: MemoryRecord[] = []
  const conversations: ConversationRecord[] = []
  const messages: MessageRecord[] = []
  const workflows: WorkflowRecord[] = []
  const runs: RunRecord[] = []
  for (const b of batches) {
    if (b.kind === 'personas') personas.push(...b.data.personas)
    else if (b.kind === 'memories') memories.push(...b.data.memories)
    else if (b.kind === 'conversations') {
      conversations.push(...b.data.conversations)
      messages.push(...b.data.messages)
    } else {
      workflows.push(...b.data.workflows)
      runs.push(...b.data.runs)
    }
  }
  return { batches, personas, memories, conversations, messages, workflows, runs }
}

const byConversationId = (messages: ReadonlyArray<MessageRecord>) => {
  const groups = new Map<string, MessageRecord[]>()
  for (const m of messages) groups.set(m.conversationId, [...(groups.get(m.conversationId) ?? []), m])
  return groups
}

const small = collect(options())
const medium = collect({ ...presetOptions('medium', 7, NOW), memories: 20_000, batchSize: 2_500 })

describe('determinism', () => {
  test('the same options give identical batches', () => {
    expect(collect(options()).batches).toEqual(small.batches)
  })

  test('another seed gives other data and other ids', () => {
    const other = collect(options({ seed: 43 }))
    expect(other.memories.map((m) => m.content)).not.toEqual(small.memories.map((m) => m.content))
    const ids = new Set(small.memories.map((m) => m.id))
    expect(other.memories.some((m) => ids.has(m.id))).toBe(false)
  })

  test('the batch size changes only how rows are grouped', () => {
    const regrouped = collect(options({ batchSize: 37 }))
    expect(regrouped.personas).toEqual(small.personas)
    expect(regrouped.memories).toEqual(small.memories)
    expect(regrouped.conversations).toEqual(small.conversations)
    expect(regrouped.messages).toEqual(small.messages)
    expect(regrouped.workflows).toEqual(small.workflows)
    expect(regrouped.runs).toEqual(small.runs)
  })

  test('ids are unique and derived from the seed', () => {
    for (const rows of [
      small.personas,
      small.memories,
      small.conversations,
      small.messages,
      small.workflows,
      small.runs,
    ]) {
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
    }
    expect(small.memories[0]?.id).toBe('mem-42-1')
  })
})

describe('counts and batches', () => {
  test('row counts match the options exactly, and sampleTotals agrees', () => {
    const o = options()
    expect(small.personas).toHaveLength(3)
    expect(small.memories).toHaveLength(200)
    expect(small.conversations).toHaveLength(20)
    expect(small.messages).toHaveLength(20 * 12)
    expect(small.workflows.filter((w) => !w.isTemplate)).toHaveLength(5)
    expect(small.runs).toHaveLength(5 * 4)
    expect(sampleTotals(o)).toEqual({
      personas: 3,
      memories: 200,
      conversations: 20,
      messages: 240,
      workflows: 5 + (o.workflowTemplates ?? 0),
      runs: 20,
    })
    expect(sampleRowCount(o)).toBe(small.batches.reduce((s, b) => s + b.rows, 0))
  })

  test('averages that do not divide evenly still give exact totals', () => {
    const o = options({ conversations: 7, messagesPerConversation: 5.5, workflows: 3, runsPerWorkflow: 2.5 })
    const data = collect(o)
    expect(data.messages).toHaveLength(Math.round(7 * 5.5))
    expect(data.runs).toHaveLength(Math.round(3 * 2.5))
    expect(sampleTotals(o).messages).toBe(39)
  })

  test('each batch says how many rows it carries and stays within the batch size', () => {
    const batchSize = 100
    const { batches } = collect(options({ batchSize, memories: 1_050 }))
    for (const b of batches) {
      const data = b.data as Record<string, unknown[]>
      const rows = Object.values(data).reduce((s, list) => s + list.length, 0)
      expect(b.rows).toBe(rows)
      const oneItem =
        (b.kind === 'conversations' && b.data.conversations.length === 1) ||
        (b.kind === 'workflows' && b.data.workflows.length === 1)
      if (!oneItem) expect(b.rows).toBeLessThanOrEqual(batchSize)
      expect(b.label).toMatch(new RegExp(`^${b.kind} `))
    }
    expect(batches.filter((b) => b.kind === 'memories').map((b) => b.rows)).toEqual([
      ...Array(10).fill(100),
      50,
    ])
  })

  test('personas come first, then memories, conversations and workflows', () => {
    const kinds = small.batches.map((b) => b.kind)
    expect(kinds).toEqual(['personas', 'memories', 'conversations', 'workflows'])
  })

  test('nothing is generated for zero counts', () => {
    const data = collect(options({ memories: 0, conversations: 0, workflows: 0, workflowTemplates: 0 }))
    expect(data.batches.map((b) => b.kind)).toEqual(['personas'])
  })

  test('generation is lazy: the first batches of the large preset come without writing the rest', () => {
    const iterator = generateSample(presetOptions('large', 1, NOW))
    expect(iterator.next().value?.kind).toBe('personas')
    const second = iterator.next().value
    expect(second?.kind).toBe('memories')
    expect(second?.rows).toBe(DEFAULT_BATCH_SIZE)
    iterator.return()
  })

  test('bad options are refused', () => {
    expect(() => sampleTotals(options({ memories: -1 }))).toThrow(RangeError)
    expect(() => sampleTotals(options({ batchSize: 0 }))).toThrow(RangeError)
    expect(() => sampleTotals(options({ personas: 0 }))).toThrow(/persona/)
    expect(() => sampleTotals(options({ seed: 1.5 }))).toThrow(RangeError)
  })
})

describe('every event is valid', () => {
  test.each([
    ['small', small.batches],
    ['medium', medium.batches],
  ])("%s: each batch, sealed, decodes with its event's schema", (_, batches) => {
    for (const b of batches) {
      const { name, decode } = EVENTS[b.kind]
      const sealed = sealSampleBatch(TEST_KEY, b)
      expect(sealed).toMatchObject({ kind: b.kind, rows: b.rows, label: b.label })
      expect(sealed.event.name).toBe(name)
      expect(() => decode(sealed.event.args)).not.toThrow()
    }
  })

  test('the check would catch plaintext in a sealed field', () => {
    const batch = small.batches.find((b) => b.kind === 'memories')
    if (batch === undefined) throw new Error('no memory batch')
    const { event } = sealSampleBatch(TEST_KEY, batch)
    const [first, ...rest] = (event.args as { memories: Array<Record<string, unknown>> }).memories
    expect(() => EVENTS.memories.decode({ memories: [first, ...rest] })).not.toThrow()
    const plainContent = { ...first, content: 'Prefers green tea in the afternoon.' }
    expect(() => EVENTS.memories.decode({ memories: [plainContent, ...rest] })).toThrow()
    const plainTags = { ...first, tags: ['drinks'] }
    expect(() => EVENTS.memories.decode({ memories: [plainTags, ...rest] })).toThrow()
    // The unsealed batch itself is refused as a whole.
    expect(() => EVENTS.memories.decode(batch.data)).toThrow()
  })

  test('sealing changes no plain field and opens back to the generated records', () => {
    const batch = small.batches.find((b) => b.kind === 'memories')
    if (batch?.kind !== 'memories') throw new Error('no memory batch')
    const { event } = sealSampleBatch(TEST_KEY, batch)
    const sealed = (event.args as { memories: SealedMemoryRecord[] }).memories
    expect(sealed.map((m) => memoryFields.openStrict(TEST_KEY, m))).toEqual(
      batch.data.memories.map((m) => ({ ...m, unreadable: false })),
    )
  })
})

describe('personas', () => {
  test('profiles are complete, with 0–1 personalities and a model endpoint', () => {
    const names = new Set(medium.personas.map((p) => p.name))
    expect(names.size).toBe(medium.personas.length)
    for (const p of medium.personas) {
      expect(p.description.length).toBeGreaterThan(20)
      expect(p.systemPrompt).toContain(p.name)
      expect(p.avatar.length).toBeGreaterThan(0)
      for (const v of Object.values(p.personality)) expect(v >= 0 && v <= 1).toBe(true)
      expect(p.modelSettings.endpoint).toMatch(/^https?:\/\//)
      expect(p.apiKey).toBeNull()
      expect(p.createdAt).toBeLessThan(NOW)
      if (p.lastUsedAt !== null) expect(p.lastUsedAt).toBeGreaterThanOrEqual(p.createdAt)
    }
    expect(medium.personas.some((p) => !p.active)).toBe(true)
  })
})

describe('memories', () => {
  const { memories, personas } = medium

  test('every memory belongs to a generated persona, spread unevenly', () => {
    const ids = new Set(personas.map((p) => p.id))
    const counts = new Map<string, number>()
    for (const m of memories) {
      expect(ids.has(m.personaId)).toBe(true)
      counts.set(m.personaId, (counts.get(m.personaId) ?? 0) + 1)
    }
    expect(counts.size).toBe(personas.length)
    const sizes = [...counts.values()]
    expect(Math.max(...sizes)).toBeGreaterThan(1.5 * Math.min(...sizes))
  })

  test('values are in range and timestamps make sense', () => {
    const created = new Map(personas.map((p) => [p.id, p.createdAt]))
    const broken = memories.filter(
      (m) =>
        !Number.isInteger(m.importance) ||
        m.importance < 0 ||
        m.importance > 100 ||
        m.confidence < 0 ||
        m.confidence > 1 ||
        m.createdAt < (created.get(m.personaId) ?? Infinity) ||
        m.createdAt > NOW ||
        m.lastAccessedAt < m.createdAt ||
        m.lastAccessedAt > NOW ||
        (m.accessCount === 0 && m.lastAccessedAt !== m.createdAt) ||
        (m.expiresAt !== null && m.expiresAt <= NOW) ||
        m.summary.length >= m.content.length ||
        (m.originKind === null) !== (m.originId === null),
    )
    expect(broken).toEqual([])
    expect(Math.min(...memories.map((m) => m.createdAt))).toBeGreaterThan(NOW - 760 * DAY)
  })

  test('importance is skewed: most in the middle, a few very high', () => {
    const share = (pred: (m: MemoryRecord) => boolean) => memories.filter(pred).length / memories.length
    expect(share((m) => m.importance >= 25 && m.importance <= 75)).toBeGreaterThan(0.6)
    expect(share((m) => m.importance >= 90)).toBeGreaterThan(0.02)
    expect(share((m) => m.importance >= 90)).toBeLessThan(0.12)
  })

  test('recent memories are mostly hot, old idle ones warm or cold; about 5% expire', () => {
    const recent = memories.filter((m) => m.lastAccessedAt > NOW - 7 * DAY)
    const idle = memories.filter((m) => m.lastAccessedAt < NOW - 200 * DAY)
    const hot = (list: MemoryRecord[]) => list.filter((m) => m.tier === 'hot').length / list.length
    expect(hot(recent)).toBeGreaterThan(0.85)
    expect(hot(idle)).toBeLessThan(0.1)
    expect(idle.filter((m) => m.tier === 'cold').length / idle.length).toBeGreaterThan(0.6)
    const expiring = memories.filter((m) => m.expiresAt !== null).length / memories.length
    expect(expiring).toBeGreaterThan(0.03)
    expect(expiring).toBeLessThan(0.08)
  })

  test('all types, sources and tiers occur', () => {
    for (const key of ['type', 'source', 'tier'] as const) {
      expect(new Set(memories.map((m) => m[key])).size).toBeGreaterThanOrEqual(key === 'tier' ? 3 : 4)
    }
    expect(new Set(memories.map((m) => m.type)).size).toBe(8)
  })

  test('facts have a category and a key unique per persona', () => {
    const facts = memories.filter((m) => m.type === 'fact')
    expect(facts.length).toBeGreaterThan(500)
    const keys = new Set<string>()
    for (const f of facts) {
      expect(f.factCategory).not.toBeNull()
      const key = `${f.personaId}/${f.factKey}`
      expect(keys.has(key)).toBe(false)
      keys.add(key)
    }
    expect(memories.filter((m) => m.type !== 'fact').every((m) => m.factKey === null)).toBe(true)
  })

  test('origins point at generated messages and runs', () => {
    const messageIds = new Set(medium.messages.map((m) => m.id))
    const runIds = new Set(medium.runs.map((r) => r.id))
    const withOrigin = memories.filter((m) => m.originId !== null)
    expect(withOrigin.length).toBeGreaterThan(memories.length / 3)
    for (const m of withOrigin) {
      if (m.originKind === 'message') expect(messageIds.has(m.originId ?? '')).toBe(true)
      else expect(runIds.has(m.originId ?? '')).toBe(true)
    }
  })

  test('contents are varied: more than 90% distinct at 20k memories', () => {
    expect(memories).toHaveLength(20_000)
    expect(new Set(memories.map((m) => m.content)).size / memories.length).toBeGreaterThan(0.9)
  })
})

describe('conversations', () => {
  const { conversations, messages, personas } = medium

  test('each conversation belongs to a persona and has ordered messages within its lifetime', () => {
    const personaIds = new Set(personas.map((p) => p.id))
    const byConversation = byConversationId(messages)
    for (const c of conversations) {
      expect(personaIds.has(c.personaId)).toBe(true)
      expect(c.title.length).toBeGreaterThan(0)
      expect(Number.isInteger(c.importance) && c.importance >= 0 && c.importance <= 100).toBe(true)
      const list = byConversation.get(c.id) ?? []
      let previous = c.createdAt
      for (const m of list) {
        expect(m.createdAt).toBeGreaterThanOrEqual(previous)
        previous = m.createdAt
      }
      expect(previous).toBeLessThanOrEqual(NOW)
      if (c.archivedAt !== null) expect(c.archivedAt).toBeGreaterThanOrEqual(previous)
    }
    expect(byConversation.size).toBe(conversations.length)
  })

  test('users and assistants take turns; tool calls sit between an assistant call and its answer', () => {
    const byConversation = byConversationId(messages)
    for (const list of byConversation.values()) {
      expect(list[0]?.role).toBe('user')
      list.forEach((m, i) => {
        const previous = list[i - 1]
        if (m.role === 'tool') {
          expect(previous?.role).toBe('assistant')
          expect(previous?.toolCalls.length).toBe(1)
        } else if (m.role === 'user' && previous !== undefined) {
          expect(previous.role).toBe('assistant')
        } else if (m.role === 'assistant' && previous?.role === 'assistant') {
          throw new Error('two assistant messages in a row')
        }
      })
    }
    expect(messages.some((m) => m.role === 'tool')).toBe(true)
    expect(messages.some((m) => m.attachments.length > 0)).toBe(true)
  })

  test('assistant messages carry model accounting; user messages do not', () => {
    for (const m of messages) {
      if (m.role === 'assistant') {
        expect(m.model).not.toBeNull()
        expect(m.inputTokens).toBeGreaterThan(0)
        expect(m.outputTokens).toBeGreaterThan(0)
        expect(m.cost).toBeGreaterThanOrEqual(0)
        expect(m.latencyMs).toBeGreaterThan(0)
      } else {
        expect(m.model).toBeNull()
        expect(m.inputTokens).toBeNull()
      }
    }
  })

  test('sentiments vary and some old conversations are archived', () => {
    expect(new Set(conversations.map((c) => c.sentiment)).size).toBeGreaterThanOrEqual(4)
    expect(conversations.some((c) => c.archivedAt !== null)).toBe(true)
  })
})

describe('workflows', () => {
  test('definitions have a trigger and 2–5 steps of known kinds; templates have no runs', () => {
    for (const w of medium.workflows) {
      expect(['manual', 'schedule', 'event']).toContain(w.definition.trigger.kind)
      expect(w.definition.steps.length).toBeGreaterThanOrEqual(2)
      expect(w.definition.steps.length).toBeLessThanOrEqual(5)
      for (const s of w.definition.steps) expect(STEP_KINDS).toContain(s.kind)
      if (w.isTemplate) {
        expect(medium.runs.some((r) => r.workflowId === w.id)).toBe(false)
        expect(w.personaId).toBeNull()
      }
    }
    expect(new Set(medium.workflows.map((w) => w.name)).size).toBe(medium.workflows.length)
    expect(medium.workflows.some((w) => w.templateOrigin !== null)).toBe(true)
  })

  test('runs of every status, each consistent with its status', () => {
    for (const data of [small, medium]) {
      expect(new Set(data.runs.map((r) => r.status))).toEqual(new Set(RUN_STATUSES))
      const workflowIds = new Set(data.workflows.filter((w) => !w.isTemplate).map((w) => w.id))
      for (const r of data.runs) {
        expect(workflowIds.has(r.workflowId)).toBe(true)
        expect(r.stepsCompleted).toBeLessThanOrEqual(r.stepsTotal)
        expect(r.createdAt).toBeLessThanOrEqual(NOW)
        if (r.status === 'pending') expect(r.startedAt).toBeNull()
        else expect(r.startedAt).toBeGreaterThanOrEqual(r.createdAt)
        if (r.status === 'pending' || r.status === 'running') expect(r.finishedAt).toBeNull()
        else {
          expect(r.finishedAt).toBeGreaterThanOrEqual(r.startedAt ?? 0)
          expect(r.finishedAt).toBeLessThanOrEqual(NOW)
        }
        if (r.status === 'success') expect(r.stepsCompleted).toBe(r.stepsTotal)
        if (r.status === 'error') expect(r.error).not.toBeNull()
        if (r.status === 'running') expect(r.currentStep).not.toBeNull()
      }
    }
  })

  test('every ordinary workflow was created before its first run', () => {
    const created = new Map(medium.workflows.map((w) => [w.id, w.createdAt]))
    for (const r of medium.runs)
      expect(r.createdAt).toBeGreaterThanOrEqual(created.get(r.workflowId) ?? Infinity)
  })
})
