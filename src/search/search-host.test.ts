import { describe, expect, it } from 'vitest'
import { FakeEmbedder } from '../testing/fake-embedder.ts'
import { openBytes, sealBytes } from '../vault/sealed-bytes.ts'
import type { Embedder } from './embedder.ts'
import {
  BUILT_IN,
  type HostKey,
  type IndexStorage,
  LockedError,
  type ModelChoice,
  type Models,
  SearchHost,
} from './search-host.ts'
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

  describe('choosing the model for meaning', () => {
    const ENDPOINT: ModelChoice = {
      kind: 'endpoint',
      baseUrl: 'http://127.0.0.1:11434',
      model: 'nomic-embed-text',
      apiKey: '',
    }

    /** An endpoint's embedder that holds every batch until the test lets it go. */
    const gatedEndpoint = () => {
      const embedder = new FakeEmbedder('openai:http://127.0.0.1:11434#nomic-embed-text', 32)
      let release: () => void = () => {}
      const gate = new Promise<void>((resolve) => {
        release = resolve
      })
      const inner = embedder.embed.bind(embedder)
      embedder.embed = async (texts, signal) => {
        // Queries (one short text) pass; documents wait, so the test can look mid-switch.
        if (texts.length > 1) await gate
        return inner(texts, signal)
      }
      return { embedder, release: () => release() }
    }

    const hostWith = (connect: SearchHostOptionsConnect, storage?: IndexStorage) => {
      const bulk = new FakeEmbedder()
      const host = new SearchHost({
        loadModels: async () => ({ bulk: () => bulk, rerank: new FakeEmbedder('full-v1', 32) }),
        connectEndpoint: connect,
        sealer,
        storage,
        persistDelayMs: 10,
      })
      return { host, bulk }
    }
    type SearchHostOptionsConnect = NonNullable<
      ConstructorParameters<typeof SearchHost>[0]['connectEndpoint']
    >

    const settle = async (host: SearchHost) => {
      await new Promise((r) => setTimeout(r, 0))
      await host.idle()
    }

    it('re-embeds everything with the chosen endpoint while search by meaning keeps working', async () => {
      const { embedder, release } = gatedEndpoint()
      const { host } = hostWith(async () => embedder)
      await host.open(key())
      host.upsert(DOCS)
      await settle(host)

      host.chooseModel(ENDPOINT)
      await new Promise((r) => setTimeout(r, 5))
      expect(host.status().progress).toEqual({ done: 0, total: 3 })
      expect(host.status().model).toMatchObject({ kind: 'endpoint', error: null })
      // Mid-switch: the built-in vectors still answer a query by meaning.
      const during = await host.search({ query: 'puppy' })
      expect(during.results[0]).toMatchObject({ id: 'm1', terms: [] })

      release()
      await host.idle()
      expect(embedder.texts).toBeGreaterThanOrEqual(3)
      const status = host.status()
      expect(status.model.label).toBe('nomic-embed-text at http://127.0.0.1:11434')
      expect(status.semantic).toEqual({ available: true, embedderId: embedder.id })
      const after = await host.search({ query: 'puppy' })
      expect(after.results[0]?.id).toBe('m1')
      // The endpoint's model is the measure of meaning: the built-in model does not re-rank it.
      expect(after.reranked).toBe(false)
    })

    it('says why when the endpoint cannot be reached, keeps keyword search, and goes back without re-embedding', async () => {
      const { host, bulk } = hostWith(async () => {
        throw new Error('could not reach http://127.0.0.1:11434/v1/embeddings: ECONNREFUSED')
      })
      await host.open(key())
      host.upsert(DOCS)
      await settle(host)
      const builtInTexts = bulk.texts

      host.chooseModel(ENDPOINT)
      await settle(host)
      const status = host.status()
      expect(status.model.error).toMatch(/ECONNREFUSED/)
      expect(status.semantic).toEqual({
        available: false,
        reason: expect.stringMatching(
          /^the embeddings endpoint \(nomic-embed-text at http:\/\/127\.0\.0\.1:11434\) is not available: could not reach/,
        ),
      })
      expect((await host.search({ query: 'tomato' })).results.map((r) => r.id)).toEqual(['m2'])
      expect((await host.search({ query: 'puppy' })).results).toEqual([])

      host.chooseModel(BUILT_IN)
      await settle(host)
      expect(host.status().model).toMatchObject({ kind: 'built-in', error: null })
      expect((await host.search({ query: 'puppy' })).results[0]?.id).toBe('m1')
      expect(bulk.texts - builtInTexts).toBeLessThanOrEqual(1) // the query only, no document again
    })

    it('tries a failed endpoint again when the same choice comes again, and only then', async () => {
      let down = true
      let connects = 0
      const endpoint = new FakeEmbedder('openai:http://127.0.0.1:11434#nomic-embed-text', 32)
      const { host } = hostWith(async () => {
        connects++
        if (down) throw new Error('ECONNREFUSED')
        return endpoint
      })
      await host.open(key(), ENDPOINT)
      host.upsert(DOCS)
      await settle(host)
      expect(host.status().model.error).toBe('ECONNREFUSED')
      down = false
      host.chooseModel(ENDPOINT)
      await settle(host)
      expect(host.status().model).toMatchObject({ kind: 'endpoint', error: null, connecting: false })
      expect((await host.search({ query: 'puppy' })).results[0]?.id).toBe('m1')
      host.chooseModel(ENDPOINT) // working: nothing to do
      await settle(host)
      expect(connects).toBe(2)
    })

    it('opens a saved index with the endpoint it was embedded by, without a built-in pass', async () => {
      const { box, storage } = memoryStorage()
      const endpoint = new FakeEmbedder('openai:http://127.0.0.1:11434#nomic-embed-text', 32)
      const first = hostWith(async () => endpoint, storage)
      await first.host.open(key(), ENDPOINT)
      first.host.upsert(DOCS)
      await settle(first.host)
      await first.host.flush()
      first.host.lock()
      await first.host.flush()
      expect(box.bytes).toBeDefined()

      const again = new FakeEmbedder('openai:http://127.0.0.1:11434#nomic-embed-text', 32)
      const second = hostWith(async () => again, storage)
      await second.host.open(key(), ENDPOINT)
      await settle(second.host)
      expect(second.bulk.texts).toBe(0)
      expect(again.texts).toBe(0)
      expect((await second.host.search({ query: 'puppy' })).results[0]?.id).toBe('m1')
    })
  })
})
