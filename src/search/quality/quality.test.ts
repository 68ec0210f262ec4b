// Semantic recall@5 on the paraphrase set for each embedding path, against a keyword baseline.
// Loads the real USE Lite (about 5–10 s here); `npm run quality` runs only this file.
import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { StaticEmbedder } from '../static-embedder.ts'
import { UseLiteEmbedder } from '../use-lite-embedder.ts'
import { readUseLiteFiles, WASM_DIR } from '../use-lite-node.ts'
import { TermOverlapIndex } from './keyword-baseline.ts'
import { CORPUS, dot, QUERIES, rankByVector, recallAt } from './recall.ts'

const STATIC_MODEL = new URL('../../../public/models/static-use-lite.bin', import.meta.url)
const recall: Record<string, number> = {}

/** Re-ranks a first-pass ranking's top `n` by USE Lite's cosine. */
const rerank = (first: number[], n: number, query: Float32Array, docs: Float32Array[]) =>
  first
    .slice(0, n)
    .map((i) => [i, dot(query, docs[i] as Float32Array)] as const)
    .sort((a, b) => b[1] - a[1])
    .map(([i]) => i)

describe('semantic recall@5 on the paraphrase set (no shared content words)', () => {
  beforeAll(async () => {
    const keyword = new TermOverlapIndex(CORPUS)
    recall['keyword (term overlap, IDF)'] = recallAt(5, (q) => keyword.search(QUERIES[q] as string, 5))

    const useLite = await UseLiteEmbedder.fromFiles(await readUseLiteFiles(), WASM_DIR)
    const full = { docs: await useLite.embed([...CORPUS]), queries: await useLite.embed([...QUERIES]) }
    const fullRanks = full.queries.map((q) => rankByVector(q, full.docs))
    recall['USE Lite (full model, 512 dims)'] = recallAt(5, (q) => fullRanks[q] as number[])

    const file = await readFile(STATIC_MODEL)
    const bytes = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer
    const paths = {
      'static, pieces only (no model at run time)': StaticEmbedder.fromArrayBuffer(bytes),
      'static, words (model embeds unknown words once)': StaticEmbedder.fromArrayBuffer(bytes, {
        wordEncoder: (words, signal) => useLite.embed(words, signal),
      }),
    }
    for (const [name, embedder] of Object.entries(paths)) {
      const docs = await embedder.embed([...CORPUS])
      const queries = await embedder.embed([...QUERIES])
      const ranks = queries.map((q) => rankByVector(q, docs))
      recall[name] = recallAt(5, (q) => ranks[q] as number[])
      for (const n of [20, 50])
        recall[`${name}, top ${n} re-ranked by USE Lite`] = recallAt(5, (q) =>
          rerank(ranks[q] as number[], n, full.queries[q] as Float32Array, full.docs),
        )
    }
    console.info(
      `recall@5 over ${QUERIES.length} queries, ${CORPUS.length} memories:\n${Object.entries(recall)
        .map(([name, r]) => `  ${r.toFixed(3)}  ${name}`)
        .join('\n')}`,
    )
  }, 180_000)

  it('keyword search finds almost none (the set is built so)', () => {
    expect(recall['keyword (term overlap, IDF)']).toBeLessThan(0.2)
  })

  it('USE Lite reaches 0.85', () => {
    expect(recall['USE Lite (full model, 512 dims)']).toBeGreaterThanOrEqual(0.85)
  })

  it('the static word embedder alone stays close (≥ 0.8) and far above keywords', () => {
    expect(recall['static, words (model embeds unknown words once)']).toBeGreaterThanOrEqual(0.8)
  })

  it('static top 20 re-ranked by USE Lite reaches 0.85', () => {
    expect(
      recall['static, words (model embeds unknown words once), top 20 re-ranked by USE Lite'],
    ).toBeGreaterThanOrEqual(0.85)
  })
})
