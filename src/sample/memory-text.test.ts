import { describe, expect, test } from 'vitest'
import { MEMORY_TYPES } from '../schema/memories.ts'
import { writeMemory } from './memory-text.ts'
import { Random } from './random.ts'

const AT = Date.UTC(2025, 2, 14)

const written = (type: (typeof MEMORY_TYPES)[number], n: number, seed = 1) => {
  const r = new Random(seed, type)
  const keys = new Set<string>()
  return Array.from({ length: n }, () => writeMemory(r, type, keys, AT))
}

describe('writeMemory', () => {
  test.each(MEMORY_TYPES)(
    '%s memories read like sentences, with a short name, a shorter summary and tags',
    (type) => {
      for (const { text } of written(type, 400)) {
        expect(text.content).toMatch(/^[A-Z0-9]/)
        expect(text.content).toMatch(/[.!?]$/)
        expect(text.content).not.toMatch(/undefined|null|NaN|\[object|\$\{| {2}| [.,;]/)
        expect(text.name.length).toBeGreaterThan(0)
        expect(text.name.length).toBeLessThanOrEqual(48)
        expect(text.summary.length).toBeGreaterThan(0)
        expect(text.summary.length).toBeLessThan(text.content.length)
        expect(text.tags.length).toBeGreaterThan(0)
        expect(new Set(text.tags).size).toBe(text.tags.length)
        for (const tag of text.tags) expect(tag).toMatch(/^[a-z0-9-]+$/)
      }
    },
  )

  test('only facts carry a category and key, and the key starts with the category', () => {
    for (const type of MEMORY_TYPES) {
      for (const result of written(type, 200)) {
        if (result.type === 'fact') {
          expect(result.text.factCategory).not.toBeNull()
          expect(result.text.factKey?.startsWith(`${result.text.factCategory}.`)).toBe(true)
        } else {
          expect(result.text.factCategory).toBeNull()
          expect(result.text.factKey).toBeNull()
        }
      }
    }
  })

  test('fact keys never repeat within one set of used keys; when keys run out, other types take over', () => {
    const results = written('fact', 3_000)
    const facts = results.filter((m) => m.type === 'fact')
    const keys = facts.map((m) => m.text.factKey)
    expect(new Set(keys).size).toBe(keys.length)
    expect(facts.length).toBeGreaterThan(1_000)
    const others = new Set(results.filter((m) => m.type !== 'fact').map((m) => m.type))
    expect([...others].every((t) => ['preference', 'person', 'knowledge'].includes(t))).toBe(true)
  })

  test('each type is varied', () => {
    for (const type of MEMORY_TYPES) {
      const contents = written(type, 2_000, 9).map((m) => m.text.content)
      expect(new Set(contents).size / contents.length, type).toBeGreaterThan(0.85)
    }
  })
})
