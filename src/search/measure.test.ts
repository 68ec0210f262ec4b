import { describe, expect, it } from 'vitest'
import { FakeEmbedder } from '../testing/fake-embedder.ts'
import { measureSearch } from './measure.ts'
import { type SearchDoc, SearchIndex } from './search-index.ts'

const WORDS = [
  'garden',
  'tomato',
  'frost',
  'dentist',
  'filling',
  'coffee',
  'puppy',
  'invoice',
  'train',
  'river',
]

/** 400 memories of three words each, deterministic. */
const corpus = (): SearchDoc[] =>
  Array.from({ length: 400 }, (_, i) => ({
    id: `m${i}`,
    kind: 'memory' as const,
    text: `${WORDS[i % 10]} ${WORDS[(i * 3 + 1) % 10]} ${WORDS[(i * 7 + 2) % 10]} note ${i}`,
  }))

const build = async () => {
  const index = new SearchIndex({ embedder: new FakeEmbedder(), batchSize: 64 })
  await index.upsert(corpus())
  return index
}

describe('the unindexed baselines', () => {
  it('scanText finds what keyword search finds, without the index', async () => {
    const index = await build()
    for (const query of ['tomato', 'garden frost', 'filling river']) {
      const indexed = (await index.search({ query, limit: 400, mode: 'keyword' })).results.map((r) => r.id)
      expect(index.scanText(query, 400).sort()).toEqual(indexed.sort())
      expect(indexed.length).toBeGreaterThan(0)
    }
    expect(index.scanText('nowhere')).toEqual([])
  })

  it('exactSearch agrees with the int8 scan on the nearest vector', async () => {
    const index = await build()
    const vectors = index.queryVectors()
    const query = await index.embedQuery('puppy')
    if (!vectors || !query) throw new Error('no vectors')
    expect(vectors.exactSearch(query, 1)[0]?.id).toBe(vectors.search(query, { limit: 1 })[0]?.id)
  })

  it('a search by one mode uses only that part', async () => {
    const index = await build()
    const keyword = await index.search({ query: 'hound', mode: 'keyword' })
    expect(keyword.results).toEqual([]) // no memory has the word
    const meaning = await index.search({ query: 'hound', mode: 'meaning' })
    expect(meaning.results[0]?.text).toContain('puppy') // a dog, by meaning
    expect(meaning.results.every((r) => r.terms.length === 0)).toBe(true)
  })
})

describe('measureSearch', () => {
  it('times every part beside its baseline and reports the int8 scan’s recall', async () => {
    const index = await build()
    const m = await measureSearch(index, ['tomato frost', 'puppy', 'coffee', 'train river', 'dentist'], {
      baselineQueries: 2,
    })
    expect(m).toMatchObject({ documents: 400, vectors: 400, dims: 32, queries: 5 })
    for (const part of [
      'hybrid',
      'keyword',
      'meaning',
      'queryEmbedding',
      'vectorScan',
      'exactVectorScan',
      'textScan',
    ] as const) {
      expect(m[part].median, part).toBeGreaterThanOrEqual(0)
      expect(m[part].p95, part).toBeGreaterThanOrEqual(m[part].median)
    }
    expect(m.recallAt10).toBeGreaterThanOrEqual(0.9)
    expect(index.stats().embedding.documents).toBeGreaterThanOrEqual(400)
  })
})
