import type { HearthStore } from '../commands/store.ts'
import { memoryById$, memoryFields } from '../schema/memories.ts'
import type { HostSearchParams, HostSearchResponse } from '../search/search-host.ts'
import type { DataKey } from '../vault/envelope.ts'
import { type MemoryForPrompt, retrievalQuery } from './prompt.ts'

/** The search worker's search (`searchWithSignal` in the app; anything with its shape in tests). */
export type MemorySearch = (params: HostSearchParams, signal: AbortSignal) => Promise<HostSearchResponse>

export type Retrieved = {
  readonly memories: ReadonlyArray<MemoryForPrompt>
  /** Why nothing could be looked up (search locked or failing), for the screen to say; else null. */
  readonly problem: string | null
}

/** How many memories retrieval brings back at most before the prompt's token budget picks. */
export const RETRIEVE_LIMIT = 8

/**
 * A memory found by meaning alone must be at least this similar to go into a prompt. Search lists
 * anything above 0.3 (docs/SEARCH.md) because a person judges a results list; a prompt has no one to
 * skip the weak ones, and an unrelated memory in it misleads the model. Keyword matches always count.
 */
export const MIN_MEANING = 0.45

/** Whether a search hit is relevant enough for a prompt (see `MIN_MEANING`). */
export const relevantEnough = (hit: { terms: ReadonlyArray<string>; similarity?: number }) =>
  hit.terms.length > 0 || (hit.similarity ?? 0) >= MIN_MEANING

/**
 * The persona's memories most relevant to `text`: hybrid search (keywords and meaning) scoped to the
 * persona's memories, ranked by relevance, importance and recency (`src/search/retrieval.ts`), then
 * opened from the store (a memory deleted or expired since it was indexed is skipped).
 */
export const retrieveMemories = async (
  store: HearthStore,
  key: DataKey,
  options: {
    readonly personaId: string
    readonly text: string
    readonly search: MemorySearch
    readonly signal: AbortSignal
    readonly limit?: number
    readonly now?: number
  },
): Promise<Retrieved> => {
  const query = retrievalQuery(options.text)
  if (query === '') return { memories: [], problem: null }
  let response: HostSearchResponse
  try {
    response = await options.search(
      {
        query,
        scope: { kind: 'memory', personaId: options.personaId },
        limit: options.limit ?? RETRIEVE_LIMIT,
        ranking: 'retrieval',
      },
      options.signal,
    )
  } catch (error) {
    if (options.signal.aborted) throw error
    return {
      memories: [],
      problem: `Memories could not be searched (${error instanceof Error ? error.message : String(error)}).`,
    }
  }
  const now = options.now ?? Date.now()
  const memories: MemoryForPrompt[] = []
  for (const hit of response.results) {
    if (!relevantEnough(hit)) continue
    const row = store.query(memoryById$(hit.id))
    if (row === undefined || row.deletedAt !== null || row.personaId !== options.personaId) continue
    if (row.expiresAt !== null && row.expiresAt <= now) continue
    const open = memoryFields.open(key, row)
    if (open.unreadable) continue
    memories.push({
      id: row.id,
      type: row.type,
      name: open.name,
      content: open.content,
      importance: row.importance,
    })
  }
  return { memories, problem: null }
}
