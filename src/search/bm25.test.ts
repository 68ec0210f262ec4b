import { describe, expect, it } from 'vitest'
import { ByteReader, ByteWriter } from './binary.ts'
import { Bm25Index, type TextDoc } from './bm25.ts'
import { parseQuery } from './query.ts'
import { terms } from './text.ts'

const corpus: TextDoc[] = [
  { id: 'a', kind: 'memory', personaId: 'p1', text: 'Walk the dog every morning before work' },
  { id: 'b', kind: 'memory', personaId: 'p1', text: 'The dog hates the vacuum cleaner' },
  {
    id: 'c',
    kind: 'message',
    personaId: 'p1',
    conversationId: 'c1',
    text: 'Dog dog dog: the dog park opens at nine',
  },
  {
    id: 'd',
    kind: 'message',
    personaId: 'p2',
    conversationId: 'c2',
    text: 'Gardening notes: tomatoes need sun',
  },
  { id: 'e', kind: 'chunk', personaId: 'p2', text: 'The garden gate squeaks; oil the hinges' },
  { id: 'f', kind: 'memory', personaId: 'p2', text: 'Crème brûlée recipe from Zoë' },
]

const build = (docs: readonly TextDoc[] = corpus) => {
  const index = new Bm25Index()
  for (const doc of docs) index.upsert(doc)
  return index
}
const ids = (index: Bm25Index, query: string, options = {}) =>
  index.search(query, options).map((hit) => hit.id)

describe('BM25 ranking', () => {
  it('scores a single term exactly as Okapi BM25 (k1 1.2, b 0.75, Lucene IDF)', () => {
    const index = build()
    const [hit] = index.search('vacuum')
    // "vacuum": df 1 of N 6, tf 1 in b; lengths count non-stopword tokens.
    const lengths = corpus.map((doc) => terms(doc.text).length)
    const average = lengths.reduce((x, y) => x + y) / lengths.length
    const idf = Math.log(1 + (6 - 1 + 0.5) / (1 + 0.5))
    const expected = (idf * 1 * 2.2) / (1 + 1.2 * (1 - 0.75 + (0.75 * 4) / average))
    expect(hit?.id).toBe('b')
    expect(hit?.score).toBeCloseTo(expected, 10)
  })

  it('ranks repeated terms in a short text above a passing mention', () => {
    expect(ids(build(), 'dog')).toEqual(['c', 'b', 'a'])
  })

  it('folds case and diacritics in documents and queries alike', () => {
    expect(ids(build(), 'CREME brulee zoe')).toEqual(['f'])
    expect(ids(build(), 'brûlée')).toEqual(['f'])
  })

  it('reports the matched index terms, prefixes expanded', () => {
    const index = build()
    // Equal length and rarity: a tie, which the older document wins.
    expect(index.search('garden*').map((h) => [h.id, h.terms])).toEqual([
      ['d', ['gardening']],
      ['e', ['garden']],
    ])
    expect(index.search('dog morning')[0]?.terms).toEqual(['dog', 'morning'])
  })
})

describe('query language', () => {
  const index = build()
  it.each([
    ['dog morning', ['a']],
    ['dog OR garden', ['e', 'c', 'b', 'a']], // the rarer term weighs more
    ['dog -vacuum', ['c', 'a']],
    ['dog NOT park NOT vacuum', ['a']],
    ['"walk the dog"', ['a']],
    ['"dog the walk"', []],
    ['"dog park"', ['c']],
    ['"dog vacuum"', []],
    ['tomato*', ['d']],
    ['plants*', []],
    ['-dog', []],
    ['the of', []],
    ['nothinglikethis', []],
  ])('%s', (query, expected) => {
    expect(ids(index, query)).toEqual(expected)
  })

  it('scores a document by its best expansion when a prefix expands to many terms', () => {
    const index = build([
      { id: 'one', kind: 'memory', text: 'gardener' },
      { id: 'two', kind: 'memory', text: 'gardening garden' },
      { id: 'three', kind: 'memory', text: 'garde' },
      { id: 'other', kind: 'memory', text: 'regard gardener' },
    ])
    const hits = index.search('gard*')
    expect(hits.map((h) => h.id).sort()).toEqual(['one', 'other', 'three', 'two'])
    const alone = (query: string) => index.search(query, { filter: (id) => id === 'two' })[0]?.score
    const two = hits.find((h) => h.id === 'two')
    expect(two?.score).toBeCloseTo(Math.max(alone('gardening') ?? 0, alone('garden') ?? 0), 12)
    expect(two?.terms).toEqual(['gardening', 'garden'])
  })

  it('lets a whole inflected word before the star find its stem', () => {
    expect(ids(build([{ id: 'x', kind: 'memory', text: 'one plant' }]), 'plants*')).toEqual(['x'])
  })
})

describe('scope, limit and filter', () => {
  const index = build()
  it('filters by kind, persona and conversation, unknown ids matching nothing', () => {
    expect(ids(index, 'dog', { scope: { kind: 'memory' } })).toEqual(['b', 'a'])
    expect(ids(index, 'dog', { scope: { conversationId: 'c1' } })).toEqual(['c'])
    expect(ids(index, 'garden*', { scope: { personaId: 'p2', kind: 'chunk' } })).toEqual(['e'])
    expect(ids(index, 'dog', { scope: { personaId: 'nobody' } })).toEqual([])
    const inC1 = index.acceptor({ conversationId: 'c1' })
    expect(inC1?.('c')).toBe(true)
    expect(inC1?.('a')).toBe(false)
    expect(index.acceptor({})).toBeUndefined()
    const p1WithoutParks = index.acceptor({ personaId: 'p1' }, parseQuery('dog -park'))
    expect(['a', 'b', 'c', 'd', 'unknown'].filter((id) => p1WithoutParks?.(id))).toEqual(['a', 'b'])
  })

  it('honours limit and a custom filter', () => {
    expect(ids(index, 'dog', { limit: 1 })).toEqual(['c'])
    expect(ids(index, 'dog', { filter: (id: string) => id !== 'c' })).toEqual(['b', 'a'])
  })

  it('explains a document found some other way', () => {
    expect(index.matchInfo('a', parseQuery('dog walk* -cat'))).toEqual({
      terms: ['walk', 'dog'],
      excluded: false,
    })
    expect(index.matchInfo('b', parseQuery('cleaner -"the vacuum"'))?.excluded).toBe(true)
    expect(index.matchInfo('zzz', parseQuery('dog'))).toBeUndefined()
  })
})

describe('incremental updates', () => {
  it('replaces a document on upsert and forgets it on remove', () => {
    const index = build()
    index.upsert({ id: 'b', kind: 'memory', text: 'The cat ignores the vacuum' })
    expect(ids(index, 'dog')).toEqual(['c', 'a'])
    expect(ids(index, 'cat')).toEqual(['b'])
    expect(index.remove('b')).toBe(true)
    expect(index.remove('b')).toBe(false)
    expect(ids(index, 'cat OR vacuum')).toEqual([])
    expect(index.size).toBe(5)
    expect(index.has('b')).toBe(false)
  })

  it('answers exactly like a fresh index after heavy churn (compaction and renumbering)', () => {
    const words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi'.split(
      ' ',
    )
    const make = (i: number, salt: number): TextDoc => ({
      id: `d${i}`,
      kind: i % 3 === 0 ? 'memory' : 'message',
      personaId: `p${i % 4}`,
      text: Array.from(
        { length: 3 + (i % 7) },
        (_, k) => words[(i * 7 + k * (salt + 3)) % words.length],
      ).join(' '),
    })
    const churned = new Bm25Index()
    const live = new Map<string, TextDoc>()
    for (let i = 0; i < 3000; i++) {
      const doc = make(i, 0)
      churned.upsert(doc)
      live.set(doc.id, doc)
    }
    for (let i = 0; i < 3000; i += 2) {
      churned.remove(`d${i}`)
      live.delete(`d${i}`)
    }
    for (let i = 1; i < 3000; i += 3) {
      const doc = make(i, 5)
      churned.upsert(doc)
      live.set(doc.id, doc)
    }
    for (let i = 0; i < 2800; i++) {
      churned.remove(`d${i}`)
      live.delete(`d${i}`)
    }
    const fresh = build([...live.values()])
    expect(churned.size).toBe(fresh.size)
    expect(churned.vocabularySize).toBe(fresh.vocabularySize)
    for (const query of ['alpha', 'beta OR pi', 'gamma -delta', '"eta theta"', 'om*', 'mu nu xi']) {
      const a = churned.search(query, { limit: 50, scope: { personaId: 'p1' } })
      const b = fresh.search(query, { limit: 50, scope: { personaId: 'p1' } })
      expect(a.map((h) => h.id).sort()).toEqual(b.map((h) => h.id).sort())
      expect(a.map((h) => h.score)).toEqual(b.map((h) => h.score).map((s) => expect.closeTo(s, 9)))
    }
  })
})

describe('persistence', () => {
  it('round-trips through bytes, including after removals', () => {
    const index = build()
    index.remove('b')
    const w = new ByteWriter()
    index.writeTo(w)
    const loaded = Bm25Index.readFrom(new ByteReader(w.finish()))
    for (const query of ['dog', 'garden*', '"dog park"', 'dog -park', 'brulee', 'vacuum']) {
      expect(loaded.search(query, { scope: { personaId: 'p1' } })).toEqual(
        index.search(query, { scope: { personaId: 'p1' } }),
      )
    }
    loaded.upsert({ id: 'g', kind: 'memory', text: 'a new dog arrives' })
    expect(ids(loaded, 'dog')).toContain('g')
  })

  it('rejects inconsistent sections', () => {
    const w = new ByteWriter()
    w.strings(['only-id'])
    w.typed(new Uint8Array(0))
    expect(() => Bm25Index.readFrom(new ByteReader(w.finish()))).toThrow(RangeError)
  })
})
