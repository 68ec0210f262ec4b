/** Realistic memory texts for tests and benchmarks, from the app's own deterministic sample generator. */

import { writeMemory } from '../../sample/memory-text.ts'
import { Random } from '../../sample/random.ts'
import { MEMORY_TYPES } from '../../schema/memories.ts'

/** `count` memory contents (name, then content), the same for the same `seed`. */
export const sampleMemoryTexts = (count: number, seed = 6): string[] => {
  const r = new Random(seed, 'search-texts')
  const used = new Set<string>()
  const at = Date.UTC(2025, 0, 1)
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    const { text } = writeMemory(r, r.pick(MEMORY_TYPES), used, at + i * 60_000)
    out.push(`${text.name}. ${text.content}`)
  }
  return out
}
