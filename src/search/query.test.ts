import { describe, expect, it } from 'vitest'
import { parseQuery } from './query.ts'

const term = (t: string) => ({ type: 'term', term: t })

describe('parseQuery', () => {
  it('ANDs plain words and folds them like documents', () => {
    const q = parseQuery('Café  PLANTS')
    expect(q.groups).toEqual([[term('cafe')], [term('plant')]])
    expect(q.excluded).toEqual([])
    expect(q.text).toBe('Café PLANTS')
  })

  it('binds OR tighter than the implicit AND', () => {
    expect(parseQuery('dog walk OR run').groups).toEqual([[term('dog')], [term('walk'), term('run')]])
  })

  it('treats a leading OR and a trailing OR as nothing', () => {
    expect(parseQuery('OR dog OR').groups).toEqual([[term('dog')]])
  })

  it('excludes -word, -"phrase" and NOT word, and keeps them out of the embedder text', () => {
    const q = parseQuery('garden -slugs NOT snails -"red ants"')
    expect(q.groups).toEqual([[term('garden')]])
    expect(q.excluded).toEqual([
      term('slug'),
      term('snail'),
      { type: 'phrase', terms: ['red', 'ant'], offsets: [0, 1] },
    ])
    expect(q.text).toBe('garden')
  })

  it('keeps stopword gaps inside phrases and reads an unterminated quote to the end', () => {
    expect(parseQuery('"walk the dog').groups).toEqual([
      [{ type: 'phrase', terms: ['walk', 'dog'], offsets: [0, 2] }],
    ])
  })

  it('reads a hyphenated word as a phrase and a one-word quote as a term', () => {
    expect(parseQuery('e-mail "Dog"').groups).toEqual([
      [{ type: 'phrase', terms: ['e', 'mail'], offsets: [0, 1] }],
      [term('dog')],
    ])
  })

  it('makes prefixes from folded, unstemmed words', () => {
    expect(parseQuery('Gärd* plants*').groups).toEqual([
      [{ type: 'prefix', prefix: 'gard' }],
      [{ type: 'prefix', prefix: 'plants' }],
    ])
  })

  it('drops stopword-only words, lone stars and lone dashes, and never throws', () => {
    expect(parseQuery('the * - "" "of the"').groups).toEqual([])
    expect(parseQuery('').groups).toEqual([])
    expect(parseQuery('lower or not words').groups).toEqual([[term('lower')], [term('not')], [term('word')]])
  })
})
