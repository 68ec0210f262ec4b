// Corpus for the search-core measurements: memories written by the sample-data generator (the
// same sentences `npm run bench` imports), so term statistics look like the app's, not like noise.

import { writeMemory } from '../src/sample/memory-text.ts'
import { Random } from '../src/sample/random.ts'
import { MEMORY_TYPES } from '../src/schema/memories.ts'
import type { TextDoc } from '../src/search/bm25.ts'

export const memoryCorpus = (count: number, seed = 7): TextDoc[] => {
  const r = new Random(seed, 'search-bench')
  const keys = new Set<string>()
  const at = Date.UTC(2025, 2, 14)
  return Array.from({ length: count }, (_, i) => {
    const { text } = writeMemory(r, r.pick(MEMORY_TYPES), keys, at + i * 60_000)
    return {
      id: `m${i}`,
      kind: 'memory' as const,
      personaId: `p${i % 20}`,
      text: `${text.name}. ${text.content}`,
    }
  })
}
