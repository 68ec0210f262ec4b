// An incremental inverted index with BM25 ranking, built for ~100k short documents in a worker.
//
// Layout (why it is not one object per document):
// - Documents live in slots numbered in insertion order; per-slot data sits in typed arrays.
// - Each term has one Int32Array posting list of interleaved (slot, tf) pairs, sorted by slot
//   because slots only grow. Sorted lists let AND and phrases intersect by merging.
// - Positions are not stored in postings: each document keeps its token sequence (term ids, -1
//   for stopwords) in one shared "forward" Int32Array. Phrases are verified on that sequence for
//   the few documents that hold all their terms; the same sequence tells removal which posting
//   lists to touch and tells a result which query terms it matched.
// - Removing or replacing a document only marks its slot dead. A posting list is compacted when
//   it holds more dead than live entries, and the whole index is renumbered when dead slots
//   outnumber live ones, so updates stay O(document) and queries never see much garbage.
import type { ByteReader, ByteWriter } from './binary.ts'
import { type Clause, type ParsedQuery, parseQuery } from './query.ts'
import { forEachToken, stem } from './text.ts'
import { TopK } from './top-k.ts'

export type DocKind = 'memory' | 'message' | 'chunk'
export const DOC_KINDS: readonly DocKind[] = ['memory', 'message', 'chunk']

export interface TextDoc {
  readonly id: string
  readonly text: string
  readonly kind: DocKind
  readonly personaId?: string | undefined
  readonly conversationId?: string | undefined
}

/** Narrows a search; an absent field does not filter. */
export interface Scope {
  readonly kind?: DocKind | undefined
  readonly personaId?: string | undefined
  readonly conversationId?: string | undefined
}

export interface TextHit {
  readonly id: string
  readonly score: number
  /** Index terms of the query the document contains (stems, folded): for highlighting. */
  readonly terms: readonly string[]
}

export interface TextSearchOptions {
  readonly limit?: number
  readonly scope?: Scope
  /** Extra predicate on ids, applied after scope (e.g. "has no vector yet"). */
  readonly filter?: (id: string) => boolean
}

// Okapi BM25 parameters, the values most systems (Lucene, Elasticsearch) default to.
const K1 = 1.2
const B = 0.75
/** A prefix like "a*" could expand to thousands of terms; the most frequent ones are kept. */
export const MAX_PREFIX_EXPANSION = 256
/** Below this many slots, dead slots are cheaper to carry than a renumbering. */
const COMPACT_MIN_SLOTS = 1024
const NONE = -1

/** Sorted slots with one score each: what every clause evaluates to. */
interface Matches {
  slots: Int32Array
  scores: Float64Array
}
const EMPTY: Matches = { slots: new Int32Array(0), scores: new Float64Array(0) }

const grow = <T extends Int32Array | Uint8Array>(array: T, needed: number): T => {
  if (needed <= array.length) return array
  let size = Math.max(array.length * 2, 16)
  while (size < needed) size *= 2
  const next = new (array.constructor as new (n: number) => T)(size)
  next.set(array)
  return next
}

export class Bm25Index {
  // Per slot.
  #slotCount = 0
  #slotIds: (string | undefined)[] = []
  #alive = new Uint8Array(0)
  #kind = new Uint8Array(0)
  #persona = new Int32Array(0)
  #conversation = new Int32Array(0)
  #length = new Int32Array(0)
  #fwdStart = new Int32Array(0)
  #fwdCount = new Int32Array(0)
  #idToSlot = new Map<string, number>()
  // Forward token sequences of all slots, dead ones included until renumbering.
  #fwd = new Int32Array(0)
  #fwdUsed = 0
  // Per term.
  #termIds = new Map<string, number>()
  #terms: string[] = []
  #postings: Int32Array[] = []
  #postingUsed = new Int32Array(0)
  #df = new Int32Array(0)
  #deadPostings = new Int32Array(0)
  // Interned persona and conversation ids.
  #scopeIds = new Map<string, number>()
  #scopeNames: string[] = []
  // Totals over live documents.
  #liveDocs = 0
  #liveLength = 0
  // Sorted vocabulary for prefix queries, rebuilt lazily after new terms arrive.
  #sortedTerms: string[] | undefined
  // Scratch, reused across calls.
  #termMark = new Int32Array(0)
  #markEpoch = 0

  get size(): number {
    return this.#liveDocs
  }

  get vocabularySize(): number {
    let count = 0
    for (let t = 0; t < this.#terms.length; t++) if ((this.#df[t] as number) > 0) count++
    return count
  }

  has(id: string): boolean {
    return this.#idToSlot.has(id)
  }

  /** Adds or replaces a document. */
  upsert(doc: TextDoc): void {
    if (this.#idToSlot.has(doc.id)) this.remove(doc.id)
    const slot = this.#slotCount++
    this.#ensureSlots(slot + 1)
    this.#slotIds[slot] = doc.id
    this.#idToSlot.set(doc.id, slot)
    this.#alive[slot] = 1
    this.#kind[slot] = DOC_KINDS.indexOf(doc.kind)
    this.#persona[slot] = this.#intern(doc.personaId)
    this.#conversation[slot] = this.#intern(doc.conversationId)
    const start = this.#fwdUsed
    let length = 0
    forEachToken(doc.text, (term) => {
      let id = NONE
      if (term) {
        id = this.#termId(term)
        length++
      }
      this.#fwd = grow(this.#fwd, this.#fwdUsed + 1)
      this.#fwd[this.#fwdUsed++] = id
    })
    this.#fwdStart[slot] = start
    this.#fwdCount[slot] = this.#fwdUsed - start
    this.#length[slot] = length
    this.#liveDocs++
    this.#liveLength += length
    // Term frequencies, then one posting per distinct term.
    const counts = new Map<number, number>()
    for (let p = start; p < this.#fwdUsed; p++) {
      const term = this.#fwd[p] as number
      if (term >= 0) counts.set(term, (counts.get(term) ?? 0) + 1)
    }
    for (const [term, tf] of counts) {
      const used = this.#postingUsed[term] as number
      const list = grow(this.#postings[term] as Int32Array, used + 2)
      list[used] = slot
      list[used + 1] = tf
      this.#postings[term] = list
      this.#postingUsed[term] = used + 2
      this.#df[term] = (this.#df[term] as number) + 1
    }
  }

  remove(id: string): boolean {
    const slot = this.#idToSlot.get(id)
    if (slot === undefined) return false
    this.#idToSlot.delete(id)
    this.#slotIds[slot] = undefined
    this.#alive[slot] = 0
    this.#liveDocs--
    this.#liveLength -= this.#length[slot] as number
    const epoch = this.#nextEpoch()
    const start = this.#fwdStart[slot] as number
    const end = start + (this.#fwdCount[slot] as number)
    for (let p = start; p < end; p++) {
      const term = this.#fwd[p] as number
      if (term < 0 || this.#termMark[term] === epoch) continue
      this.#termMark[term] = epoch
      this.#df[term] = (this.#df[term] as number) - 1
      const dead = (this.#deadPostings[term] as number) + 1
      this.#deadPostings[term] = dead
      if (dead > (this.#df[term] as number) && dead >= 4) this.#compactPostings(term)
    }
    if (this.#slotCount >= COMPACT_MIN_SLOTS && this.#slotCount - this.#liveDocs > this.#liveDocs) {
      this.#renumber()
    }
    return true
  }

  search(query: string | ParsedQuery, options: TextSearchOptions = {}): TextHit[] {
    const parsed = typeof query === 'string' ? parseQuery(query) : query
    const limit = options.limit ?? 20
    if (parsed.groups.length === 0 || this.#liveDocs === 0 || limit <= 0) return []
    // Evaluate the rarest group first so intersections start small.
    const groups = parsed.groups.map((group) => this.#evaluateGroup(group))
    groups.sort((a, b) => a.slots.length - b.slots.length)
    let matches = groups[0] as Matches
    for (let g = 1; g < groups.length && matches.slots.length > 0; g++) {
      matches = intersect(matches, groups[g] as Matches)
    }
    for (const clause of parsed.excluded) {
      if (matches.slots.length === 0) break
      matches = subtract(matches, this.#evaluate(clause))
    }
    const accept = this.#scopeTest(options.scope)
    const top = new TopK(limit)
    for (let i = 0; i < matches.slots.length; i++) {
      const score = matches.scores[i] as number
      if (score < top.threshold) continue
      const slot = matches.slots[i] as number
      if (accept && !accept(slot)) continue
      if (options.filter && !options.filter(this.#slotIds[slot] as string)) continue
      top.push(slot, score)
    }
    const { indexes, scores } = top.drain()
    const queryTerms = this.#queryTermIds(parsed)
    return Array.from(indexes, (slot, i) => ({
      id: this.#slotIds[slot] as string,
      score: scores[i] as number,
      terms: this.#matchedTerms(slot, queryTerms),
    }))
  }

  /**
   * For a document found some other way (by meaning): which query terms it contains, and whether
   * an exclusion in the query rules it out. Undefined if the id is not indexed.
   */
  matchInfo(id: string, query: ParsedQuery): { terms: string[]; excluded: boolean } | undefined {
    const slot = this.#idToSlot.get(id)
    if (slot === undefined) return undefined
    const excluded = query.excluded.some((clause) => this.#slotMatches(slot, clause))
    return { terms: this.#matchedTerms(slot, this.#queryTermIds(query)), excluded }
  }

  /**
   * A predicate on ids for results found another way (by meaning): indexed, inside `scope`, and
   * not ruled out by the query's exclusions. Undefined when it would accept every indexed id.
   */
  acceptor(scope: Scope | undefined, query?: ParsedQuery): ((id: string) => boolean) | undefined {
    const inScope = this.#scopeTest(scope)
    const excluded = query?.excluded ?? []
    if (!inScope && excluded.length === 0) return undefined
    return (id) => {
      const slot = this.#idToSlot.get(id)
      if (slot === undefined || (inScope && !inScope(slot))) return false
      return !excluded.some((clause) => this.#slotMatches(slot, clause))
    }
  }

  /** Approximate bytes held in typed arrays and strings (not the JS object overhead). */
  get approximateBytes(): number {
    let bytes = this.#fwd.byteLength + this.#slotCount * 25
    for (const list of this.#postings) bytes += list.byteLength + 64
    for (const term of this.#terms) bytes += term.length * 2 + 40
    return bytes
  }

  // ── persistence ────────────────────────────────────────────────────────────────────────────

  /** Writes the live documents, renumbered densely; see docs/SEARCH.md for the layout. */
  writeTo(w: ByteWriter): void {
    this.#renumber()
    const n = this.#slotCount
    w.strings(this.#slotIds as string[])
    w.typed(this.#kind.subarray(0, n))
    w.typed(this.#persona.subarray(0, n))
    w.typed(this.#conversation.subarray(0, n))
    w.typed(this.#length.subarray(0, n))
    w.typed(this.#fwdCount.subarray(0, n))
    w.typed(this.#fwd.subarray(0, this.#fwdUsed))
    w.strings(this.#scopeNames)
    w.strings(this.#terms)
    const used = this.#postingUsed.subarray(0, this.#terms.length)
    w.typed(used)
    let total = 0
    for (const count of used) total += count
    const all = new Int32Array(total)
    let at = 0
    this.#terms.forEach((_, t) => {
      const count = used[t] as number
      all.set((this.#postings[t] as Int32Array).subarray(0, count), at)
      at += count
    })
    w.typed(all)
  }

  static readFrom(r: ByteReader): Bm25Index {
    const index = new Bm25Index()
    const ids = r.strings()
    const kind = r.bytes()
    const persona = r.int32s()
    const conversation = r.int32s()
    const length = r.int32s()
    const fwdCount = r.int32s()
    const fwd = r.int32s()
    const scopeNames = r.strings()
    const terms = r.strings()
    const used = r.int32s()
    const all = r.int32s()
    const n = ids.length
    if (
      [kind, persona, conversation, length, fwdCount].some((a) => a.length !== n) ||
      used.length !== terms.length
    ) {
      throw new RangeError('search index: keyword section is inconsistent')
    }
    index.#ensureSlots(n)
    index.#slotCount = n
    index.#slotIds = ids
    index.#alive.fill(1, 0, n)
    index.#kind.set(kind)
    index.#persona.set(persona)
    index.#conversation.set(conversation)
    index.#length.set(length)
    index.#fwdCount.set(fwdCount)
    let start = 0
    ids.forEach((id, slot) => {
      index.#idToSlot.set(id, slot)
      index.#fwdStart[slot] = start
      start += fwdCount[slot] as number
      index.#liveLength += length[slot] as number
    })
    if (start !== fwd.length) throw new RangeError('search index: token sequences are inconsistent')
    index.#liveDocs = n
    index.#fwd = fwd
    index.#fwdUsed = fwd.length
    index.#scopeNames = scopeNames
    index.#scopeIds = new Map(scopeNames.map((name, i) => [name, i]))
    index.#ensureTerms(terms.length)
    let at = 0
    terms.forEach((term, t) => {
      const count = used[t] as number
      index.#termIds.set(term, t)
      index.#terms.push(term)
      index.#postings.push(all.slice(at, at + count))
      index.#postingUsed[t] = count
      index.#df[t] = count / 2
      at += count
    })
    if (at !== all.length) throw new RangeError('search index: posting lists are inconsistent')
    return index
  }

  // ── evaluation ─────────────────────────────────────────────────────────────────────────────

  #evaluateGroup(group: readonly Clause[]): Matches {
    let matches: Matches = EMPTY
    for (const clause of group) matches = union(matches, this.#evaluate(clause), false)
    return matches
  }

  #evaluate(clause: Clause): Matches {
    switch (clause.type) {
      case 'term': {
        const term = this.#termIds.get(clause.term)
        return term === undefined ? EMPTY : this.#scoreTerm(term)
      }
      case 'prefix': {
        // A document matching several expansions scores as its best one: "garden*" should not
        // rank a text higher for saying both "garden" and "gardening".
        return this.#bestOf(this.#expandPrefix(clause.prefix).map((term) => this.#scoreTerm(term)))
      }
      case 'phrase': {
        const ids: number[] = []
        for (const term of clause.terms) {
          const id = this.#termIds.get(term)
          if (id === undefined) return EMPTY
          ids.push(id)
        }
        const lists = ids.map((id) => this.#scoreTerm(id)).sort((a, b) => a.slots.length - b.slots.length)
        let matches = lists[0] as Matches
        for (let i = 1; i < lists.length; i++) matches = intersect(matches, lists[i] as Matches)
        return keep(matches, (slot) => this.#hasPhrase(slot, ids, clause.offsets))
      }
    }
  }

  /** Union keeping each slot's best score. Pairwise merging would cost O(lists × slots) for a
   *  short prefix expanding to hundreds of terms; one pass over a slot-indexed scratch does not. */
  #bestOf(lists: Matches[]): Matches {
    if (lists.length <= 2) return lists.reduce<Matches>((a, b) => union(a, b, true), EMPTY)
    const best = new Float64Array(this.#slotCount).fill(Number.NEGATIVE_INFINITY)
    let distinct = 0
    for (const { slots, scores } of lists) {
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i] as number
        const score = scores[i] as number
        const current = best[slot] as number
        if (current === Number.NEGATIVE_INFINITY) distinct++
        if (score > current) best[slot] = score
      }
    }
    const slots = new Int32Array(distinct)
    const scores = new Float64Array(distinct)
    let out = 0
    for (let slot = 0; slot < best.length; slot++) {
      const score = best[slot] as number
      if (score === Number.NEGATIVE_INFINITY) continue
      slots[out] = slot
      scores[out++] = score
    }
    return { slots, scores }
  }

  /** BM25 of one term for every live document holding it. IDF is Lucene's: never negative. */
  #scoreTerm(term: number): Matches {
    const list = this.#postings[term] as Int32Array
    const used = this.#postingUsed[term] as number
    const df = this.#df[term] as number
    if (df === 0) return EMPTY
    const n = this.#liveDocs
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5))
    const averageLength = this.#liveLength / n || 1
    const slots = new Int32Array(df)
    const scores = new Float64Array(df)
    let out = 0
    for (let i = 0; i < used; i += 2) {
      const slot = list[i] as number
      if (this.#alive[slot] === 0) continue
      const tf = list[i + 1] as number
      const norm = K1 * (1 - B + (B * (this.#length[slot] as number)) / averageLength)
      slots[out] = slot
      scores[out++] = (idf * tf * (K1 + 1)) / (tf + norm)
    }
    return { slots, scores }
  }

  #expandPrefix(prefix: string): number[] {
    if (!this.#sortedTerms)
      this.#sortedTerms = this.#terms.filter((_, t) => (this.#df[t] as number) > 0).sort()
    const sorted = this.#sortedTerms
    let low = 0
    let high = sorted.length
    while (low < high) {
      const mid = (low + high) >> 1
      if ((sorted[mid] as string) < prefix) low = mid + 1
      else high = mid
    }
    const found: number[] = []
    for (let i = low; i < sorted.length && (sorted[i] as string).startsWith(prefix); i++) {
      const id = this.#termIds.get(sorted[i] as string)
      if (id !== undefined && (this.#df[id] as number) > 0) found.push(id)
    }
    // "plants*" should also find "plant": the stem of a whole inflected word is shorter than it.
    const stemmed = this.#termIds.get(stem(prefix))
    if (stemmed !== undefined && (this.#df[stemmed] as number) > 0 && !found.includes(stemmed))
      found.push(stemmed)
    if (found.length <= MAX_PREFIX_EXPANSION) return found
    return found
      .sort((a, b) => (this.#df[b] as number) - (this.#df[a] as number))
      .slice(0, MAX_PREFIX_EXPANSION)
  }

  #hasPhrase(slot: number, ids: readonly number[], offsets: readonly number[]): boolean {
    const start = this.#fwdStart[slot] as number
    const end = start + (this.#fwdCount[slot] as number)
    const span = offsets[offsets.length - 1] as number
    for (let p = start; p + span < end; p++) {
      if (this.#fwd[p] !== ids[0]) continue
      let all = true
      for (let j = 1; j < ids.length && all; j++) all = this.#fwd[p + (offsets[j] as number)] === ids[j]
      if (all) return true
    }
    return false
  }

  #slotMatches(slot: number, clause: Clause): boolean {
    const start = this.#fwdStart[slot] as number
    const end = start + (this.#fwdCount[slot] as number)
    const holds = (term: number) => {
      for (let p = start; p < end; p++) if (this.#fwd[p] === term) return true
      return false
    }
    switch (clause.type) {
      case 'term': {
        const id = this.#termIds.get(clause.term)
        return id !== undefined && holds(id)
      }
      case 'prefix':
        return this.#expandPrefix(clause.prefix).some(holds)
      case 'phrase': {
        const ids = clause.terms.map((term) => this.#termIds.get(term))
        return ids.every((id) => id !== undefined) && this.#hasPhrase(slot, ids as number[], clause.offsets)
      }
    }
  }

  /** Term ids a result could be highlighted for: positive clauses only, prefixes expanded. */
  #queryTermIds(query: ParsedQuery): Set<number> {
    const ids = new Set<number>()
    const add = (term: string) => {
      const id = this.#termIds.get(term)
      if (id !== undefined) ids.add(id)
    }
    for (const group of query.groups) {
      for (const clause of group) {
        if (clause.type === 'term') add(clause.term)
        else if (clause.type === 'phrase') clause.terms.forEach(add)
        else for (const id of this.#expandPrefix(clause.prefix)) ids.add(id)
      }
    }
    return ids
  }

  #matchedTerms(slot: number, queryTerms: Set<number>): string[] {
    const found = new Set<number>()
    const start = this.#fwdStart[slot] as number
    const end = start + (this.#fwdCount[slot] as number)
    for (let p = start; p < end; p++) {
      const term = this.#fwd[p] as number
      if (queryTerms.has(term)) found.add(term)
    }
    return [...found].map((term) => this.#terms[term] as string)
  }

  #scopeTest(scope: Scope | undefined): ((slot: number) => boolean) | undefined {
    if (!scope) return undefined
    const kind = scope.kind === undefined ? NONE : DOC_KINDS.indexOf(scope.kind)
    // An unknown persona or conversation matches nothing, not everything.
    const persona = scope.personaId === undefined ? NONE : (this.#scopeIds.get(scope.personaId) ?? -2)
    const conversation =
      scope.conversationId === undefined ? NONE : (this.#scopeIds.get(scope.conversationId) ?? -2)
    if (kind === NONE && persona === NONE && conversation === NONE) return undefined
    return (slot) =>
      (kind === NONE || this.#kind[slot] === kind) &&
      (persona === NONE || this.#persona[slot] === persona) &&
      (conversation === NONE || this.#conversation[slot] === conversation)
  }

  // ── maintenance ────────────────────────────────────────────────────────────────────────────

  #termId(term: string): number {
    let id = this.#termIds.get(term)
    if (id === undefined) {
      id = this.#terms.length
      this.#termIds.set(term, id)
      this.#terms.push(term)
      this.#postings.push(new Int32Array(2))
      this.#ensureTerms(id + 1)
      this.#sortedTerms = undefined
    } else if (this.#df[id] === 0) {
      // A term coming back after all its documents left: it must reappear in prefix searches.
      this.#sortedTerms = undefined
    }
    return id
  }

  #intern(name: string | undefined): number {
    if (name === undefined) return NONE
    let id = this.#scopeIds.get(name)
    if (id === undefined) {
      id = this.#scopeNames.length
      this.#scopeIds.set(name, id)
      this.#scopeNames.push(name)
    }
    return id
  }

  #nextEpoch(): number {
    this.#markEpoch = (this.#markEpoch + 1) | 0
    if (this.#markEpoch === 0) {
      this.#termMark.fill(0)
      this.#markEpoch = 1
    }
    return this.#markEpoch
  }

  #ensureSlots(needed: number): void {
    this.#alive = grow(this.#alive, needed)
    this.#kind = grow(this.#kind, needed)
    this.#persona = grow(this.#persona, needed)
    this.#conversation = grow(this.#conversation, needed)
    this.#length = grow(this.#length, needed)
    this.#fwdStart = grow(this.#fwdStart, needed)
    this.#fwdCount = grow(this.#fwdCount, needed)
  }

  #ensureTerms(needed: number): void {
    this.#postingUsed = grow(this.#postingUsed, needed)
    this.#df = grow(this.#df, needed)
    this.#deadPostings = grow(this.#deadPostings, needed)
    this.#termMark = grow(this.#termMark, needed)
  }

  #compactPostings(term: number): void {
    const list = this.#postings[term] as Int32Array
    const used = this.#postingUsed[term] as number
    let out = 0
    for (let i = 0; i < used; i += 2) {
      if (this.#alive[list[i] as number] === 0) continue
      list[out] = list[i] as number
      list[out + 1] = list[i + 1] as number
      out += 2
    }
    // Shrink storage that has become mostly empty, so deleted bulk does not pin memory.
    this.#postings[term] = out * 4 < list.length ? list.slice(0, Math.max(out, 2)) : list
    this.#postingUsed[term] = out
    this.#deadPostings[term] = 0
  }

  /** Drops dead slots and unused terms, numbering what is left densely (order preserved). */
  #renumber(): void {
    const n = this.#slotCount
    const newSlot = new Int32Array(n).fill(NONE)
    let live = 0
    for (let slot = 0; slot < n; slot++) if (this.#alive[slot] === 1) newSlot[slot] = live++
    const newTerm = new Int32Array(this.#terms.length).fill(NONE)
    const terms: string[] = []
    const oldTerms: number[] = []
    this.#terms.forEach((term, t) => {
      if ((this.#df[t] as number) === 0) return
      newTerm[t] = terms.length
      terms.push(term)
      oldTerms.push(t)
    })
    const postings: Int32Array[] = new Array(terms.length)
    // Forward sequences, in slot order.
    let fwdTotal = 0
    for (let slot = 0; slot < n; slot++)
      if (this.#alive[slot] === 1) fwdTotal += this.#fwdCount[slot] as number
    const fwd = new Int32Array(fwdTotal)
    const used = new Int32Array(terms.length)
    const slotIds: string[] = new Array(live)
    let at = 0
    for (let slot = 0; slot < n; slot++) {
      const target = newSlot[slot] as number
      if (target < 0) continue
      const start = this.#fwdStart[slot] as number
      const count = this.#fwdCount[slot] as number
      for (let p = 0; p < count; p++) {
        const term = this.#fwd[start + p] as number
        fwd[at + p] = term < 0 ? NONE : (newTerm[term] as number)
      }
      this.#fwdStart[target] = at
      this.#fwdCount[target] = count
      this.#kind[target] = this.#kind[slot] as number
      this.#persona[target] = this.#persona[slot] as number
      this.#conversation[target] = this.#conversation[slot] as number
      this.#length[target] = this.#length[slot] as number
      slotIds[target] = this.#slotIds[slot] as string
      at += count
    }
    // Posting lists: filter dead entries, renumber slots (still ascending), trim storage.
    oldTerms.forEach((oldTerm, t) => {
      const old = this.#postings[oldTerm] as Int32Array
      const count = this.#postingUsed[oldTerm] as number
      const fresh = new Int32Array(Math.max(2 * (this.#df[oldTerm] as number), 2))
      let out = 0
      for (let i = 0; i < count; i += 2) {
        const target = newSlot[old[i] as number] as number
        if (target < 0) continue
        fresh[out] = target
        fresh[out + 1] = old[i + 1] as number
        out += 2
      }
      postings[t] = fresh
      used[t] = out
    })
    const df = new Int32Array(terms.length)
    for (let t = 0; t < terms.length; t++) df[t] = (used[t] as number) / 2
    this.#slotCount = live
    this.#slotIds = slotIds
    this.#alive.fill(0)
    this.#alive.fill(1, 0, live)
    this.#idToSlot = new Map(slotIds.map((id, slot) => [id, slot]))
    this.#fwd = fwd
    this.#fwdUsed = fwdTotal
    this.#terms = terms
    this.#termIds = new Map(terms.map((term, t) => [term, t]))
    this.#postings = postings
    this.#postingUsed = used
    this.#df = df
    this.#deadPostings = new Int32Array(terms.length)
    this.#termMark = new Int32Array(terms.length)
    this.#sortedTerms = undefined
  }
}

// ── sorted-set algebra over Matches ──────────────────────────────────────────────────────────

const intersect = (a: Matches, b: Matches): Matches => {
  const size = Math.min(a.slots.length, b.slots.length)
  const slots = new Int32Array(size)
  const scores = new Float64Array(size)
  let i = 0
  let j = 0
  let out = 0
  while (i < a.slots.length && j < b.slots.length) {
    const x = a.slots[i] as number
    const y = b.slots[j] as number
    if (x < y) i++
    else if (x > y) j++
    else {
      slots[out] = x
      scores[out++] = (a.scores[i++] as number) + (b.scores[j++] as number)
    }
  }
  return { slots: slots.subarray(0, out), scores: scores.subarray(0, out) }
}

/** Sum of scores where both match, or the larger one when `max`. */
const union = (a: Matches, b: Matches, max: boolean): Matches => {
  if (a.slots.length === 0) return b
  if (b.slots.length === 0) return a
  const slots = new Int32Array(a.slots.length + b.slots.length)
  const scores = new Float64Array(slots.length)
  let i = 0
  let j = 0
  let out = 0
  while (i < a.slots.length || j < b.slots.length) {
    const x = i < a.slots.length ? (a.slots[i] as number) : Number.POSITIVE_INFINITY
    const y = j < b.slots.length ? (b.slots[j] as number) : Number.POSITIVE_INFINITY
    if (x < y) {
      slots[out] = x
      scores[out++] = a.scores[i++] as number
    } else if (y < x) {
      slots[out] = y
      scores[out++] = b.scores[j++] as number
    } else {
      const s = a.scores[i++] as number
      const t = b.scores[j++] as number
      slots[out] = x
      scores[out++] = max ? Math.max(s, t) : s + t
    }
  }
  return { slots: slots.subarray(0, out), scores: scores.subarray(0, out) }
}

const subtract = (a: Matches, b: Matches): Matches => {
  let j = 0
  return keep(a, (slot) => {
    while (j < b.slots.length && (b.slots[j] as number) < slot) j++
    return j >= b.slots.length || b.slots[j] !== slot
  })
}

/** The entries of `a` whose slot passes `test`, called in ascending slot order. */
const keep = (a: Matches, test: (slot: number) => boolean): Matches => {
  const slots = new Int32Array(a.slots.length)
  const scores = new Float64Array(a.slots.length)
  let out = 0
  for (let i = 0; i < a.slots.length; i++) {
    const slot = a.slots[i] as number
    if (!test(slot)) continue
    slots[out] = slot
    scores[out++] = a.scores[i] as number
  }
  return { slots: slots.subarray(0, out), scores: scores.subarray(0, out) }
}
