import { describe, expect, test } from 'vitest'
import { DAY, T0 } from '../testing/builders.ts'
import { freshStorePerTest } from '../testing/fresh-store-per-test.ts'
import { fullScans, indexesUsed, queryPlan, type SqlStatement, sortSteps } from '../testing/query-plan.ts'
import {
  conversationMessages$,
  conversationMessagesQuery,
  recentConversations$,
  recentConversationsQuery,
} from './conversations.ts'
import { type MemoryFilters, memoryPage$, memoryPageQuery, NO_MEMORY_FILTERS } from './memories.ts'
import { inbox$, inboxQuery } from './notifications.ts'
import { activePersonas$, activePersonasQuery, allPersonas$, allPersonasQuery } from './personas.ts'
import {
  openRunsQuery,
  schedulableWorkflowsQuery,
  WATCH_SQL,
  WORKFLOWS_WITH_LATEST_RUN_SQL,
  workflowsWithLatestRun$,
} from './workflows.ts'

/**
 * Every list the app shows must be read in order straight off an index: an unindexed sort
 * (`USE TEMP B-TREE FOR ORDER BY`, or for the last terms of it) costs ~150 ms at 100k rows.
 * The plans come from SQLite's `EXPLAIN QUERY PLAN` on the store's own database, so they see
 * exactly the tables and indexes the schema creates.
 */

const useStore = freshStorePerTest()

const memoryFilters = (filters: Partial<MemoryFilters>): MemoryFilters => ({
  ...NO_MEMORY_FILTERS,
  ...filters,
})
const memoryPage = (filters: Partial<MemoryFilters>, page = 0) =>
  memoryPageQuery('p1', memoryFilters(filters), page)

type PlanCase = {
  name: string
  statement: SqlStatement
  /** Indexes the plan must use, in plan order (outer loop first). */
  indexes: string[]
}

const cases: PlanCase[] = [
  { name: 'activePersonas$', statement: activePersonasQuery.asSql(), indexes: ['personas_active_lastUsed'] },
  { name: 'allPersonas$', statement: allPersonasQuery.asSql(), indexes: ['personas_active_lastUsed'] },
  {
    name: 'memoryPage$ without filters',
    statement: memoryPage({}).asSql(),
    indexes: ['memories_persona_rank'],
  },
  {
    name: 'memoryPage$, a later page',
    statement: memoryPage({}, 7).asSql(),
    indexes: ['memories_persona_rank'],
  },
  {
    name: 'memoryPage$ by type',
    statement: memoryPage({ type: 'fact' }).asSql(),
    indexes: ['memories_persona_rank'],
  },
  {
    name: 'memoryPage$ by tier',
    statement: memoryPage({ tier: 'cold' }).asSql(),
    indexes: ['memories_persona_rank'],
  },
  {
    name: 'memoryPage$ by minimum importance',
    statement: memoryPage({ minImportance: 60 }).asSql(),
    indexes: ['memories_persona_rank'],
  },
  {
    name: 'memoryPage$ by type and minimum importance',
    statement: memoryPage({ type: 'task', minImportance: 60 }).asSql(),
    indexes: ['memories_persona_rank'],
  },
  {
    name: 'memoryPage$ by type and tier',
    statement: memoryPage({ type: 'task', tier: 'warm' }).asSql(),
    // Either rank index serves the order; the planner picks one.
    indexes: [],
  },
  {
    name: 'memoryPage$ by creation date range',
    statement: memoryPage({ createdFrom: T0, createdTo: T0 + 30 * DAY }).asSql(),
    indexes: ['memories_persona_rank'],
  },
  {
    name: 'memoryPage$ created since',
    statement: memoryPage({ createdFrom: T0 }).asSql(),
    indexes: ['memories_persona_rank'],
  },
  {
    name: 'memoryPage$ created until',
    statement: memoryPage({ createdTo: T0 }).asSql(),
    indexes: ['memories_persona_rank'],
  },
  {
    name: 'memoryPage$ by type within a date range',
    statement: memoryPage({ type: 'event', createdFrom: T0, createdTo: T0 + DAY }).asSql(),
    indexes: ['memories_persona_rank'],
  },
  {
    name: 'recentConversations$, all personas',
    statement: recentConversationsQuery({ personaId: null, archived: false, page: 0 }).asSql(),
    indexes: ['conversations_recent'],
  },
  {
    name: 'recentConversations$, archived',
    statement: recentConversationsQuery({ personaId: null, archived: true, page: 2 }).asSql(),
    indexes: ['conversations_recent'],
  },
  {
    name: 'recentConversations$, one persona',
    statement: recentConversationsQuery({ personaId: 'p1', archived: false, page: 0 }).asSql(),
    indexes: ['conversations_persona_recent'],
  },
  {
    name: 'conversationMessages$',
    statement: conversationMessagesQuery('c1').asSql(),
    indexes: ['messages_conversation_time'],
  },
  { name: 'inbox$', statement: inboxQuery.asSql(), indexes: ['notifications_inbox'] },
  {
    name: 'workflowsWithLatestRun$',
    statement: { query: WORKFLOWS_WITH_LATEST_RUN_SQL, bindValues: [] },
    indexes: ['workflows_list', 'workflow_runs_latest'],
  },
  { name: 'openRuns$', statement: openRunsQuery.asSql(), indexes: ['workflow_runs_open'] },
  {
    name: 'schedulableWorkflows$',
    statement: schedulableWorkflowsQuery.asSql(),
    indexes: ['workflows_list'],
  },
  {
    name: 'the conversation.archived watch',
    statement: { query: WATCH_SQL['conversation.archived'], bindValues: [] },
    indexes: ['conversations_archived'],
  },
]

// Every other order of the memory list, with each filter: its own index, read in order.
const SORT_INDEXES = {
  recent: 'memories_persona_recent',
  newest: 'memories_persona_created',
  oldest: 'memories_persona_created',
} as const
const FILTER_SETS: Array<[string, Partial<MemoryFilters>]> = [
  ['no filter', {}],
  ['type', { type: 'fact' }],
  ['tier', { tier: 'cold' }],
  ['minimum importance', { minImportance: 60 }],
  ['type and tier', { type: 'task', tier: 'warm' }],
  ['date range', { createdFrom: T0, createdTo: T0 + 30 * DAY }],
]
for (const [sort, index] of Object.entries(SORT_INDEXES) as Array<[keyof typeof SORT_INDEXES, string]>) {
  for (const [label, filters] of FILTER_SETS) {
    cases.push({
      name: `memoryPage$ sorted ${sort}, ${label}`,
      statement: memoryPage({ ...filters, sort }, 3).asSql(),
      indexes: [index],
    })
  }
}

describe('query plans', () => {
  test.each(cases)('$name reads an index in order, with no sort step', ({ statement, indexes }) => {
    const plan = queryPlan(useStore(), statement)
    const used = indexesUsed(plan)
    expect(used.length, `no index in plan: ${plan.join(' | ')}`).toBeGreaterThan(0)
    for (const index of indexes) expect(used, plan.join(' | ')).toContain(index)
    expect(sortSteps(plan), plan.join(' | ')).toEqual([])
    expect(fullScans(plan), plan.join(' | ')).toEqual([])
  })
})

describe('event-trigger watches of new rows', () => {
  // Newest rows by rowid: SQLite walks the table's own b-tree backwards and stops after the window,
  // so its plan says SCAN but reads 20 rows, never the 100k; what must not appear is a sort.
  test.each(['memory.created', 'message.added', 'document.imported'] as const)(
    '%s reads by rowid, with no sort step',
    (event) => {
      const plan = queryPlan(useStore(), { query: WATCH_SQL[event], bindValues: [] })
      expect(sortSteps(plan), plan.join(' | ')).toEqual([])
    },
  )
})

describe('the plans above are of the queries the app runs', () => {
  // A LiveQueryDef's hash starts with its SQL: this pins the exported builders to the live queries.
  test.each([
    ['activePersonas$', activePersonas$.hash, activePersonasQuery.asSql().query],
    ['allPersonas$', allPersonas$.hash, allPersonasQuery.asSql().query],
    [
      'memoryPage$',
      memoryPage$('p1', memoryFilters({ type: 'fact', createdFrom: T0 }), 1).hash,
      memoryPage({ type: 'fact', createdFrom: T0 }, 1).asSql().query,
    ],
    [
      'recentConversations$',
      recentConversations$({ personaId: 'p1', archived: true, page: 0 }).hash,
      recentConversationsQuery({ personaId: 'p1', archived: true, page: 0 }).asSql().query,
    ],
    [
      'conversationMessages$',
      conversationMessages$('c1').hash,
      conversationMessagesQuery('c1').asSql().query,
    ],
    ['inbox$', inbox$.hash, inboxQuery.asSql().query],
    ['workflowsWithLatestRun$', workflowsWithLatestRun$.hash, WORKFLOWS_WITH_LATEST_RUN_SQL],
  ])('%s', (_name, hash, sql) => {
    expect(hash.startsWith(sql)).toBe(true)
  })
})
