import { strToU8 } from 'fflate'
import { describe, expect, test } from 'vitest'
import { writeMemory } from '../sample/memory-text.ts'
import { Random } from '../sample/random.ts'
import { compressText, decompressText, savedShare } from './compression.ts'

describe('compression format 1', () => {
  test('gives back exactly what it was given: empty, short, long, accents, emoji, other scripts', () => {
    for (const text of [
      '',
      'a',
      'Prefers green tea in the afternoon.',
      'Zoë’s café — crème brûlée on Sunday 🎂. 日本語のメモ. Ελληνικά.',
      'x'.repeat(100_000),
    ]) {
      expect(decompressText(compressText(text))).toBe(text)
    }
  })

  test('is deterministic, so the same text always gives the same bytes', () => {
    const text = 'Her birthday is on the 3rd of March; she likes lilies.'
    expect(compressText(text)).toEqual(compressText(text))
  })

  test('refuses damaged bytes instead of returning wrong text', () => {
    const bytes = compressText('Remember to call the dentist on Monday morning about the appointment.')
    const damaged = bytes.slice(0, Math.floor(bytes.length / 2))
    expect(() => decompressText(damaged)).toThrow()
  })

  test('makes short realistic memories smaller: at least 25 % on 2,000 sample memories', () => {
    const r = new Random(11, 'compression-test')
    const used = new Set<string>()
    let original = 0
    let compressed = 0
    for (let i = 0; i < 2000; i += 1) {
      const { text } = writeMemory(r, 'knowledge', used, Date.UTC(2025, 0, 1))
      original += strToU8(text.content).length
      compressed += compressText(text.content).length
    }
    // Measured 32 % on the 10k preset (bench/compression.ts); the floor here catches a broken dictionary.
    expect(savedShare(original, compressed)).toBeGreaterThan(0.25)
  })
})
