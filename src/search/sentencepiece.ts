/**
 * The SentencePiece unigram tokenizer of Universal Sentence Encoder Lite, in plain TypeScript.
 *
 * It reproduces the segmentation of the reference JavaScript tokenizer that ships with the model
 * (`@energetic-ai/embeddings`, itself a copy of `@tensorflow-models/universal-sentence-encoder`):
 * NFKC, a `▁` before every word, then the Viterbi path of highest total log-probability over the
 * vocabulary's pieces, ties going to the piece that starts later, characters no piece starts with
 * becoming the unknown id 0 (runs of unknowns merged into one).
 *
 * Two choices of ours, both tested against the reference in `sentencepiece.test.ts`:
 * - whitespace runs (spaces, tabs, new lines) count as one space and the ends are trimmed; the
 *   reference turns only `' '` into `▁`, so a new line would be an unknown character to it;
 * - no piece of this vocabulary holds `▁` after its first character, so every `▁` starts a piece and
 *   each word can be segmented on its own: words are cached, which makes bulk tokenizing cheap.
 */

export const WORD_START = '\u2581'
/** Ids 0–5: unknown, `<s>`, `</s>` and three unused ids; never produced by segmentation. */
export const RESERVED_PIECES = 6
export const UNKNOWN_ID = 0

const WHITESPACE = /\s+/
const CACHE_LIMIT = 100_000

export class SentencePieceTokenizer {
  private readonly ids = new Map<string, number>()
  private readonly maxPieceLength: number
  private readonly cache = new Map<string, Int32Array>()

  /** `pieces[i]` and `scores[i]` (log-probabilities) describe id `i`. */
  constructor(
    readonly pieces: ReadonlyArray<string>,
    readonly scores: ArrayLike<number>,
  ) {
    if (pieces.length !== scores.length) throw new Error('sentencepiece: pieces and scores differ in length')
    let maxLength = 1
    for (let i = RESERVED_PIECES; i < pieces.length; i++) {
      const piece = pieces[i] as string
      // A piece listed twice keeps its last id, as in the reference trie.
      this.ids.set(piece, i)
      maxLength = Math.max(maxLength, [...piece].length)
    }
    this.maxPieceLength = maxLength
  }

  get size(): number {
    return this.pieces.length
  }

  /** The words of `text` as the tokenizer sees them: NFKC, whitespace runs split, empty dropped. */
  words(text: string): string[] {
    return text
      .normalize('NFKC')
      .split(WHITESPACE)
      .filter((w) => w.length > 0)
  }

  /** The ids of `text`. */
  encode(text: string): number[] {
    const out: number[] = []
    for (const word of this.words(text)) {
      for (const id of this.encodeWord(word)) {
        if (id === UNKNOWN_ID && out[out.length - 1] === UNKNOWN_ID) continue
        out.push(id)
      }
    }
    return out
  }

  /** The ids of one word (no whitespace inside); `▁` is prepended here. Cached. */
  encodeWord(word: string): Int32Array {
    let ids = this.cache.get(word)
    if (ids === undefined) {
      ids = this.segment(WORD_START + word)
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear()
      this.cache.set(word, ids)
    }
    return ids
  }

  private segment(input: string): Int32Array {
    const symbols = [...input]
    const n = symbols.length
    const best = new Float64Array(n + 1)
    const bestId = new Int32Array(n + 1)
    const bestLength = new Int32Array(n + 1).fill(1)
    // Candidates grouped by where they end, visited by increasing start as in the reference.
    for (let end = 1; end <= n; end++) {
      for (let start = Math.max(0, end - this.maxPieceLength); start < end; start++) {
        const piece = symbols.slice(start, end).join('')
        let id = this.ids.get(piece)
        if (id === undefined) {
          // A character no piece starts with is the unknown id, one character long.
          if (end !== start + 1 || this.startsAnyPiece(symbols, start)) continue
          id = UNKNOWN_ID
        }
        const pieceScore = id === UNKNOWN_ID ? 0 : (this.scores[id] as number)
        const score = pieceScore + (best[start] as number)
        if (best[end] === 0 || score >= (best[end] as number)) {
          best[end] = score
          bestId[end] = id
          bestLength[end] = end - start
        }
      }
    }
    const out: number[] = []
    let at = n
    while (at > 0) {
      const id = bestId[at] as number
      out.push(id)
      at -= id === UNKNOWN_ID ? 1 : (bestLength[at] as number)
    }
    out.reverse()
    const merged: number[] = []
    for (const id of out)
      if (!(id === UNKNOWN_ID && merged[merged.length - 1] === UNKNOWN_ID)) merged.push(id)
    return Int32Array.from(merged)
  }

  private startsAnyPiece(symbols: string[], start: number): boolean {
    const limit = Math.min(symbols.length, start + this.maxPieceLength)
    let prefix = ''
    for (let end = start; end < limit; end++) {
      prefix += symbols[end]
      if (this.ids.has(prefix)) return true
    }
    return false
  }
}
