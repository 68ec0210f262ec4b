import { Schema, State } from '@livestore/livestore'
import { MemorySort, MemoryTier, MemoryType } from './memories.ts'

/**
 * UI state that should survive a reload lives in LiveStore client documents (per client,
 * not synced as domain events): here, the memory list's filters and page for each persona.
 */
export const MemoryListState = Schema.Struct({
  /** Optional so lists saved before sorting existed still decode; absent means by importance. */
  sort: Schema.optional(MemorySort),
  type: Schema.NullOr(MemoryType),
  minImportance: Schema.Number,
  tier: Schema.NullOr(MemoryTier),
  createdFrom: Schema.NullOr(Schema.Number),
  createdTo: Schema.NullOr(Schema.Number),
  page: Schema.Number,
})
export type MemoryListState = typeof MemoryListState.Type

export const memoryListState = State.SQLite.clientDocument({
  name: 'memory_list_state',
  schema: MemoryListState,
  default: {
    value: { type: null, minImportance: 0, tier: null, createdFrom: null, createdTo: null, page: 0 },
  },
})
