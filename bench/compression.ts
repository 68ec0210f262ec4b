// Compression of cold memories (docs/LIFECYCLE.md) on the app's own sample text, in Node (pure code):
//   node node_modules/vite-node/vite-node.mjs bench/compression.ts [preset]
// For every memory of the preset (default `medium`, 10k memories): what format 1 (raw deflate level
// 9 + the frozen dictionary) and format 2 (word model + range coder) make of its content, plain
// deflate without the dictionary for comparison, and the sealed envelope before and after
// compression with the current format (what the event log and the state database store).
// `npm run bench` reports the same measure (bench/compression-measure.ts) for 10k and 100k memories.

import type { SamplePresetName } from '../src/sample/presets.ts'
import { measureCompression } from './compression-measure.ts'

const preset = (process.argv[2] ?? 'medium') as SamplePresetName
const m = measureCompression(preset)
const pct = (share: number) => `${(share * 100).toFixed(2)} %`
const us = (micros: number) => `${micros.toFixed(1)} µs`
console.info(
  `preset ${preset}: ${m.memories.toLocaleString('en')} memories, content median ${m.medianBytes} bytes, mean ${m.meanBytes.toFixed(0)} bytes`,
)
console.info(`format 1 (deflate + dictionary): ${pct(m.saved.format1)} saved`)
console.info(`format 2 (word model + range coder): ${pct(m.saved.format2)} saved`)
console.info(`plain deflate, no dictionary:    ${pct(m.saved.plainDeflate)} saved`)
console.info(`sealed envelope, plain → compressed (format 2): ${pct(m.saved.sealedEnvelope)} saved`)
console.info(`format 1: compress ${us(m.micros.compress1)}, decompress ${us(m.micros.open1)} per memory`)
console.info(
  `format 2: compress ${us(m.micros.compress2)}, decompress ${us(m.micros.open2)} per memory; word model unpacked in ${m.unpackMs.toFixed(0)} ms`,
)
