// The query language of the keyword index, parsed once into clauses of index terms:
//   walk dog          both terms (AND is the default; an explicit AND is accepted and ignored)
//   walk OR run       either; OR binds tighter than AND: `dog walk OR run` = dog AND (walk OR run)
//   -cat, NOT cat     excludes documents containing it (a query of exclusions alone matches nothing)
//   "walk the dog"    a phrase: the terms at these relative positions (stopwords hold their place)
//   gard*             any term starting with the folded prefix
// Operators are upper case only, so "or" and "not" typed as words stay words. Anything that
// cannot be parsed is read as plain words: a search box never answers with a syntax error.
import { fold, forEachToken } from './text.ts'

export type Clause =
  | { readonly type: 'term'; readonly term: string }
  /** `offsets[i]` is the position of `terms[i]` relative to the first term. */
  | { readonly type: 'phrase'; readonly terms: readonly string[]; readonly offsets: readonly number[] }
  | { readonly type: 'prefix'; readonly prefix: string }

export interface ParsedQuery {
  /** Every group must match; a group matches when any of its clauses does. */
  readonly groups: readonly (readonly Clause[])[]
  /** No result may match any of these. */
  readonly excluded: readonly Clause[]
  /** The positive words without operators: what an embedder should read. */
  readonly text: string
}

const RAW = /(-?)"([^"]*)"?|(\S+)/g
const APOSTROPHES = /['’]/g

/** The clause for one word or quoted phrase, or undefined when it holds only stopwords. */
const clauseOf = (raw: string, quoted: boolean): Clause | undefined => {
  if (!quoted && raw.length > 1 && raw.endsWith('*')) {
    const body = raw.replace(/\*+$/, '')
    let pieces = 0
    forEachToken(body, () => pieces++)
    // A single word before the star: a prefix of the folded, unstemmed word (a stem could be
    // longer than the word typed so far). Several words ("e-ma*"): read as a phrase below.
    if (pieces === 1) {
      const prefix = fold(body).replace(APOSTROPHES, '')
      if (prefix) return { type: 'prefix', prefix }
    }
    raw = body
  }
  const terms: string[] = []
  const offsets: number[] = []
  let first = -1
  forEachToken(raw, (term, _start, _end, position) => {
    if (!term) return
    if (first < 0) first = position
    terms.push(term)
    offsets.push(position - first)
  })
  if (terms.length === 0) return undefined
  if (terms.length === 1) return { type: 'term', term: terms[0] as string }
  return { type: 'phrase', terms, offsets }
}

export const parseQuery = (query: string): ParsedQuery => {
  const groups: Clause[][] = []
  const excluded: Clause[] = []
  const text: string[] = []
  let negateNext = false
  let orNext = false
  for (const match of query.matchAll(RAW)) {
    const [, dash, quotedBody, word] = match
    const quoted = quotedBody !== undefined
    let raw = quoted ? quotedBody : (word ?? '')
    if (!quoted && raw === 'OR') {
      orNext = groups.length > 0
      continue
    }
    if (!quoted && raw === 'AND') continue
    if (!quoted && raw === 'NOT') {
      negateNext = true
      continue
    }
    let negated = negateNext || dash === '-'
    negateNext = false
    if (!quoted && raw.length > 1 && raw.startsWith('-')) {
      negated = true
      raw = raw.slice(1)
    }
    const clause = clauseOf(raw, quoted)
    const joinPrevious = orNext
    orNext = false
    if (!clause) continue
    if (negated) {
      excluded.push(clause)
      continue
    }
    text.push(raw.replace(/\*+$/, ''))
    const last = groups[groups.length - 1]
    if (joinPrevious && last) last.push(clause)
    else groups.push([clause])
  }
  return { groups, excluded, text: text.join(' ') }
}
