import type { ConversationRecord, MessageRecord } from '../schema/conversations.ts'
import type { ChunkRecord } from '../schema/documents.ts'
import type { events } from '../schema/index.ts'
import type { MemoryContent, MemoryRecord } from '../schema/memories.ts'
import type { PersonaProfile, PersonaRecord } from '../schema/personas.ts'
import type { RunRecord, WorkflowDefinition, WorkflowRecord } from '../schema/workflows.ts'

/**
 * Small fixture builders for schema tests: each returns a complete, valid event payload or record,
 * and `overrides` changes only what a test is about. Ids come from a counter so fixtures never clash.
 */

type ArgsOf<E extends keyof typeof events> = Parameters<(typeof events)[E]>[0]

let counter = 0
/** A fresh id with a readable prefix, e.g. `nextId('m')` → `m-17`. */
export const nextId = (prefix: string) => {
  counter += 1
  return `${prefix}-${counter}`
}

/** A fixed point in time (2025-01-01T00:00:00Z) tests count from, so timestamps read as offsets. */
export const T0 = Date.UTC(2025, 0, 1)
export const MINUTE = 60_000
export const DAY = 24 * 60 * MINUTE

// --- personas ---------------------------------------------------------------------------------

export const personaProfile = (overrides: Partial<PersonaProfile> = {}): PersonaProfile => ({
  name: 'Ada',
  description: 'A careful research assistant',
  avatar: '🦉',
  systemPrompt: 'You are Ada.',
  personality: { friendliness: 0.8, formality: 0.4, humour: 0.3, proactiveness: 0.6 },
  modelSettings: { endpoint: 'http://localhost:11434', model: 'llama3' },
  memorySettings: { enabled: true, retentionDays: null },
  ...overrides,
})

export const personaCreatedArgs = (
  overrides: Partial<ArgsOf<'personaCreated'>> = {},
): ArgsOf<'personaCreated'> => ({
  id: nextId('p'),
  ...personaProfile(),
  createdAt: T0,
  ...overrides,
})

export const personaRecord = (overrides: Partial<PersonaRecord> = {}): PersonaRecord => ({
  id: nextId('p'),
  ...personaProfile(),
  apiKey: null,
  active: true,
  usageCount: 0,
  lastUsedAt: null,
  createdAt: T0,
  ...overrides,
})

// --- memories ---------------------------------------------------------------------------------

export const memoryContent = (overrides: Partial<MemoryContent> = {}): MemoryContent => ({
  type: 'knowledge',
  name: 'Tea',
  content: 'Prefers green tea in the afternoon.',
  summary: 'Green tea',
  tags: ['drinks'],
  source: 'manual',
  confidence: 0.9,
  expiresAt: null,
  factCategory: null,
  factKey: null,
  ...overrides,
})

export const memoryCreatedArgs = (
  overrides: Partial<ArgsOf<'memoryCreated'>> & Pick<ArgsOf<'memoryCreated'>, 'personaId'>,
): ArgsOf<'memoryCreated'> => ({
  id: nextId('m'),
  ...memoryContent(),
  importance: 50,
  originKind: null,
  originId: null,
  createdAt: T0,
  ...overrides,
})

export const memoryRecord = (
  overrides: Partial<MemoryRecord> & Pick<MemoryRecord, 'personaId'>,
): MemoryRecord => ({
  id: nextId('m'),
  ...memoryContent(),
  importance: 50,
  tier: 'hot',
  originKind: null,
  originId: null,
  createdAt: T0,
  lastAccessedAt: T0,
  accessCount: 0,
  ...overrides,
})

// --- conversations ----------------------------------------------------------------------------

export const conversationRecord = (
  overrides: Partial<ConversationRecord> & Pick<ConversationRecord, 'personaId'>,
): ConversationRecord => ({
  id: nextId('c'),
  title: 'Planning the garden',
  summary: '',
  topics: [],
  sentiment: null,
  importance: 50,
  archivedAt: null,
  createdAt: T0,
  ...overrides,
})

export const messageRecord = (
  overrides: Partial<MessageRecord> & Pick<MessageRecord, 'conversationId'>,
): MessageRecord => ({
  id: nextId('msg'),
  role: 'user',
  content: 'Hello',
  toolCalls: [],
  attachments: [],
  model: null,
  inputTokens: null,
  outputTokens: null,
  cost: null,
  latencyMs: null,
  createdAt: T0,
  ...overrides,
})

// --- workflows --------------------------------------------------------------------------------

export const workflowDefinition = (overrides: Partial<WorkflowDefinition> = {}): WorkflowDefinition => ({
  trigger: { kind: 'manual' },
  steps: [
    { id: 's1', kind: 'search-memories', config: { query: 'tea' } },
    { id: 's2', kind: 'notify', config: { title: 'Done' } },
  ],
  ...overrides,
})

export const workflowCreatedArgs = (
  overrides: Partial<ArgsOf<'workflowCreated'>> = {},
): ArgsOf<'workflowCreated'> => ({
  id: nextId('w'),
  name: 'Morning digest',
  description: 'Summarise yesterday',
  personaId: null,
  definition: workflowDefinition(),
  tags: [],
  isTemplate: false,
  templateOrigin: null,
  createdAt: T0,
  ...overrides,
})

export const workflowRecord = (overrides: Partial<WorkflowRecord> = {}): WorkflowRecord => ({
  id: nextId('w'),
  name: 'Imported workflow',
  description: '',
  personaId: null,
  definition: workflowDefinition(),
  tags: [],
  enabled: true,
  isTemplate: false,
  templateOrigin: null,
  createdAt: T0,
  ...overrides,
})

export const runRecord = (overrides: Partial<RunRecord> & Pick<RunRecord, 'workflowId'>): RunRecord => ({
  id: nextId('run'),
  status: 'success',
  trigger: 'manual',
  createdAt: T0,
  startedAt: T0,
  finishedAt: T0 + MINUTE,
  stepsCompleted: 2,
  stepsTotal: 2,
  currentStep: null,
  result: 'ok',
  error: null,
  ...overrides,
})

// --- documents --------------------------------------------------------------------------------

export const chunkRecord = (
  overrides: Partial<ChunkRecord> & Pick<ChunkRecord, 'documentId' | 'ord'>,
): ChunkRecord => ({
  id: nextId('chunk'),
  heading: null,
  page: null,
  text: `Chunk ${overrides.ord}`,
  ...overrides,
})

// --- notifications ----------------------------------------------------------------------------

export const notificationPostedArgs = (
  overrides: Partial<ArgsOf<'notificationPosted'>> = {},
): ArgsOf<'notificationPosted'> => ({
  id: nextId('n'),
  kind: 'system',
  priority: 'normal',
  title: 'Backup finished',
  body: '',
  subjectId: null,
  createdAt: T0,
  ...overrides,
})
