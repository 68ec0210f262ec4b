// What the search worker runs: one SearchIndex per origin, opened with the vault's data key and
// dropped on lock, the embedders (a static one for documents, the full model to re-rank a query's
// first results), cancellable calls, progress, and the sealed copy of the index in storage.
// Plain TypeScript without DOM or worker APIs (storage and model loading are handed in), so it is
// unit-tested in Node; `src/workers/search.worker.ts` only exposes it over comlink.
import type { Embedder } from './embedder.ts'
import { measureSearch, type SearchMeasurement } from './measure.ts'
import type { SimilarPair } from './near-duplicates.ts'
import { parseQuery } from './query.ts'
import {
  type Fingerprint,
  type Progress,
  type Scope,
  type SearchDoc,
  SearchIndex,
  type SearchResult,
  type SemanticStatus,
} from './search-index.ts'

/** The vault's data key as the host receives it (a copy: the host zeroes it on lock). */
export interface HostKey {
  readonly id: string
  readonly bytes: Uint8Array
}

/** Sealing is the vault's business: the host only asks for it (sealBytes/openBytes in src/vault). */
export interface Sealer {
  seal(key: HostKey, plaintext: Uint8Array): Uint8Array
  open(key: HostKey, sealed: Uint8Array): Uint8Array
}

/** Where the sealed index lives between sessions (OPFS in the browser, memory in tests). */
export interface IndexStorage {
  read(): Promise<Uint8Array | undefined>
  write(bytes: Uint8Array): Promise<void>
}

export interface Models {
  /** A fresh document embedder. Called once per unlock: its word cache holds words of the person's
   *  texts, so it is dropped with the index on lock. */
  readonly bulk: () => Embedder
  /** The full model, for re-ranking a query's first results; absent when it failed to load. */
  readonly rerank?: Embedder | undefined
  /** Why re-ranking (and the better word vectors) are unavailable, when they are. */
  readonly degraded?: string | undefined
}

/**
 * Which model gives documents their meaning: the built-in one (served by the app, offline), or an
 * OpenAI-compatible `/v1/embeddings` endpoint the person chose in Settings.
 */
export type ModelChoice =
  | { readonly kind: 'built-in' }
  | { readonly kind: 'endpoint'; readonly baseUrl: string; readonly model: string; readonly apiKey: string }

export const BUILT_IN: ModelChoice = { kind: 'built-in' }

const sameChoice = (a: ModelChoice, b: ModelChoice) =>
  a.kind === 'built-in' || b.kind === 'built-in'
    ? a.kind === b.kind
    : a.baseUrl === b.baseUrl && a.model === b.model && a.apiKey === b.apiKey

export interface SearchHostOptions {
  /** Loads the models once per worker (they are public files, not secrets: kept across locks). */
  readonly loadModels: () => Promise<Models>
  /** Connects to a chosen endpoint (a short probe request), rejecting with the reason it cannot. */
  readonly connectEndpoint?: (
    choice: Extract<ModelChoice, { kind: 'endpoint' }>,
    signal: AbortSignal,
  ) => Promise<Embedder>
  readonly sealer: Sealer
  readonly storage?: IndexStorage | undefined
  /** Quiet time after the last change before the index is sealed and written. */
  readonly persistDelayMs?: number
  /** How many of a query's first results the full model re-ranks. */
  readonly rerankDepth?: number
}

export interface HostSearchParams {
  readonly query: string
  readonly scope?: Scope
  readonly limit?: number
  readonly ranking?: 'relevance' | 'retrieval'
  /** Whether the full model re-ranks the first results (default true; ~0.3 s on this machine). */
  readonly rerank?: boolean
}

export interface HostSearchResponse {
  readonly results: SearchResult[]
  readonly semantic: SemanticStatus
  /** Whether the full model re-ranked the first results, and if not why (when it should have). */
  readonly reranked: boolean
  readonly tookMs: number
}

export interface HostStatus {
  readonly open: boolean
  readonly documents: number
  /** Bytes the index holds (text, keyword index, vectors): the memory figure of docs/SEARCH.md. */
  readonly indexBytes: number
  /** Documents embedded since this unlock (0 after an unlock whose saved index was current). */
  readonly embeddedThisSession: number
  /** Documents the saved index brought back at unlock. */
  readonly restored: number
  /** Documents embedded this unlock and the time spent in the embedder for them (the bulk rate). */
  readonly embedding: { readonly documents: number; readonly ms: number }
  /** Embedding under way: done of total, or null when idle. */
  readonly progress: Progress | null
  readonly semantic: SemanticStatus
  /** The syncing tab's first pass through the store (done of total rows), or null. */
  readonly indexing: Progress | null
  /** Bumped by every upsert and remove: a screen re-runs its search when it changes. */
  readonly version: number
  /** Set when the full model is unavailable (semantic search may still work, less well). */
  readonly degraded: string | null
  /** The model chosen for meaning (never the API key), and whether it is connecting or failed. */
  readonly model: {
    readonly kind: ModelChoice['kind']
    readonly label: string
    readonly connecting: boolean
    readonly error: string | null
  }
  /** Why the saved index could not be used or written, if that happened. */
  readonly persistence: {
    readonly savedAt: number | null
    readonly bytes: number
    readonly error: string | null
  }
}

/** Near-duplicates or neighbours of memories, and whether the answer may still grow. */
export interface HostSimilarity {
  readonly semantic: SemanticStatus
  /** Embedding is under way, or memories in scope have no vector yet: ask again later. */
  readonly pending: boolean
  /** The index's `version` the answer was computed at: a newer one may answer differently. */
  readonly version: number
}
export interface HostPairsResponse extends HostSimilarity {
  readonly pairs: SimilarPair[]
  readonly tookMs: number
}
export interface HostNeighboursResponse extends HostSimilarity {
  readonly hits: { id: string; similarity: number }[]
}

export class LockedError extends Error {
  constructor() {
    super('search is locked: unlock the vault first')
    this.name = 'LockedError'
  }
}

const PURPOSE_NOTE = 'the language model is still loading'
const RERANK_CACHE = 2000

interface Session {
  readonly key: HostKey
  readonly index: SearchIndex
  readonly controller: AbortController
  readonly restored: number
  embedded: number
  /** Per running embedding job: its latest progress. */
  readonly jobs: Map<number, Progress>
  dirty: boolean
  timer: ReturnType<typeof setTimeout> | undefined
  /** Full-model vectors of recent candidates, by id (text kept to notice edits). */
  readonly rerankCache: Map<string, { text: string; vector: Float32Array }>
  rerank: Embedder | undefined
  degraded: string | null
  indexing: Progress | null
  version: number
  choice: ModelChoice
  /** Aborts the embedding pass of the previous choice when the person switches again. */
  switching: AbortController
  connecting: boolean
  modelError: string | null
}

const choiceLabel = (choice: ModelChoice) =>
  choice.kind === 'built-in' ? 'the built-in model' : `${choice.model} at ${choice.baseUrl}`

const sameKey = (a: HostKey, b: HostKey) =>
  a.id === b.id && a.bytes.length === b.bytes.length && a.bytes.every((byte, i) => byte === b.bytes[i])

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

const dot = (a: Float32Array, b: Float32Array) => {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number)
  return sum
}

export class SearchHost {
  readonly #options: SearchHostOptions
  #session: Session | undefined
  #opening: Promise<void> | undefined
  #models: Promise<Models> | undefined
  readonly #calls = new Map<string, AbortController>()
  #jobIds = 0
  #persistence: { savedAt: number | null; bytes: number; error: string | null } = {
    savedAt: null,
    bytes: 0,
    error: null,
  }
  #writing: Promise<void> = Promise.resolve()
  /** Bumped by every lock: an open still reading storage when the vault locks gives up. */
  #generation = 0

  constructor(options: SearchHostOptions) {
    this.#options = options
  }

  /**
   * Opens the index with the data key: loads the sealed copy if there is one. Idempotent per key.
   * `choice` is the model for meaning, given here so a saved index embedded by an endpoint is not
   * first re-embedded by the built-in model.
   */
  async open(key: HostKey, choice: ModelChoice = BUILT_IN): Promise<{ restored: number }> {
    if (this.#opening) await this.#opening
    if (this.#session && sameKey(this.#session.key, key)) {
      this.chooseModel(choice)
      return { restored: this.#session.restored }
    }
    if (this.#session) this.lock()
    const opening = this.#open({ id: key.id, bytes: key.bytes.slice() }, choice)
    this.#opening = opening
    try {
      await opening
    } finally {
      this.#opening = undefined
    }
    return { restored: this.#session?.restored ?? 0 }
  }

  async #open(key: HostKey, choice: ModelChoice): Promise<void> {
    const { sealer, storage } = this.#options
    const generation = this.#generation
    let index: SearchIndex | undefined
    await this.#writing // a write begun at the last lock finishes before we read
    if (storage) {
      try {
        const sealed = await storage.read()
        if (sealed) index = SearchIndex.deserialize(sealer.open(key, sealed))
      } catch (error) {
        // Unreadable, another key, another format: rebuild from the store (nothing is lost).
        this.#persistence = { ...this.#persistence, error: `the saved index was not used: ${message(error)}` }
      }
    }
    if (generation !== this.#generation) {
      key.bytes.fill(0)
      throw new LockedError()
    }
    index ??= new SearchIndex()
    index.setEmbedder(undefined, PURPOSE_NOTE)
    const session: Session = {
      key,
      index,
      controller: new AbortController(),
      restored: index.stats().documents,
      embedded: 0,
      jobs: new Map(),
      dirty: false,
      timer: undefined,
      rerankCache: new Map(),
      rerank: undefined,
      degraded: null,
      indexing: null,
      version: 0,
      choice,
      switching: new AbortController(),
      connecting: false,
      modelError: null,
    }
    this.#session = session
    void this.#attachModels(session)
  }

  /**
   * Switches the model for meaning. Every document is re-embedded in the background with progress;
   * until that is done, queries use the old vectors (search keeps working). No-op if unchanged,
   * unless connecting to it failed: then it tries again.
   */
  chooseModel(choice: ModelChoice): void {
    const session = this.#need()
    // The same choice again is a retry when it failed (an endpoint that was down), else nothing.
    if (sameChoice(session.choice, choice) && (session.modelError === null || session.connecting)) return
    session.choice = choice
    void this.#attachModels(session)
  }

  async #attachModels(session: Session): Promise<void> {
    this.#models ??= this.#options.loadModels()
    let models: Models
    try {
      models = await this.#models
    } catch (error) {
      this.#models = undefined // try again at the next unlock
      if (this.#session === session)
        session.index.setEmbedder(undefined, `the language model could not be loaded: ${message(error)}`)
      return
    }
    if (this.#session !== session) return
    session.rerank = models.rerank
    session.degraded = models.degraded ?? null
    session.switching.abort()
    const switching = new AbortController()
    session.switching = switching
    const signal = AbortSignal.any([session.controller.signal, switching.signal])
    const choice = session.choice
    session.connecting = false
    if (choice.kind === 'built-in') {
      session.modelError = null
      session.index.setEmbedder(models.bulk())
    } else {
      session.connecting = true
      try {
        const connect = this.#options.connectEndpoint
        if (!connect) throw new Error('this build cannot use an embeddings endpoint')
        const embedder = await connect(choice, signal)
        if (signal.aborted) return
        session.modelError = null
        session.index.setEmbedder(embedder)
      } catch (error) {
        if (signal.aborted) return
        session.modelError = message(error)
        session.index.setEmbedder(
          undefined,
          `the embeddings endpoint (${choiceLabel(choice)}) is not available: ${message(error)}`,
        )
        return
      } finally {
        if (session.switching === switching) session.connecting = false
      }
    }
    this.#track(session, (options) => session.index.embedMissing({ ...options, signal }))
  }

  /** Drops the index, the key and every call in flight. A changed index is sealed first and written. */
  lock(): void {
    this.#generation++
    const session = this.#session
    if (!session) return
    this.#session = undefined
    session.controller.abort(new LockedError())
    for (const call of this.#calls.values()) call.abort(new LockedError())
    this.#calls.clear()
    clearTimeout(session.timer)
    if (session.dirty) this.#persist(session)
    session.rerankCache.clear()
    session.key.bytes.fill(0)
  }

  /** Compares the index with the store's (id, contentHash) list: what the syncing tab must send. */
  fingerprint(entries: ReadonlyArray<{ readonly id: string; readonly contentHash: string }>): Fingerprint {
    return this.#need().index.fingerprint(entries)
  }

  /** Indexes text at once (keyword search sees it when this resolves); embedding goes on behind. */
  upsert(docs: readonly SearchDoc[]): void {
    const session = this.#need()
    if (docs.length === 0) return
    this.#track(session, (options) => session.index.upsert(docs, options))
    this.#changed(session)
  }

  remove(ids: readonly string[]): void {
    const session = this.#need()
    if (ids.length === 0) return
    session.index.remove(ids)
    for (const id of ids) session.rerankCache.delete(id)
    this.#changed(session)
  }

  /** `callId` names the call for `cancel` (comlink cannot carry an AbortSignal). */
  async search(params: HostSearchParams, callId?: string): Promise<HostSearchResponse> {
    const session = this.#need()
    const started = performance.now()
    const controller = new AbortController()
    const signal = AbortSignal.any([controller.signal, session.controller.signal])
    if (callId !== undefined) this.#calls.set(callId, controller)
    try {
      const limit = params.limit ?? 20
      const depth = Math.max(limit, this.#options.rerankDepth ?? 20)
      const response = await session.index.search({
        query: params.query,
        limit: depth,
        signal,
        ...(params.scope ? { scope: params.scope } : {}),
        ...(params.ranking ? { ranking: params.ranking } : {}),
      })
      let results = response.results
      let reranked = false
      // The built-in full model re-ranks the built-in vectors' results; a chosen endpoint's model
      // is the person's measure of meaning, not to be second-guessed by a smaller one.
      const builtIn = session.choice.kind === 'built-in'
      const wanted = params.rerank ?? true
      if (wanted && builtIn && session.rerank && response.semantic.available && results.length > 0) {
        results = await this.#rerank(session, session.rerank, params.query, results, signal)
        reranked = true
      }
      return {
        results: results.slice(0, limit),
        semantic: response.semantic,
        reranked,
        tookMs: performance.now() - started,
      }
    } finally {
      if (callId !== undefined) this.#calls.delete(callId)
    }
  }

  /** Times keyword, meaning and hybrid search on the live index beside unindexed baselines (`npm run bench`). */
  async measure(queries: readonly string[]): Promise<SearchMeasurement> {
    const session = this.#need()
    return measureSearch(session.index, queries, { signal: session.controller.signal })
  }

  /**
   * Pairs of one persona's memories at least `minSimilarity` similar (near-duplicates to propose
   * for merging). Cancellable by `callId`, like a search.
   */
  async similarPairs(
    params: { personaId: string; minSimilarity: number; limit?: number },
    callId?: string,
  ): Promise<HostPairsResponse> {
    const session = this.#need()
    const started = performance.now()
    const controller = new AbortController()
    if (callId !== undefined) this.#calls.set(callId, controller)
    try {
      const found = await session.index.similarPairs({
        ...params,
        signal: AbortSignal.any([controller.signal, session.controller.signal]),
      })
      return {
        pairs: found.pairs,
        semantic: found.semantic,
        pending: this.#pending(session, found),
        version: session.version,
        tookMs: performance.now() - started,
      }
    } finally {
      if (callId !== undefined) this.#calls.delete(callId)
    }
  }

  /** The memories of the same persona nearest in meaning to memory `id` (link suggestions). */
  similarTo(params: { id: string; minSimilarity: number; limit?: number }): HostNeighboursResponse {
    const session = this.#need()
    const found = session.index.similarTo(params)
    return {
      hits: found.hits.map(({ id, similarity }) => ({ id, similarity })),
      semantic: found.semantic,
      pending: this.#pending(session, found),
      version: session.version,
    }
  }

  #pending(session: Session, found: { semantic: SemanticStatus; unembedded: number }) {
    const loading = !found.semantic.available && found.semantic.reason === PURPOSE_NOTE
    return loading || session.jobs.size > 0 || found.unembedded > 0 || session.indexing !== null
  }

  /** The syncing tab reports its first pass here, so every tab can show it. */
  setIndexing(progress: Progress | null): void {
    if (this.#session) this.#session.indexing = progress
  }

  cancel(callId: string): void {
    this.#calls.get(callId)?.abort(new DOMException('cancelled', 'AbortError'))
    this.#calls.delete(callId)
  }

  status(): HostStatus {
    const session = this.#session
    if (!session) {
      return {
        open: false,
        documents: 0,
        indexBytes: 0,
        embeddedThisSession: 0,
        restored: 0,
        embedding: { documents: 0, ms: 0 },
        progress: null,
        indexing: null,
        version: 0,
        semantic: { available: false, reason: 'search is locked' },
        degraded: null,
        model: { kind: 'built-in', label: choiceLabel(BUILT_IN), connecting: false, error: null },
        persistence: this.#persistence,
      }
    }
    const stats = session.index.stats()
    let progress: Progress | null = null
    if (session.jobs.size > 0) {
      let done = 0
      let total = 0
      for (const job of session.jobs.values()) {
        done += job.done
        total += job.total
      }
      progress = { done, total }
    }
    return {
      open: true,
      documents: stats.documents,
      indexBytes: stats.textBytes + stats.vectors.reduce((sum, v) => sum + v.bytes, 0),
      embeddedThisSession: session.embedded,
      restored: session.restored,
      embedding: stats.embedding,
      progress,
      indexing: session.indexing,
      version: session.version,
      semantic: stats.semantic,
      degraded: session.degraded,
      model: {
        kind: session.choice.kind,
        label: choiceLabel(session.choice),
        connecting: session.connecting,
        error: session.modelError,
      },
      persistence: this.#persistence,
    }
  }

  /** Seals and writes the index now if it changed (tests; the debounce does it otherwise). */
  async flush(): Promise<void> {
    const session = this.#session
    if (session) {
      await this.idle()
      if (session.dirty && this.#session === session) {
        clearTimeout(session.timer)
        this.#persist(session)
      }
    }
    await this.#writing
  }

  /** Resolves when no embedding is under way (tests). */
  async idle(): Promise<void> {
    while (this.#session && this.#session.jobs.size > 0) await new Promise((r) => setTimeout(r, 5))
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────

  #need(): Session {
    if (!this.#session) throw new LockedError()
    return this.#session
  }

  #track(
    session: Session,
    run: (options: { signal: AbortSignal; onProgress: (p: Progress) => void }) => Promise<void>,
  ): void {
    const id = ++this.#jobIds
    let lastDone = 0
    session.jobs.set(id, { done: 0, total: 0 })
    const onProgress = (progress: Progress) => {
      session.embedded += progress.done - lastDone
      lastDone = progress.done
      if (progress.done > 0) session.dirty = true
      session.jobs.set(id, progress)
    }
    run({ signal: session.controller.signal, onProgress })
      .catch((error) => {
        // An abort is a lock or a newer model choice taking over: nothing failed.
        const aborted = error instanceof DOMException && error.name === 'AbortError'
        if (!session.controller.signal.aborted && !aborted) console.error('search: embedding failed', error)
      })
      .finally(() => {
        session.jobs.delete(id)
        if (session.dirty && this.#session === session) this.#schedulePersist(session)
      })
  }

  #changed(session: Session): void {
    session.version++
    session.dirty = true
    this.#schedulePersist(session)
  }

  #schedulePersist(session: Session): void {
    if (!this.#options.storage) return
    clearTimeout(session.timer)
    session.timer = setTimeout(() => {
      if (this.#session !== session) return
      // Wait for embedding to settle: a half-embedded index would be written twice.
      if (session.jobs.size > 0) this.#schedulePersist(session)
      else this.#persist(session)
    }, this.#options.persistDelayMs ?? 2000)
  }

  /** Seals now (while the key is at hand), writes in the background, one write at a time. */
  #persist(session: Session): void {
    const storage = this.#options.storage
    if (!storage) return
    session.dirty = false
    let sealed: Uint8Array
    try {
      sealed = this.#options.sealer.seal(session.key, session.index.serialize())
    } catch (error) {
      this.#persistence = { ...this.#persistence, error: `the index could not be sealed: ${message(error)}` }
      return
    }
    this.#writing = this.#writing.then(async () => {
      try {
        await storage.write(sealed)
        this.#persistence = { savedAt: Date.now(), bytes: sealed.length, error: null }
      } catch (error) {
        this.#persistence = { ...this.#persistence, error: `the index could not be saved: ${message(error)}` }
      }
    })
  }

  /**
   * Re-ranks the first results by the full model's cosine with the query, fused by reciprocal rank
   * with the first ranking (k = 60) so a keyword match is not thrown out by the model alone. The
   * reported similarity of results found by meaning becomes the full model's.
   */
  async #rerank(
    session: Session,
    model: Embedder,
    query: string,
    results: SearchResult[],
    signal: AbortSignal,
  ): Promise<SearchResult[]> {
    const text = parseQuery(query).text
    if (text.trim() === '') return results
    const cache = session.rerankCache
    const missing = results.filter((r) => cache.get(r.id)?.text !== r.text)
    let vectors: Float32Array[]
    try {
      vectors = await model.embed([text, ...missing.map((r) => r.text)], signal)
    } catch (error) {
      if (signal.aborted) throw error
      session.degraded = `re-ranking by the full model failed: ${message(error)}`
      return results
    }
    const [queryVector] = vectors
    if (!queryVector) return results
    missing.forEach((r, i) => {
      cache.delete(r.id)
      cache.set(r.id, { text: r.text, vector: vectors[i + 1] as Float32Array })
    })
    while (cache.size > RERANK_CACHE) cache.delete(cache.keys().next().value as string)
    const similarity = results.map((r) =>
      dot(queryVector, (cache.get(r.id) as { vector: Float32Array }).vector),
    )
    const byModel = results
      .map((_, i) => i)
      .sort((a, b) => (similarity[b] as number) - (similarity[a] as number))
    const modelRank = new Array<number>(results.length)
    byModel.forEach((i, rank) => {
      modelRank[i] = rank
    })
    return results
      .map((result, i) => ({
        result: {
          ...result,
          score: 1 / (61 + i) + 1 / (61 + (modelRank[i] as number)),
          ...(result.similarity === undefined ? {} : { similarity: similarity[i] as number }),
        },
        i,
      }))
      .sort((a, b) => b.result.score - a.result.score || a.i - b.i)
      .map(({ result }) => result)
  }
}
