import { describe, expect, it } from 'vitest'
import { FakeEmbedder } from '../testing/fake-embedder.ts'
import { openBytes, sealBytes } from '../vault/sealed-bytes.ts'
import type { Embedder } from './embedder.ts'
import { type HostKey, type IndexStorage, LockedError, type Models, SearchHost } from './search-host.ts'
import type { SearchDoc } from './search-index.ts'

const key = (id = 'k1test', fill = 7): HostKey => ({ id, bytes: new Uint8Array(32).fill(fill) })
const sealer = {
  seal: (k: HostKey, bytes: Uint8Array) => sealBytes(k, 'search-index', bytes),
  open: (k: HostKey, bytes: Uint8Array) => openBytes(k, 'search-index', bytes),
}

const memoryStorage = () => {
  const box: { bytes: Uint8Array | undefined; writes: number } = { bytes: undefined, writes: 0 }
  const storage: IndexStorage = {
    read: async () => box.bytes,
    write: async (bytes) => {
      box.bytes = bytes.slice()
      box.writes++
    },
  }
  return { box, storage }
}

const DOCS: SearchDoc[] = [
  { id: 'm1', kind: 'memory', text: 'Walk the dog before breakfast', personaId: 'p1', contentHash: '1' },
  {
    id: 'm2',
    kind: 'memory',
    text: 'Cover the tomato plants against frost',
    personaId: 'p1',
    contentHash: '1',
  },
  { id: 'g1', kind: 'message', text: 'The car needs new tyres', conversationId: 'c1', contentHash: '1' },
]
const entries = (docs: SearchDoc[]) => docs.map((d) => ({ id: d.id, contentHash: d.contentHash ?? '' }))

const makeHost = (
  options: { storage?: IndexStorage; models?: () => Promise<Models>; bulk?: FakeEmbedder } = {},
) => {
  const bulk = options.bulk ?? new FakeEmbedder()
  const host = new SearchHost({
    loadModels: options.models ?? (async () => ({ bulk: () => bulk })),
    sealer,
    storage: options.storage,
    persistDelayMs: 10,
  })
  return { host, bulk }
}

describe('SearchHost', () => {
  it('indexes text at once and embeds behind; finds by keyword with highlights and by meaning', async () => {
    const { host } = makeHost()
    await host.open(key())
    host.upsert(DOCS)
    const keyword = await host.search({ query: 'tomato' })
    expect(keyword.results.map((r) => r.id)).toEqual(['m2'])
    expect(keyword.results[0]?.highlights).toEqual([{ start: 10, end: 16 }])
    await host.idle()
    expect(host.status()).toMatchObject({ open: true, documents: 3, embeddedThisSession: 3, progress: null })
    const meaning = await host.search({ query: 'puppy' })
    expect(meaning.semantic.available).toBe(true)
    expect(meaning.results[0]).toMatchObject({ id: 'm1', terms: [] })
    expect(meaning.results[0]?.similarity).toBeGreaterThan(0.3)
    const scoped = await host.search({ query: 'car OR dog', scope: { kind: 'message' } })
    expect(scoped.results.map((r) => r.id)).toEqual(['g1'])
  })

  it('removes documents', async () => {
    const { host } = makeHost()
    await host.open(key())
    host.upsert(DOCS)
    host.remove(['m2'])
    expect((await host.search({ query: 'tomato' })).results).toEqual([])
    expect(host.status().documents).toBe(2)
  })

  it('drops everything on lock: no search, no documents, a fresh index for the next key', async () => {
    const { host } = makeHost()
    await host.open(key())
    host.upsert(DOCS)
    host.lock()
    expect(host.status()).toMatchObject({ open: false, documents: 0 })
    await expect(host.search({ query: 'tomato' })).rejects.toBeInstanceOf(LockedError)
    expect(() => host.upsert(DOCS)).toThrow(LockedError)
    await host.open(key('k2other', 9))
    expect(host.status().documents).toBe(0)
  })

  it('does not zero the caller’s key, and opening twice with the same key keeps the index', async () => {
    const { host } = makeHost()
    const k = key()
    await host.open(k)
    host.upsert(DOCS)
    await host.open(key())
    expect(host.status().documents).toBe(3)
    host.lock()
    expect(k.bytes.every((b) => b === 7)).toBe(true)
  })

  it('keeps keyword search when the model cannot load, and says why', async () => {
    const { host } = makeHost({ models: async () => Promise.reject(new Error('404 Not Found')) })
    await host.open(key())
    host.upsert(DOCS)
    await host.idle()
    const response = await host.search({ query: 'frost' })
    expect(response.results.map((r) => r.id)).toEqual(['m2'])
    await new Promise((r) => setTimeout(r, 0))
    expect(host.status().semantic).toEqual({
      available: false,
      reason: 'the language model could not be loaded: 404 Not Found',
    })
  })

  it('seals the index in storage and restores it without re-embedding anything', async () => {
    const { box, storage } = memoryStorage()
    const first = makeHost({ storage })
    await first.host.open(key())
    first.host.upsert(DOCS)
    await first.host.flush()
    expect(box.writes).toBe(1)
    const plain = new TextDecoder().decode(box.bytes)
    expect(plain).not.toContain('tomato')
    first.host.lock()

    const bulk = new FakeEmbedder()
    const second = makeHost({ storage, bulk })
    expect((await second.host.open(key())).restored).toBe(3)
    const plan = second.host.fingerprint(entries(DOCS))
    expect(plan).toEqual({ missing: [], changed: [], stale: [], unembedded: [] })
    await new Promise((r) => setTimeout(r, 20))
    await second.host.idle()
    expect(bulk.texts).toBe(0)
    expect(second.host.status()).toMatchObject({ restored: 3, embeddedThisSession: 0, documents: 3 })
    expect((await second.host.search({ query: 'puppy' })).results[0]?.id).toBe('m1')
    // Only what changed is embedded again.
    const changed = { ...DOCS[0], text: 'Feed the dog at noon', contentHash: '2' } as SearchDoc
    expect(second.host.fingerprint(entries([changed, ...DOCS.slice(1)])).changed).toEqual(['m1'])
    second.host.upsert([changed])
    await second.host.idle()
    expect(second.host.status().embeddedThisSession).toBe(1)
  })

  it('writes a changed index on lock, and rebuilds when the saved one was sealed with another key', async () => {
    const { box, storage } = memoryStorage()
    const { host } = makeHost({ storage })
    await host.open(key())
    host.upsert(DOCS)
    await host.idle()
    host.lock()
    await host.flush()
    expect(box.writes).toBe(1)
    await host.open(key('k2other', 9))
    expect(host.status()).toMatchObject({ documents: 0, restored: 0 })
    expect(host.status().persistence.error).toMatch(/another key/)
  })

  it('cancels a call by its id', async () => {
    const slow: Embedder = {
      id: 'slow',
      dims: 32,
      embed: (_texts, signal) =>
        new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason))),
    }
    const bulk = new FakeEmbedder()
    const { host } = makeHost({ bulk, models: async () => ({ bulk: () => bulk, rerank: slow }) })
    await host.open(key())
    host.upsert(DOCS)
    await new Promise((r) => setTimeout(r, 0))
    await host.idle()
    const pending = host.search({ query: 'dog OR tomato' }, 'call-1')
    setTimeout(() => host.cancel('call-1'), 5)
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('re-ranks the first results with the full model when it loaded', async () => {
    const bulk = new FakeEmbedder()
    const rerank = new FakeEmbedder('full-v1', 32)
    const { host } = makeHost({ bulk, models: async () => ({ bulk: () => bulk, rerank }) })
    await host.open(key())
    host.upsert(DOCS)
    await new Promise((r) => setTimeout(r, 0))
    await host.idle()
    const response = await host.search({ query: 'puppy OR tomato' })
    expect(response.reranked).toBe(true)
    expect(rerank.texts).toBeGreaterThan(1)
    expect(response.results.map((r) => r.id).sort()).toEqual(['m1', 'm2'])
  })
})
