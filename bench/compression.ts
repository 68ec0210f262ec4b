// Compression of cold memories (docs/LIFECYCLE.md) on the app's own sample text, in Node (pure code):
//   node node_modules/vite-node/vite-node.mjs bench/compression.ts [preset]
// For every memory of the preset (default `medium`, 10k memories): the content's UTF-8 size, what
// format 1 (raw deflate level 9 + the frozen dictionary) and format 2 (word model + range coder)
// make of it, plain deflate without the dictionary for comparison, and the sealed envelope before and after compression with the current format (what the event log and the
// state database actually store). Prints the shares saved; not part of `npm run bench`.

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

const preset = (process.argv[2] ?? 'medium') as SamplePresetName
const key = { id: 'benchkey', bytes: crypto.getRandomValues(new Uint8Array(32)) }
const totals = {
  memories: 0,
  original: 0,
  format1: 0,
  format2: 0,
  plainDeflate: 0,
  sealedPlain: 0,
  sealedCompressed: 0,
}
const sizes: number[] = []
let compressMs = 0
let openMs = 0
let compressV2Ms = 0
let openV2Ms = 0

// The word model is unpacked on first use; timed on its own so the per-memory times exclude it.
const unpackStart = performance.now()
wordModel()
const unpackMs = performance.now() - unpackStart

for (const batch of generateSample(presetOptions(preset, 42, Date.UTC(2026, 0, 1)))) {
  if (batch.kind !== 'memories') continue
  for (const m of batch.data.memories) {
    const bytes = strToU8(m.content)
    let t = performance.now()
    const packed = compressText(m.content, COMPRESSION_FORMAT_DEFLATE)
    compressMs += performance.now() - t
    t = performance.now()
    if (decompressText(packed, COMPRESSION_FORMAT_DEFLATE) !== m.content)
      throw new Error(`round trip failed for ${m.id}`)
    openMs += performance.now() - t
    t = performance.now()
    const packedV2 = compressText(m.content, COMPRESSION_FORMAT_WORDS)
    compressV2Ms += performance.now() - t
    t = performance.now()
    if (decompressText(packedV2, COMPRESSION_FORMAT_WORDS) !== m.content)
      throw new Error(`format 2 round trip failed for ${m.id}`)
    openV2Ms += performance.now() - t
    totals.format2 += packedV2.length
    totals.memories += 1
    totals.original += bytes.length
    totals.format1 += packed.length
    totals.plainDeflate += deflateSync(bytes, { level: 9 }).length
    totals.sealedPlain += seal(key, { table: 'memories', field: 'content', recordId: m.id }, m.content).length
    totals.sealedCompressed += sealCompressedContent(key, m.id, m.content).length
    sizes.push(bytes.length)
  }
}

sizes.sort((a, b) => a - b)
const pct = (share: number) => `${(share * 100).toFixed(2)} %`
console.info(
  `preset ${preset}: ${totals.memories.toLocaleString('en')} memories, content median ${sizes[sizes.length >> 1]} bytes, mean ${(totals.original / totals.memories).toFixed(0)} bytes`,
)
console.info(`format 1 (deflate + dictionary): ${pct(savedShare(totals.original, totals.format1))} saved`)
console.info(`format 2 (word model + range coder): ${pct(savedShare(totals.original, totals.format2))} saved`)
console.info(
  `plain deflate, no dictionary:    ${pct(savedShare(totals.original, totals.plainDeflate))} saved`,
)
console.info(
  `sealed envelope, plain → compressed (format 2): ${pct(savedShare(totals.sealedPlain, totals.sealedCompressed))} saved`,
)
const perMemory = (ms: number) => `${((ms / totals.memories) * 1000).toFixed(1)} µs`
console.info(`format 1: compress ${perMemory(compressMs)}, decompress ${perMemory(openMs)} per memory`)
console.info(
  `format 2: compress ${perMemory(compressV2Ms)}, decompress ${perMemory(openV2Ms)} per memory; word model unpacked in ${unpackMs.toFixed(0)} ms`,
)
