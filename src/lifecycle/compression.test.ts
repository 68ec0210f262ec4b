import { strToU8 } from 'fflate'
import { describe, expect, test } from 'vitest'
import { writeMemory } from '../sample/memory-text.ts'
import { Random } from '../sample/random.ts'
import {
  COMPRESSION_FORMAT,
  COMPRESSION_FORMAT_DEFLATE,
  COMPRESSION_FORMAT_WORDS,
  type CompressionFormat,
  compressText,
  decompressText,
  savedShare,
} from './compression.ts'

/** What format 1 wrote for 'Her birthday is on the 3rd of March; she likes lilies.' before format 2 existed. */
const FORMAT_1_GOLDEN = 'f300951fb0b21ea8021ad3c6a0c2250d52015a834d83962099c012ad580f00'

const format1 = (text: string) => compressText(text, COMPRESSION_FORMAT_DEFLATE)

test('new compressions use format 2; format 1 stays readable', () => {
  expect(COMPRESSION_FORMAT).toBe(COMPRESSION_FORMAT_WORDS)
  const text = 'Prefers green tea in the afternoon.'
  for (const format of [COMPRESSION_FORMAT_DEFLATE, COMPRESSION_FORMAT_WORDS] satisfies CompressionFormat[]) {
    expect(decompressText(compressText(text, format), format)).toBe(text)
  }
  expect(compressText(text)).toEqual(compressText(text, COMPRESSION_FORMAT_WORDS))
  // Bytes of one format do not read as the same text in the other (the envelope's field keeps them apart).
  const asFormat2 = () => {
    try {
      return decompressText(format1(text), COMPRESSION_FORMAT_WORDS)
    } catch {
      return undefined
    }
  }
  expect(asFormat2()).not.toBe(text)
})

describe('compression format 1', () => {
  test('gives back exactly what it was given: empty, short, long, accents, emoji, other scripts', () => {
    for (const text of [
      '',
      'a',
      'Prefers green tea in the afternoon.',
      'Zoë’s café — crème brûlée on Sunday 🎂. 日本語のメモ. Ελληνικά.',
      'x'.repeat(100_000),
    ]) {
      expect(decompressText(format1(text), COMPRESSION_FORMAT_DEFLATE)).toBe(text)
    }
  })

  test('is deterministic, so the same text always gives the same bytes', () => {
    const text = 'Her birthday is on the 3rd of March; she likes lilies.'
    expect(format1(text)).toEqual(format1(text))
    // Bytes written by format 1 before format 2 existed still open (a golden value from the old writer).
    expect(
      decompressText(Uint8Array.from(Buffer.from(FORMAT_1_GOLDEN, 'hex')), COMPRESSION_FORMAT_DEFLATE),
    ).toBe(text)
  })

  test('refuses damaged bytes instead of returning wrong text', () => {
    const bytes = format1('Remember to call the dentist on Monday morning about the appointment.')
    const damaged = bytes.slice(0, Math.floor(bytes.length / 2))
    expect(() => decompressText(damaged, COMPRESSION_FORMAT_DEFLATE)).toThrow()
  })

  test('makes short realistic memories smaller: at least 25 % on 2,000 sample memories', () => {
    const r = new Random(11, 'compression-test')
    const used = new Set<string>()
    let original = 0
    let compressed = 0
    for (let i = 0; i < 2000; i += 1) {
      const { text } = writeMemory(r, 'knowledge', used, Date.UTC(2025, 0, 1))
      original += strToU8(text.content).length
      compressed += format1(text.content).length
    }
    // Measured 32 % on the 10k preset (bench/compression.ts); the floor here catches a broken dictionary.
    expect(savedShare(original, compressed)).toBeGreaterThan(0.25)
  })
})
