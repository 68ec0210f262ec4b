// The search engine's front door: one object that keeps the keyword index, the vectors of the
// current embedder and the documents' text in step, answers hybrid queries with explanations and
// highlights, and saves itself to bytes so an unlock can skip re-embedding. It holds plaintext:
// the worker that owns it must drop it on lock (and seal what `serialize` returns).
import { ByteReader, ByteWriter } from './binary.ts'
import { Bm25Index, DOC_KINDS, type DocKind, type Scope, type TextDoc } from './bm25.ts'
import { contentHash } from './content-hash.ts'
import type { Embedder } from './embedder.ts'
import { type HighlightRange, highlight } from './highlight.ts'
import { type FusedHit, fuse } from './hybrid.ts'
import { type SimilarPair, similarPairs } from './near-duplicates.ts'
import { parseQuery } from './query.ts'
import { DEFAULT_RETRIEVAL, type RetrievalWeights, retrievalScores } from './retrieval.ts'
import { terms } from './text.ts'
import { type VectorHit, VectorIndex } from './vector-index.ts'

export type { DocKind, Scope } from './bm25.ts'
export type { Embedder } from './embedder.ts'
export type { HighlightRange } from './highlight.ts'

export interface SearchDoc extends TextDoc {
  /** 0–1, memories only; used by `ranking: 'retrieval'`. */
  readonly importance?: number | undefined
  /** Epoch ms the content dates from; used by `ranking: 'retrieval'`. */
  readonly timestamp?: number | undefined
  /** Whatever the store uses to tell versions apart; defaults to a hash of the text. */
  readonly contentHash?: string | undefined
}

export interface SearchParams {
  readonly query: string
  readonly scope?: Scope
  readonly limit?: number
  readonly signal?: AbortSignal
  /** 'relevance' (default): fused rank only. 'retrieval': the memory formula of retrieval.ts. */
  readonly ranking?: 'relevance' | 'retrieval'
  /** 'hybrid' (default): keywords and meaning fused; or either alone. */
  readonly mode?: 'hybrid' | 'keyword' | 'meaning'
  /** Clock for recency; defaults to Date.now(). */
  readonly now?: number
}

export interface SearchResult {
  readonly id: string
  readonly kind: DocKind
  readonly personaId?: string
  readonly conversationId?: string
  readonly score: number
  readonly text: string
  /** Where the matched terms are in `text`. */
  readonly highlights: readonly HighlightRange[]
  /** Index terms of the query found in the text (empty when it matched by meaning alone). */
  readonly terms: readonly string[]
  /** Set when it is similar in meaning: the cosine similarity with the query. */
  readonly similarity?: number
}

export type SemanticStatus =
  | { readonly available: true; readonly embedderId: string }
  | { readonly available: false; readonly reason: string }

export interface SearchResponse {
  readonly results: SearchResult[]
  /** Whether vectors took part; the UI says so when they did not. */
  readonly semantic: SemanticStatus
}

export interface Progress {
  readonly done: number
  readonly total: number
}

export interface EmbedOptions {
  readonly signal?: AbortSignal
  readonly onProgress?: (progress: Progress) => void
}

export interface Fingerprint {
  /** In the store, not in the index: index them. */
  readonly missing: string[]
  /** In both, but the store's hash differs: index them again. */
  readonly changed: string[]
  /** In the index, gone from the store: remove them. */
  readonly stale: string[]
  /** Indexed and current, but without a vector from the current embedder: `embedMissing`. */
  readonly unembedded: string[]
}

/** What similarity searches between memories say besides their results. */
export interface SimilarityStatus {
  readonly semantic: SemanticStatus
  /** Memories in scope still waiting for a vector from the current embedder (results may be missing). */
  readonly unembedded: number
}

export interface SearchStats {
  readonly documents: number
  readonly terms: number
  readonly textBytes: number
  readonly vectors: readonly { embedderId: string; dims: number; count: number; bytes: number }[]
  readonly unembedded: number
  readonly semantic: SemanticStatus
  /** Documents embedded by this index object and the time spent in the embedder for them. */
  readonly embedding: { readonly documents: number; readonly ms: number }
}

interface StoredDoc {
  readonly text: string
  readonly kind: DocKind
  readonly personaId: string | undefined
  readonly conversationId: string | undefined
  readonly importance: number | undefined
  readonly timestamp: number | undefined
  readonly hash: string
}

export interface SearchIndexOptions {
  readonly embedder?: Embedder | undefined
  /** Texts per embedder call. */
  readonly batchSize?: number
  readonly retrieval?: RetrievalWeights
  /**
   * Vector results less similar than this are dropped before fusing: the nearest 100 of anything
   * always exist, and unrelated ones would otherwise fill every result list. Depends on the
   * embedder (cosines of unrelated texts run higher for static embedders); tune on the quality set.
   */
  readonly minSimilarity?: number
}

/** Candidates taken from each of keyword and vector search before fusing (issue #6: 50–100). */
export const FUSION_DEPTH = 100
export const DEFAULT_MIN_SIMILARITY = 0.3
const MAGIC = 'HEARTH-SEARCH'
export const FORMAT_VERSION = 1
const NO_EMBEDDER = 'no embedder is configured'

export class SearchIndex {
  #text = new Bm25Index()
  readonly #docs = new Map<string, StoredDoc>()
  readonly #vectors = new Map<string, VectorIndex>()
  readonly #batchSize: number
  readonly #retrieval: RetrievalWeights
  readonly #minSimilarity: number
  #embedder: Embedder | undefined
  /**
   * The embedder before a switch, while the new one has not embedded everything yet: queries keep
   * using the vectors that cover more documents, so search by meaning works all through a re-embed.
   */
  #previous: Embedder | undefined
  #semantic: SemanticStatus
  readonly #embedding = { documents: 0, ms: 0 }

  constructor(options: SearchIndexOptions = {}) {
    this.#batchSize = options.batchSize ?? 64
    this.#retrieval = options.retrieval ?? DEFAULT_RETRIEVAL
    this.#minSimilarity = options.minSimilarity ?? DEFAULT_MIN_SIMILARITY
    this.#embedder = options.embedder
    this.#semantic = options.embedder
      ? { available: true, embedderId: options.embedder.id }
      : { available: false, reason: NO_EMBEDDER }
  }

  /**
   * Switches the embedder (or drops it, with the reason to show). Vectors of other embedders are
   * kept until every document has one from the new embedder, then dropped by `embedMissing`.
   */
  setEmbedder(embedder: Embedder | undefined, reason = NO_EMBEDDER): void {
    const outgoing = this.#embedder
    if (outgoing && outgoing.id !== embedder?.id && (this.#vectors.get(outgoing.id)?.size ?? 0) > 0) {
      this.#previous = outgoing
    }
    if (this.#previous && this.#previous.id === embedder?.id) this.#previous = undefined
    this.#embedder = embedder
    this.#semantic = embedder ? { available: true, embedderId: embedder.id } : { available: false, reason }
  }

  /**
   * Indexes the text of `docs` at once (searchable by keyword when this returns its promise), then
   * embeds those without a current vector. Resolves when embedding is done or has failed (the
   * failure shows in `semantic`); rejects only when `signal` aborts.
   */
  async upsert(docs: readonly SearchDoc[], options: EmbedOptions = {}): Promise<void> {
    const toEmbed: string[] = []
    for (const doc of docs) {
      const hash = doc.contentHash ?? contentHash(doc.text)
      const previous = this.#docs.get(doc.id)
      if (previous && previous.hash !== hash) for (const index of this.#vectors.values()) index.remove(doc.id)
      this.#docs.set(doc.id, {
        text: doc.text,
        kind: doc.kind,
        personaId: doc.personaId,
        conversationId: doc.conversationId,
        importance: doc.importance,
        timestamp: doc.timestamp,
        hash,
      })
      this.#text.upsert(doc)
      toEmbed.push(doc.id)
    }
    await this.#embed(toEmbed, options)
  }

  remove(ids: Iterable<string>): void {
    for (const id of ids) {
      this.#docs.delete(id)
      this.#text.remove(id)
      for (const index of this.#vectors.values()) index.remove(id)
    }
  }

  /** Embeds every document that has no vector from the current embedder (after a switch or a failure). */
  async embedMissing(options: EmbedOptions = {}): Promise<void> {
    await this.#embed([...this.#docs.keys()], options)
    const current = this.#embedder?.id
    if (current && this.#vectors.get(current)?.size === this.#docs.size) {
      for (const id of [...this.#vectors.keys()]) if (id !== current) this.#vectors.delete(id)
      this.#previous = undefined
    }
  }

  async search(params: SearchParams): Promise<SearchResponse> {
    const { signal } = params
    signal?.throwIfAborted()
    const limit = params.limit ?? 20
    const parsed = parseQuery(params.query)
    const depth = Math.max(FUSION_DEPTH, limit)
    const mode = params.mode ?? 'hybrid'
    const textHits =
      mode === 'meaning'
        ? []
        : this.#text.search(parsed, { limit: depth, ...(params.scope ? { scope: params.scope } : {}) })
    let vectorHits: VectorHit[] = []
    const embedder = mode === 'keyword' ? undefined : this.#queryEmbedder()
    const vectors = embedder ? this.#vectors.get(embedder.id) : undefined
    if (embedder && vectors && vectors.size > 0 && parsed.groups.length > 0) {
      try {
        const [queryVector] = await embedder.embed([parsed.text], signal)
        signal?.throwIfAborted()
        if (queryVector) {
          const accept = this.#text.acceptor(params.scope, parsed)
          vectorHits = vectors
            .search(queryVector, { limit: depth, ...(accept ? { filter: accept } : {}) })
            .filter((hit) => hit.similarity >= this.#minSimilarity)
          this.#semantic = { available: true, embedderId: embedder.id }
        }
      } catch (error) {
        if (signal?.aborted) throw error
        this.#fail(embedder, error)
      }
    }
    let fused = fuse(textHits, vectorHits)
    if (params.ranking === 'retrieval') fused = this.#rerankForRetrieval(fused, params.now ?? Date.now())
    return {
      results: fused.slice(0, limit).map((hit) => this.#result(hit, parsed)),
      semantic: this.#semantic,
    }
  }

  /**
   * Keyword search without the index: every document's text split into terms and compared with the
   * query's (all must occur). What searching costs without an inverted index; `npm run bench`
   * measures the index against it.
   */
  scanText(query: string, limit = 20): string[] {
    const wanted = [...new Set(terms(parseQuery(query).text))]
    const found: string[] = []
    if (wanted.length === 0) return found
    for (const [id, doc] of this.#docs) {
      const have = new Set(terms(doc.text))
      if (wanted.every((term) => have.has(term))) found.push(id)
      if (found.length >= limit) break
    }
    return found
  }

  /** The query's vector by the embedder queries use now, or undefined without one (measurements). */
  async embedQuery(query: string, signal?: AbortSignal): Promise<Float32Array | undefined> {
    const embedder = this.#queryEmbedder()
    if (!embedder) return undefined
    const [vector] = await embedder.embed([parseQuery(query).text], signal)
    return vector
  }

  /** The vectors queries are compared with now (the int8 index), for measurements. */
  queryVectors(): VectorIndex | undefined {
    const embedder = this.#queryEmbedder()
    return embedder ? this.#vectors.get(embedder.id) : undefined
  }

  /**
   * Near-duplicate memories of one persona: pairs at least `minSimilarity` similar by the current
   * embedder's vectors, the most similar first (`near-duplicates.ts`).
   */
  async similarPairs(params: {
    personaId: string
    minSimilarity: number
    limit?: number
    signal?: AbortSignal
  }): Promise<SimilarityStatus & { pairs: SimilarPair[] }> {
    const { ids, vectors, unembedded } = this.#personaMemories(params.personaId)
    if (!vectors) return { pairs: [], semantic: this.#semantic, unembedded }
    const pairs = await similarPairs(vectors, ids, {
      minSimilarity: params.minSimilarity,
      ...(params.limit === undefined ? {} : { limit: params.limit }),
      ...(params.signal === undefined ? {} : { signal: params.signal }),
    })
    return { pairs, semantic: this.#semantic, unembedded }
  }

  /** The memories of the same persona nearest in meaning to memory `id` (not itself), best first. */
  similarTo(params: { id: string; minSimilarity: number; limit?: number }): SimilarityStatus & {
    hits: VectorHit[]
  } {
    const doc = this.#docs.get(params.id)
    const personaId = doc?.personaId
    if (doc === undefined || doc.kind !== 'memory' || personaId === undefined)
      return { hits: [], semantic: this.#semantic, unembedded: 0 }
    const { vectors, unembedded } = this.#personaMemories(personaId)
    const query = vectors?.vector(params.id)
    if (!vectors || !query) return { hits: [], semantic: this.#semantic, unembedded }
    const hits = vectors
      .search(query, {
        limit: params.limit ?? 5,
        filter: (id) => {
          const other = this.#docs.get(id)
          return id !== params.id && other?.kind === 'memory' && other.personaId === personaId
        },
      })
      .filter((hit) => hit.similarity >= params.minSimilarity)
    return { hits, semantic: this.#semantic, unembedded }
  }

  #personaMemories(personaId: string) {
    const embedder = this.#embedder
    const vectors = embedder ? this.#vectors.get(embedder.id) : undefined
    const ids: string[] = []
    let unembedded = 0
    for (const [id, doc] of this.#docs) {
      if (doc.kind !== 'memory' || doc.personaId !== personaId) continue
      ids.push(id)
      if (embedder && !vectors?.has(id)) unembedded++
    }
    return { ids, vectors, unembedded }
  }

  /** Compares the index with the store's (id, contentHash) list after unlock. */
  fingerprint(entries: Iterable<{ readonly id: string; readonly contentHash: string }>): Fingerprint {
    const missing: string[] = []
    const changed: string[] = []
    const unembedded: string[] = []
    const seen = new Set<string>()
    const vectors = this.#embedder ? this.#vectors.get(this.#embedder.id) : undefined
    for (const { id, contentHash: hash } of entries) {
      seen.add(id)
      const doc = this.#docs.get(id)
      if (!doc) missing.push(id)
      else if (doc.hash !== hash) changed.push(id)
      else if (this.#embedder && !vectors?.has(id)) unembedded.push(id)
    }
    const stale = [...this.#docs.keys()].filter((id) => !seen.has(id))
    return { missing, changed, stale, unembedded }
  }

  stats(): SearchStats {
    const current = this.#embedder ? this.#vectors.get(this.#embedder.id) : undefined
    let textBytes = this.#text.approximateBytes
    for (const doc of this.#docs.values()) textBytes += doc.text.length * 2
    return {
      documents: this.#docs.size,
      terms: this.#text.vocabularySize,
      textBytes,
      vectors: [...this.#vectors.values()].map((index) => ({
        embedderId: index.embedderId,
        dims: index.dims,
        count: index.size,
        bytes: index.byteLength,
      })),
      unembedded: this.#embedder ? this.#docs.size - (current?.size ?? 0) : 0,
      semantic: this.#semantic,
      embedding: { ...this.#embedding },
    }
  }

  // ── persistence (layout in docs/SEARCH.md) ──────────────────────────────────────────────────

  serialize(): Uint8Array {
    const w = new ByteWriter()
    w.string(MAGIC)
    w.u32(FORMAT_VERSION)
    const ids = [...this.#docs.keys()]
    const docs = [...this.#docs.values()]
    w.strings(ids)
    w.strings(docs.map((doc) => doc.text))
    w.typed(Uint8Array.from(docs, (doc) => DOC_KINDS.indexOf(doc.kind)))
    w.strings(docs.map((doc) => doc.personaId ?? ''))
    w.strings(docs.map((doc) => doc.conversationId ?? ''))
    w.typed(Float64Array.from(docs, (doc) => doc.importance ?? Number.NaN))
    w.typed(Float64Array.from(docs, (doc) => doc.timestamp ?? Number.NaN))
    w.strings(docs.map((doc) => doc.hash))
    this.#text.writeTo(w)
    w.u32(this.#vectors.size)
    for (const index of this.#vectors.values()) index.writeTo(w)
    return w.finish()
  }

  /** Loads what `serialize` wrote. Throws RangeError on bytes it cannot trust (rebuild instead). */
  static deserialize(bytes: Uint8Array, options: SearchIndexOptions = {}): SearchIndex {
    const r = new ByteReader(bytes)
    if (r.string() !== MAGIC) throw new RangeError('search index: not a search index')
    const version = r.u32()
    if (version !== FORMAT_VERSION) throw new RangeError(`search index: format ${version} is not supported`)
    const index = new SearchIndex(options)
    const ids = r.strings()
    const texts = r.strings()
    const kinds = r.bytes()
    const personas = r.strings()
    const conversations = r.strings()
    const importance = r.float64s()
    const timestamps = r.float64s()
    const hashes = r.strings()
    const n = ids.length
    if ([texts, kinds, personas, conversations, importance, timestamps, hashes].some((c) => c.length !== n)) {
      throw new RangeError('search index: document columns are inconsistent')
    }
    const optional = (value: number) => (Number.isNaN(value) ? undefined : value)
    ids.forEach((id, i) => {
      const kind = DOC_KINDS[kinds[i] as number]
      if (!kind) throw new RangeError('search index: unknown document kind')
      index.#docs.set(id, {
        text: texts[i] as string,
        kind,
        personaId: personas[i] || undefined,
        conversationId: conversations[i] || undefined,
        importance: optional(importance[i] as number),
        timestamp: optional(timestamps[i] as number),
        hash: hashes[i] as string,
      })
    })
    const text = Bm25Index.readFrom(r)
    if (text.size !== n) throw new RangeError('search index: keyword index does not match the documents')
    // Adopted as written rather than re-tokenizing every text: that is what makes loading fast.
    index.#text = text
    const vectorCount = r.u32()
    for (let v = 0; v < vectorCount; v++) {
      const vectors = VectorIndex.readFrom(r)
      index.#vectors.set(vectors.embedderId, vectors)
    }
    if (!r.done) throw new RangeError('search index: trailing bytes')
    return index
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────

  async #embed(ids: readonly string[], { signal, onProgress }: EmbedOptions): Promise<void> {
    const embedder = this.#embedder
    if (!embedder) return
    let vectors = this.#vectors.get(embedder.id)
    const pending = ids.filter((id) => this.#docs.has(id) && !vectors?.has(id))
    let done = 0
    onProgress?.({ done, total: pending.length })
    for (let start = 0; start < pending.length; start += this.#batchSize) {
      signal?.throwIfAborted()
      if (this.#embedder !== embedder) return // switched meanwhile: the new embedder's pass takes over
      const batch = pending.slice(start, start + this.#batchSize)
      const hashes = batch.map((id) => this.#docs.get(id)?.hash)
      const texts = batch.map((id) => this.#docs.get(id)?.text ?? '')
      let made: Float32Array[]
      const started = performance.now()
      try {
        made = await embedder.embed(texts, signal)
        this.#embedding.ms += performance.now() - started
        this.#embedding.documents += texts.length
      } catch (error) {
        if (signal?.aborted) throw error
        this.#fail(embedder, error)
        return
      }
      if (made.length !== batch.length) {
        this.#fail(embedder, new Error(`returned ${made.length} vectors for ${batch.length} texts`))
        return
      }
      if (!vectors) {
        vectors = new VectorIndex(embedder.id, embedder.dims)
        this.#vectors.set(embedder.id, vectors)
      }
      batch.forEach((id, i) => {
        // Skip documents removed or changed while their batch was being embedded.
        const doc = this.#docs.get(id)
        if (doc && doc.hash === hashes[i]) vectors?.upsert(id, made[i] as Float32Array)
      })
      done += batch.length
      onProgress?.({ done, total: pending.length })
    }
    if (this.#embedder === embedder) this.#semantic = { available: true, embedderId: embedder.id }
  }

  /** The current embedder, or the previous one while it still covers more documents (a switch). */
  #queryEmbedder(): Embedder | undefined {
    const current = this.#embedder
    const previous = this.#previous
    if (!current || !previous) return current
    const covered = (e: Embedder) => this.#vectors.get(e.id)?.size ?? 0
    return covered(previous) > covered(current) ? previous : current
  }

  #fail(embedder: Embedder, error: unknown): void {
    if (this.#embedder !== embedder) return
    const message = error instanceof Error ? error.message : String(error)
    this.#semantic = { available: false, reason: `the embedder ${embedder.id} failed: ${message}` }
  }

  #rerankForRetrieval(fused: FusedHit[], now: number): FusedHit[] {
    const scores = retrievalScores(
      fused.map((hit) => {
        const doc = this.#docs.get(hit.id)
        return { relevance: hit.score, importance: doc?.importance, timestamp: doc?.timestamp }
      }),
      now,
      this.#retrieval,
    )
    return fused
      .map((hit, i) => ({ ...hit, score: scores[i] as number }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }

  #result(hit: FusedHit, parsed: ReturnType<typeof parseQuery>): SearchResult {
    const doc = this.#docs.get(hit.id) as StoredDoc
    const terms = hit.text?.terms ?? this.#text.matchInfo(hit.id, parsed)?.terms ?? []
    return {
      id: hit.id,
      kind: doc.kind,
      ...(doc.personaId === undefined ? {} : { personaId: doc.personaId }),
      ...(doc.conversationId === undefined ? {} : { conversationId: doc.conversationId }),
      score: hit.score,
      text: doc.text,
      highlights: highlight(doc.text, terms),
      terms,
      ...(hit.vector ? { similarity: hit.vector.similarity } : {}),
    }
  }
}
