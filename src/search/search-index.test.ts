import { describe, expect, it } from 'vitest'
import { FakeEmbedder } from '../testing/fake-embedder.ts'
import { contentHash } from './content-hash.ts'
import { type SearchDoc, SearchIndex } from './search-index.ts'

const DAY = 86_400_000
const NOW = Date.UTC(2026, 0, 31)
const docs: SearchDoc[] = [
  {
    id: 'm1',
    kind: 'memory',
    personaId: 'p1',
    text: 'Walk the dog before work',
    importance: 0.4,
    timestamp: NOW - 90 * DAY,
  },
  {
    id: 'm2',
    kind: 'memory',
    personaId: 'p1',
    text: 'Adopted a puppy named Biscuit',
    importance: 0.9,
    timestamp: NOW - DAY,
  },
  {
    id: 'm3',
    kind: 'memory',
    personaId: 'p2',
    text: 'The car needs new tyres',
    importance: 0.5,
    timestamp: NOW - 10 * DAY,
  },
  {
    id: 'c1',
    kind: 'message',
    personaId: 'p1',
    conversationId: 'conv',
    text: 'Booked the physician for Tuesday',
  },
  { id: 'd1', kind: 'chunk', personaId: 'p2', text: 'Chapter 2: caring for an older hound' },
]

const build = async (embedder: FakeEmbedder | null = new FakeEmbedder()) => {
  const index = new SearchIndex({ embedder: embedder ?? undefined, batchSize: 2 })
  await index.upsert(docs)
  return index
}
const ids = (response: { results: readonly { id: string }[] }) => response.results.map((r) => r.id)

describe('SearchIndex without an embedder', () => {
  it('answers by keyword and says semantic search is unavailable', async () => {
    const index = await build(null)
    const response = await index.search({ query: 'dog' })
    expect(ids(response)).toEqual(['m1'])
    expect(response.semantic).toEqual({ available: false, reason: 'no embedder is configured' })
    const [first] = response.results
    expect(first?.terms).toEqual(['dog'])
    expect(first?.highlights).toEqual([{ start: 9, end: 12 }])
    expect(first?.similarity).toBeUndefined()
  })
})

describe('hybrid search', () => {
  it('finds by meaning what shares no word with the query, and says so', async () => {
    const index = await build()
    const response = await index.search({ query: 'canine' })
    expect(response.semantic).toEqual({ available: true, embedderId: 'fake-v1' })
    expect(new Set(ids(response).slice(0, 3))).toEqual(new Set(['m1', 'm2', 'd1']))
    for (const result of response.results.slice(0, 3)) {
      expect(result.terms).toEqual([])
      expect(result.highlights).toEqual([])
      expect(result.similarity).toBeGreaterThan(0.5)
    }
  })

  it('ranks a document found both ways first, with terms and similarity', async () => {
    const response = await (await build()).search({ query: 'puppy' })
    const [first] = response.results
    expect(first?.id).toBe('m2')
    expect(first?.terms).toEqual(['puppy'])
    expect(first?.similarity).toBeGreaterThan(0.5)
    expect(first?.text.slice(first.highlights[0]?.start, first.highlights[0]?.end)).toBe('puppy')
  })

  it('applies scope and exclusions to results found by meaning too', async () => {
    const index = await build()
    expect(ids(await index.search({ query: 'dog', scope: { kind: 'memory' } }))).toEqual(['m1', 'm2'])
    expect(ids(await index.search({ query: 'dog', scope: { personaId: 'p2' } }))).not.toContain('m1')
    expect(ids(await index.search({ query: 'dog -biscuit' }))).not.toContain('m2')
    expect(ids(await index.search({ query: 'physician', scope: { conversationId: 'conv' } }))).toEqual(['c1'])
  })

  it('ranks memories by the retrieval formula when asked', async () => {
    const index = await build()
    // m1 and m2 are equally close to "canine"; m2 is more important and more recent.
    const relevance = await index.search({ query: 'canine', scope: { kind: 'memory' }, now: NOW })
    const retrieval = await index.search({
      query: 'canine',
      scope: { kind: 'memory' },
      ranking: 'retrieval',
      now: NOW,
    })
    expect(ids(relevance)).toEqual(['m1', 'm2'])
    expect(ids(retrieval)).toEqual(['m2', 'm1'])
    // m2 is second by vector (the tie goes to the older m1): relevance (1/62) / (1/61).
    expect(retrieval.results[0]?.score).toBeCloseTo(61 / 62 + 0.3 * 0.9 + 0.3 * 0.5 ** (1 / 30), 12)
    // Relevance still leads: a keyword-and-meaning match beats a fresher, more important one.
    const dog = await index.search({
      query: 'dog',
      scope: { kind: 'memory' },
      ranking: 'retrieval',
      now: NOW,
    })
    expect(dog.results[0]?.id).toBe('m1')
  })

  it('honours limit and abort', async () => {
    const index = await build()
    expect((await index.search({ query: 'dog OR car OR physician', limit: 2 })).results).toHaveLength(2)
    await expect(index.search({ query: 'dog', signal: AbortSignal.abort() })).rejects.toThrow()
  })
})

describe('embedding lifecycle', () => {
  it('embeds each document once, again only when its content changes', async () => {
    const embedder = new FakeEmbedder()
    const index = await build(embedder)
    expect(embedder.texts).toBe(5)
    await index.upsert([docs[0] as SearchDoc])
    expect(embedder.texts).toBe(5)
    await index.upsert([{ ...(docs[0] as SearchDoc), text: 'Walk the puppy before work' }])
    expect(embedder.texts).toBe(6)
    index.remove(['m3'])
    expect(index.stats()).toMatchObject({
      documents: 4,
      unembedded: 0,
      vectors: [{ embedderId: 'fake-v1', count: 4 }],
    })
  })

  it('keeps keyword search when the embedder fails, says why, and catches up later', async () => {
    const embedder = new FakeEmbedder()
    embedder.failWith = 'model file missing'
    const index = await build(embedder)
    const response = await index.search({ query: 'dog' })
    expect(ids(response)).toEqual(['m1'])
    expect(response.semantic).toEqual({
      available: false,
      reason: 'the embedder fake-v1 failed: model file missing',
    })
    expect(index.stats().unembedded).toBe(5)
    embedder.failWith = undefined
    const progress: number[] = []
    await index.embedMissing({ onProgress: ({ done }) => progress.push(done) })
    expect(progress).toEqual([0, 2, 4, 5])
    expect(index.stats().unembedded).toBe(0)
    expect((await index.search({ query: 'canine' })).semantic.available).toBe(true)
  })

  it('indexes text even when embedding is aborted', async () => {
    const index = new SearchIndex({ embedder: new FakeEmbedder() })
    await expect(index.upsert(docs, { signal: AbortSignal.abort() })).rejects.toThrow()
    expect(index.stats().documents).toBe(5)
    expect(index.stats().unembedded).toBe(5)
  })

  it('switches embedder: re-embeds everything, then drops the old vectors', async () => {
    const index = await build()
    const next = new FakeEmbedder('fake-v2', 16)
    index.setEmbedder(next)
    expect(index.stats().unembedded).toBe(5)
    expect(
      index.fingerprint(docs.map((d) => ({ id: d.id, contentHash: contentHash(d.text) }))).unembedded,
    ).toHaveLength(5)
    await index.embedMissing()
    expect(index.stats().vectors).toEqual([
      { embedderId: 'fake-v2', dims: 16, count: 5, bytes: expect.any(Number) },
    ])
    expect(next.texts).toBe(5)
    index.setEmbedder(undefined, 'turned off in Settings')
    expect((await index.search({ query: 'dog' })).semantic).toEqual({
      available: false,
      reason: 'turned off in Settings',
    })
  })
})

describe('fingerprint', () => {
  it('lists what is missing, changed, stale or without a vector', async () => {
    const embedder = new FakeEmbedder()
    const index = await build(embedder)
    const store = [
      { id: 'm1', contentHash: contentHash(docs[0]?.text ?? '') },
      { id: 'm2', contentHash: 'edited-since' },
      { id: 'm3', contentHash: contentHash(docs[2]?.text ?? '') },
      { id: 'new', contentHash: 'x' },
      { id: 'c1', contentHash: contentHash(docs[3]?.text ?? '') },
    ]
    expect(index.fingerprint(store)).toEqual({
      missing: ['new'],
      changed: ['m2'],
      stale: ['d1'],
      unembedded: [],
    })
    await index.upsert([{ id: 'own', kind: 'memory', text: 'x', contentHash: 'v7' }])
    expect(index.fingerprint([{ id: 'own', contentHash: 'v7' }]).changed).toEqual([])
  })
})

describe('persistence', () => {
  it('round-trips: same answers after loading, without embedding any document again', async () => {
    const index = await build()
    index.remove(['m3'])
    const bytes = index.serialize()
    const embedder = new FakeEmbedder()
    const loaded = SearchIndex.deserialize(bytes, { embedder })
    for (const query of ['dog', 'canine', '"walk the dog"', 'pup*', 'dog -biscuit']) {
      expect(await loaded.search({ query, now: NOW })).toEqual(await index.search({ query, now: NOW }))
    }
    expect(embedder.texts).toBe(5) // one per query, none for documents
    const store = docs
      .filter((d) => d.id !== 'm3')
      .map((d) => ({ id: d.id, contentHash: contentHash(d.text) }))
    expect(loaded.fingerprint(store)).toEqual({ missing: [], changed: [], stale: [], unembedded: [] })
    const { embedding: _loadedEmbedding, ...loadedStats } = loaded.stats()
    const { embedding: _builtEmbedding, ...builtStats } = index.stats()
    expect(loadedStats).toEqual(builtStats) // embedding counts this object's work: none after loading
    expect(loaded.stats().embedding.documents).toBe(0)
    expect(new SearchIndex().serialize().length).toBeLessThan(200)
  })

  it('refuses foreign, future, truncated or padded bytes', async () => {
    const bytes = (await build()).serialize()
    expect(() => SearchIndex.deserialize(new TextEncoder().encode('not an index at all'))).toThrow(RangeError)
    const future = bytes.slice()
    new DataView(future.buffer).setUint32(4 + 'HEARTH-SEARCH'.length, 2, true)
    expect(() => SearchIndex.deserialize(future)).toThrow(/format 2/)
    expect(() => SearchIndex.deserialize(bytes.subarray(0, bytes.length - 3))).toThrow(RangeError)
    const padded = new Uint8Array(bytes.length + 1)
    padded.set(bytes)
    expect(() => SearchIndex.deserialize(padded)).toThrow(/trailing/)
  })
})
