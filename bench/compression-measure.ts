// What compressing cold memories' content saves on the app's own sample text (docs/LIFECYCLE.md):
// every memory of a preset through the formats the app ships, by the app's own code. Used by
// `npm run bench` (bench/run.mjs) and printed in full by bench/compression.ts.

import { deflateSync, strToU8 } from 'fflate'
import {
  COMPRESSION_FORMAT_DEFLATE,
  COMPRESSION_FORMAT_WORDS,
  compressText,
  decompressText,
  savedShare,
} from '../src/lifecycle/compression.ts'
import { wordModel } from '../src/lifecycle/word-model.ts'
import { generateSample } from '../src/sample/generate.ts'
import { presetOptions, type SamplePresetName } from '../src/sample/presets.ts'
import { sealCompressedContent } from '../src/schema/memories.ts'
import { seal } from '../src/vault/envelope.ts'

export type CompressionMeasure = {
  memories: number
  medianBytes: number
  meanBytes: number
  /** Shares saved (0.7 = 70 % smaller) on the content's UTF-8 bytes. */
  saved: { format1: number; format2: number; plainDeflate: number; sealedEnvelope: number }
  /** Microseconds per memory. */
  micros: { compress1: number; open1: number; compress2: number; open2: number }
  unpackMs: number
}

export const measureCompression = (preset: SamplePresetName): CompressionMeasure => {
  const key = { id: 'benchkey', bytes: crypto.getRandomValues(new Uint8Array(32)) }
  const totals = { original: 0, format1: 0, format2: 0, plainDeflate: 0, sealedPlain: 0, sealedCompressed: 0 }
  const ms = { compress1: 0, open1: 0, compress2: 0, open2: 0 }
  const sizes: number[] = []
  // The word model is unpacked on first use; timed on its own so the per-memory times exclude it.
  const unpackStart = performance.now()
  wordModel()
  const unpackMs = performance.now() - unpackStart

  const timed = <T>(slot: keyof typeof ms, run: () => T): T => {
    const t = performance.now()
    const out = run()
    ms[slot] += performance.now() - t
    return out
  }
  for (const batch of generateSample(presetOptions(preset, 42, Date.UTC(2026, 0, 1)))) {
    if (batch.kind !== 'memories') continue
    for (const m of batch.data.memories) {
      const bytes = strToU8(m.content)
      const packed1 = timed('compress1', () => compressText(m.content, COMPRESSION_FORMAT_DEFLATE))
      const packed2 = timed('compress2', () => compressText(m.content, COMPRESSION_FORMAT_WORDS))
      if (timed('open1', () => decompressText(packed1, COMPRESSION_FORMAT_DEFLATE)) !== m.content)
        throw new Error(`format 1 round trip failed for ${m.id}`)
      if (timed('open2', () => decompressText(packed2, COMPRESSION_FORMAT_WORDS)) !== m.content)
        throw new Error(`format 2 round trip failed for ${m.id}`)
      totals.original += bytes.length
      totals.format1 += packed1.length
      totals.format2 += packed2.length
      totals.plainDeflate += deflateSync(bytes, { level: 9 }).length
      totals.sealedPlain += seal(
        key,
        { table: 'memories', field: 'content', recordId: m.id },
        m.content,
      ).length
      totals.sealedCompressed += sealCompressedContent(key, m.id, m.content).length
      sizes.push(bytes.length)
    }
  }
  sizes.sort((a, b) => a - b)
  const n = sizes.length
  const micros = (total: number) => (total / n) * 1000
  return {
    memories: n,
    medianBytes: sizes[n >> 1] ?? 0,
    meanBytes: totals.original / n,
    saved: {
      format1: savedShare(totals.original, totals.format1),
      format2: savedShare(totals.original, totals.format2),
      plainDeflate: savedShare(totals.original, totals.plainDeflate),
      sealedEnvelope: savedShare(totals.sealedPlain, totals.sealedCompressed),
    },
    micros: {
      compress1: micros(ms.compress1),
      open1: micros(ms.open1),
      compress2: micros(ms.compress2),
      open2: micros(ms.open2),
    },
    unpackMs,
  }
}
