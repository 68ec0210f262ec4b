/**
 * A keyword baseline for the quality set: content words (folded case and diacritics, stop words out,
 * light suffix stemming), scored by the IDF-weighted overlap between query and memory — what BM25 sees,
 * without length normalisation. The BM25 index of `src/search/` is to replace it here.
 */

// biome-ignore format: a word list
const STOP_WORDS = new Set(`a about after again all also am an and any are as at be because been before being
both but by can cannot could did do does doing done don down during each every few for from further get gets
got had has have having he her here hers him his how i if in into is it its just like me more most much must my
myself need needs no nor not now of off on once only or other our ours out over own same she should so some
such than that the their them then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yet still again ever via per
let lets make makes made one two three next last each every`.split(/\s+/))

const fold = (text: string): string =>
  text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’']/g, "'")

/** A crude English stem: enough to make "runs"/"running"/"runner" one word. */
export const stem = (word: string): string => {
  let w = word.replace(/'s$/, '')
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`
  for (const suffix of ['ingly', 'edly', 'ing', 'ers', 'ed', 'er', 'es', 'ly', 's']) {
    if (w.length > suffix.length + 2 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length)
      break
    }
  }
  // "running" → "runn" → "run"
  return w.length > 3 && w[w.length - 1] === w[w.length - 2] ? w.slice(0, -1) : w
}

/** The stemmed content words of `text`. */
export const contentWords = (text: string): string[] =>
  (fold(text).match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [])
    .filter((w) => !STOP_WORDS.has(w) && !STOP_WORDS.has(w.replace(/'.*$/, '')))
    .map(stem)

/** Ranks `docs` for each query by IDF-weighted shared content words. */
export class TermOverlapIndex {
  private readonly docs: Array<Set<string>>
  private readonly idf = new Map<string, number>()

  constructor(texts: ReadonlyArray<string>) {
    this.docs = texts.map((t) => new Set(contentWords(t)))
    const df = new Map<string, number>()
    for (const doc of this.docs) for (const w of doc) df.set(w, (df.get(w) ?? 0) + 1)
    for (const [w, n] of df) this.idf.set(w, Math.log(1 + (this.docs.length - n + 0.5) / (n + 0.5)))
  }

  /** Indices of the `k` best documents; documents sharing no word are never returned. */
  search(query: string, k: number): number[] {
    const terms = [...new Set(contentWords(query))]
    const scored: Array<[number, number]> = []
    this.docs.forEach((doc, i) => {
      let score = 0
      for (const t of terms) if (doc.has(t)) score += this.idf.get(t) ?? 0
      if (score > 0) scored.push([i, score])
    })
    return scored
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, k)
      .map(([i]) => i)
  }
}
