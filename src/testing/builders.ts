import {
  type ConversationRecord,
  type MessageRecord,
  type SealedConversationRecord,
  type SealedMessageRecord,
  sealConversationRecord,
  sealMessageRecord,
} from '../schema/conversations.ts'
import { type ChunkRecord, type SealedChunkRecord, sealChunkRecord } from '../schema/documents.ts'
import type { events } from '../schema/index.ts'
import {
  type MemoryContent,
  type MemoryRecord,
  memoryFields,
  type SealedMemoryRecord,
  sealMemoryRecord,
} from '../schema/memories.ts'
import { notificationFields } from '../schema/notifications.ts'
import {
  type PersonaProfile,
  type PersonaRecord,
  personaFields,
  type SealedPersonaRecord,
  sealPersonaRecord,
} from '../schema/personas.ts'
import {
  type RunRecord,
  type SealedRunRecord,
  type SealedWorkflowRecord,
  sealRunRecord,
  sealWorkflowRecord,
  type WorkflowDefinition,
  type WorkflowRecord,
  workflowFields,
} from '../schema/workflows.ts'
import { type DataKey, open, type Sealed, seal } from '../vault/envelope.ts'

/**
 * Small fixture builders for schema tests: each returns a complete, valid event payload or record,
 * and `overrides` changes only what a test is about. Ids come from a counter so fixtures never clash.
 * Overrides are plaintext; what comes out is sealed with `TEST_KEY`, as the app's commands seal
 * with the vault's key, because the events accept nothing else.
 */

/** A fixed key for tests (never used by the app, which makes a random one per vault). */
export const TEST_KEY: DataKey = { id: 'testkey1', bytes: new Uint8Array(32).fill(7) }

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
  overrides: Partial<PersonaProfile & { id: string; createdAt: number }> = {},
): ArgsOf<'personaCreated'> => {
  const plain = { id: nextId('p'), ...personaProfile(), createdAt: T0, ...overrides }
  return { ...plain, ...personaFields.seal(TEST_KEY, plain.id, plain) }
}

/** A plaintext persona record (e2e tests hand these to the page, which seals with its own key). */
export const plainPersonaRecord = (overrides: Partial<PersonaRecord> = {}): PersonaRecord => ({
  id: nextId('p'),
  ...personaProfile(),
  apiKey: null,
  active: true,
  usageCount: 0,
  lastUsedAt: null,
  createdAt: T0,
  ...overrides,
})

export const personaRecord = (overrides: Partial<PersonaRecord> = {}): SealedPersonaRecord =>
  sealPersonaRecord(TEST_KEY, plainPersonaRecord(overrides))

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

type MemoryCreatedPlain = Omit<ArgsOf<'memoryCreated'>, keyof MemoryContent> & MemoryContent

export const memoryCreatedArgs = (
  overrides: Partial<MemoryCreatedPlain> & Pick<MemoryCreatedPlain, 'personaId'>,
): ArgsOf<'memoryCreated'> => {
  const plain = {
    id: nextId('m'),
    ...memoryContent(),
    importance: 50,
    originKind: null,
    originId: null,
    createdAt: T0,
    ...overrides,
  }
  return { ...plain, ...memoryFields.seal(TEST_KEY, plain.id, plain) }
}

/** `v1.MemoryEdited` args for memory `id` with plaintext `content` changes. */
export const memoryEditedArgs = (
  id: string,
  overrides: Partial<MemoryContent> = {},
  updatedAt = T0,
): ArgsOf<'memoryEdited'> => {
  const content = memoryContent(overrides)
  return { id, ...content, ...memoryFields.seal(TEST_KEY, id, content), updatedAt }
}

/** A plaintext memory record (e2e tests hand these to the page, which seals with its own key). */
export const plainMemoryRecord = (
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

export const memoryRecord = (
  overrides: Partial<MemoryRecord> & Pick<MemoryRecord, 'personaId'>,
): SealedMemoryRecord => sealMemoryRecord(TEST_KEY, plainMemoryRecord(overrides))

// --- conversations ----------------------------------------------------------------------------

/** Plaintext conversation and message records (e2e tests hand these to the page to seal). */
export const plainConversationRecord = (
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

export const plainMessageRecord = (
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

export const conversationRecord = (
  overrides: Partial<ConversationRecord> & Pick<ConversationRecord, 'personaId'>,
): SealedConversationRecord => sealConversationRecord(TEST_KEY, plainConversationRecord(overrides))

export const messageRecord = (
  overrides: Partial<MessageRecord> & Pick<MessageRecord, 'conversationId'>,
): SealedMessageRecord => sealMessageRecord(TEST_KEY, plainMessageRecord(overrides))

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
  overrides: Partial<Omit<WorkflowRecord, 'enabled'>> = {},
): ArgsOf<'workflowCreated'> => {
  const plain = {
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
  }
  return { ...plain, ...workflowFields.seal(TEST_KEY, plain.id, plain) }
}

export const workflowRecord = (overrides: Partial<WorkflowRecord> = {}): SealedWorkflowRecord =>
  sealWorkflowRecord(TEST_KEY, {
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

export const runRecord = (overrides: Partial<RunRecord> & Pick<RunRecord, 'workflowId'>): SealedRunRecord =>
  sealRunRecord(TEST_KEY, {
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
): SealedChunkRecord =>
  sealChunkRecord(TEST_KEY, {
    id: nextId('chunk'),
    heading: null,
    page: null,
    text: `Chunk ${overrides.ord}`,
    ...overrides,
  })

// --- notifications ----------------------------------------------------------------------------

type NotificationPlain = Omit<ArgsOf<'notificationPosted'>, 'title' | 'body'> & {
  title: string
  body: string
}

export const notificationPostedArgs = (
  overrides: Partial<NotificationPlain> = {},
): ArgsOf<'notificationPosted'> => {
  const plain: NotificationPlain = {
    id: nextId('n'),
    kind: 'system',
    priority: 'normal',
    title: 'Backup finished',
    body: '',
    subjectId: null,
    createdAt: T0,
    ...overrides,
  }
  return { ...plain, ...notificationFields.seal(TEST_KEY, plain.id, plain) }
}

// --- single sealed fields ---------------------------------------------------------------------

type FieldsOf = { readonly table: string; readonly fields: ReadonlyArray<string> }

/**
 * Seals one field of `codec`'s table with `TEST_KEY`, for events that carry only some of a record's
 * sealed fields (a rename, a run's progress). Text goes in as given; a JSON field takes its JSON.
 */
export const sealTestField = <C extends FieldsOf>(
  codec: C,
  recordId: string,
  field: C['fields'][number],
  plaintext: string,
): Sealed => seal(TEST_KEY, { table: codec.table, field, recordId }, plaintext)

/**
 * Opens one sealed field with `TEST_KEY`, for queries that select only some of a table's sealed
 * columns (so the codec's `openStrict`, which wants them all, does not apply). Throws if it fails.
 */
export const openTestField = <C extends FieldsOf>(
  codec: C,
  recordId: string,
  field: C['fields'][number],
  envelope: string,
): string => open(TEST_KEY, { table: codec.table, field, recordId }, envelope)
