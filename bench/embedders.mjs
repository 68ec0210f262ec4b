// `npm run bench:embedders [count]`: bulk speed of the embedders in Node on one thread (this machine
// has 2 cores shared with other work: read the numbers as "under load"). Texts are the app's own
// realistic sample memories. Prints JSON; docs/EMBEDDERS.md quotes it.
import { readFileSync } from 'node:fs'
import { ROOT, typescriptLoader } from '../scripts/load-ts.mjs'

const COUNT = Number(process.argv[2] ?? 100_000)
const { load, close } = await typescriptLoader()
const time = async (f) => {
  const t0 = performance.now()
  const value = await f()
  return [value, performance.now() - t0]
}
try {
  const { StaticEmbedder } = await load('/src/search/static-embedder.ts')
  const { UseLiteEmbedder } = await load('/src/search/use-lite-embedder.ts')
  const { readUseLiteFiles, WASM_DIR } = await load('/src/search/use-lite-node.ts')
  const { sampleMemoryTexts } = await load('/src/search/testing/sample-texts.ts')

  // Two sample memories per text: about 45 words, near the 40-word memory of the goal.
  const singles = sampleMemoryTexts(COUNT * 2)
  const texts = Array.from({ length: COUNT }, (_, i) => `${singles[2 * i]} ${singles[2 * i + 1]}`)
  const words = texts.reduce((n, t) => n + t.split(/\s+/).length, 0) / texts.length
  const [useLite, useLoadMs] = await time(async () =>
    UseLiteEmbedder.fromFiles(await readUseLiteFiles(), WASM_DIR),
  )
  const file = readFileSync(`${ROOT}/public/models/static-use-lite.bin`)
  const bytes = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength)
  const [pieces, staticLoadMs] = await time(async () => StaticEmbedder.fromArrayBuffer(bytes))
  const [, piecesMs] = await time(() => pieces.embed(texts))
  const wordsEmbedder = StaticEmbedder.fromArrayBuffer(bytes, {
    wordEncoder: (w, signal) => useLite.embed(w, signal),
  })
  const [, coldMs] = await time(() => wordsEmbedder.embed(texts))
  const learned = wordsEmbedder.cachedWords
  const [, warmMs] = await time(() => wordsEmbedder.embed(texts))

  // The full model's cost per word (what an unseen word costs the static embedder), on words it never saw.
  const fresh = StaticEmbedder.fromArrayBuffer(bytes, {
    wordEncoder: (w, signal) => useLite.embed(w, signal),
  })
  const probe = texts.slice(0, 3000)
  const [, freshMs] = await time(() => fresh.embed(probe))
  const sample = texts.slice(0, 200)
  await useLite.embed(sample.slice(0, 4))
  const [, useBatchMs] = await time(() => useLite.embed(sample))
  let useOneMs = 0
  for (const t of sample.slice(0, 20)) useOneMs += (await time(() => useLite.embed([t])))[1] / 20

  const perSecond = (n, ms) => Math.round((n / ms) * 1000)
  console.info(
    JSON.stringify(
      {
        texts: texts.length,
        meanWordsPerText: Number(words.toFixed(1)),
        useLiteLoadMs: Math.round(useLoadMs),
        staticLoadMs: Math.round(staticLoadMs),
        staticPiecesOnly: { ms: Math.round(piecesMs), perSecond: perSecond(texts.length, piecesMs) },
        staticWordsCold: {
          ms: Math.round(coldMs),
          perSecond: perSecond(texts.length, coldMs),
          distinctUnknownWordsEmbeddedByUseLite: learned,
        },
        staticWordsWarm: { ms: Math.round(warmMs), perSecond: perSecond(texts.length, warmMs) },
        useLitePerUnknownWordMs: Number((freshMs / fresh.cachedWords).toFixed(2)),
        useLiteBatchedMsPerText: Number((useBatchMs / sample.length).toFixed(1)),
        useLiteOneAtATimeMsPerText: Number(useOneMs.toFixed(1)),
        useLiteEstimateFor100kMinutes: Number((((useBatchMs / sample.length) * 100_000) / 60_000).toFixed(0)),
      },
      null,
      2,
    ),
  )
} finally {
  await close()
}
