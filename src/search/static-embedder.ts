/**
 * A static embedder distilled from Universal Sentence Encoder Lite (the model2vec method, at the level of
 * words). A text's vector is the SIF-weighted mean of its words' vectors, L2-normalised; no transformer
 * runs per text, so a memory takes microseconds.
 *
 * Where a word's vector comes from:
 * - a word that is one piece of USE Lite's SentencePiece vocabulary (the ~6,000 most common words) has a
 *   row in the model file, made at build time by `scripts/distill-static-embedder.mjs`: the piece
 *   embedded alone by USE Lite, centred and reduced by PCA, stored as int8;
 * - any other word is embedded alone by USE Lite at run time through `wordEncoder` (about a millisecond a
 *   word in WASM), projected with the same PCA and cached: a collection of memories pays once per distinct
 *   word, not per memory;
 * - without a `wordEncoder` (the full model failed to load) such a word falls back to the mean of its
 *   pieces' rows. Those vectors are worse and carry a different `id`.
 *
 * Weights are smooth inverse frequency, a / (a + p(word)), p from the vocabulary's unigram log-probabilities,
 * so "the" and "my" count for little. Pure TypeScript, no DOM: runs in Node and in a worker.
 *
 * File layout (little-endian): `HSE1` · u32 header length · header JSON (UTF-8, padded to 8 bytes) ·
 * f64 piece scores [vocabSize] · f32 row scales [vocabSize] · i8 rows [vocabSize × dims] ·
 * f32 PCA mean [sourceDims] · f32 PCA components [dims × sourceDims].
 */
import type { Embedder } from './embedder.ts'
import { RESERVED_PIECES, SentencePieceTokenizer, UNKNOWN_ID } from './sentencepiece.ts'

export const STATIC_MAGIC = 'HSE1'

export type StaticModelHeader = {
  /** Names the file's vectors (it carries a hash of them); embedders add `:words` or `:pieces`. */
  id: string
  dims: number
  /** Dimensions of the full model, which the PCA maps from. */
  sourceDims: number
  vocabSize: number
  /** `pieces[i]` is the SentencePiece piece of id i (the tokenizer needs them). */
  pieces: string[]
  /** SIF weight a / (a + p). */
  sifA: number
  /** Whether text is lower-cased before it is split into words. */
  lowercase: boolean
  /** Where the vectors came from, for the record. */
  source: Record<string, unknown>
}

export type StaticModel = {
  header: StaticModelHeader
  scores: Float64Array
  scales: Float32Array
  rows: Int8Array
  mean: Float32Array
  components: Float32Array
}

/** Embeds whole words with the full model: one `sourceDims` vector per word. */
export type WordEncoder = (words: string[], signal?: AbortSignal) => Promise<Float32Array[]>

const pad8 = (n: number) => (n + 7) & ~7

const sections = (h: StaticModelHeader) => {
  const v = h.vocabSize
  return [
    ['scores', v * 8],
    ['scales', v * 4],
    ['rows', v * h.dims],
    ['mean', h.sourceDims * 4],
    ['components', h.dims * h.sourceDims * 4],
  ] as const
}

/** The bytes of a model file (used by the distillation script; the inverse of `parseStaticModel`). */
export const encodeStaticModel = (model: StaticModel): Uint8Array => {
  const json = new TextEncoder().encode(JSON.stringify(model.header))
  const parts = sections(model.header)
  let at = pad8(8 + json.length)
  const out = new Uint8Array(at + parts.reduce((s, [, n]) => s + n, 0))
  out.set(new TextEncoder().encode(STATIC_MAGIC), 0)
  new DataView(out.buffer).setUint32(4, json.length, true)
  out.set(json, 8)
  for (const [name, length] of parts) {
    const a = model[name]
    if (a.byteLength !== length) throw new Error(`static model: section ${name} has the wrong size`)
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at)
    at += length
  }
  return out
}

/** Reads a model file; throws on anything that is not one. */
export const parseStaticModel = (buffer: ArrayBuffer): StaticModel => {
  const bytes = new Uint8Array(buffer)
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== STATIC_MAGIC)
    throw new Error('static model: not a Hearth static embedder file')
  const jsonLength = new DataView(buffer).getUint32(4, true)
  let header: StaticModelHeader
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + jsonLength))) as StaticModelHeader
  } catch {
    throw new Error('static model: truncated or inconsistent file (unreadable header)')
  }
  const parts = sections(header)
  let at = pad8(8 + jsonLength)
  if (header.pieces.length !== header.vocabSize || bytes.length !== at + parts.reduce((s, [, n]) => s + n, 0))
    throw new Error('static model: truncated or inconsistent file')
  const slice = (length: number) => {
    at += length
    return buffer.slice(at - length, at)
  }
  return {
    header,
    scores: new Float64Array(slice(parts[0][1])),
    scales: new Float32Array(slice(parts[1][1])),
    rows: new Int8Array(slice(parts[2][1])),
    mean: new Float32Array(slice(parts[3][1])),
    components: new Float32Array(slice(parts[4][1])),
  }
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu
/** Words embedded by the full model per call: bounds a call's time, keeps aborts prompt. */
const WORDS_PER_CALL = 256

export type StaticEmbedderOptions = {
  /** The full model, for words that are not one piece of the vocabulary. */
  wordEncoder?: WordEncoder
}

export class StaticEmbedder implements Embedder {
  readonly id: string
  readonly dims: number
  readonly tokenizer: SentencePieceTokenizer
  private readonly header: StaticModelHeader
  private readonly model: StaticModel
  /** Piece rows with their scale folded in (not their weight). */
  private readonly table: Float32Array
  private readonly wordEncoder: WordEncoder | undefined
  /** Weighted vectors of words that are not one piece, by word. */
  private readonly words = new Map<string, Float32Array>()
  private readonly lowestScore: number

  constructor(model: StaticModel, options: StaticEmbedderOptions = {}) {
    const { header, scales, rows } = model
    this.header = header
    this.model = model
    this.wordEncoder = options.wordEncoder
    this.id = `${header.id}:${this.wordEncoder ? 'words' : 'pieces'}`
    this.dims = header.dims
    this.tokenizer = new SentencePieceTokenizer(header.pieces, model.scores)
    const d = header.dims
    this.table = new Float32Array(header.vocabSize * d)
    for (let i = RESERVED_PIECES; i < header.vocabSize; i++) {
      const scale = scales[i] as number
      for (let k = 0; k < d; k++) this.table[i * d + k] = (rows[i * d + k] as number) * scale
    }
    let lowest = 0
    for (let i = RESERVED_PIECES; i < header.vocabSize; i++)
      lowest = Math.min(lowest, model.scores[i] as number)
    this.lowestScore = lowest
  }

  static fromArrayBuffer(buffer: ArrayBuffer, options: StaticEmbedderOptions = {}): StaticEmbedder {
    return new StaticEmbedder(parseStaticModel(buffer), options)
  }

  /** The words of `text` as embedded: NFKC, lower-cased (per the file), letters and digits. */
  wordsOf(text: string): string[] {
    const t = text.normalize('NFKC')
    return (this.header.lowercase ? t.toLowerCase() : t).match(WORD) ?? []
  }

  /** How many words outside the vocabulary have a cached vector. */
  get cachedWords(): number {
    return this.words.size
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const lists = texts.map((t) => this.wordsOf(t))
    const missing = new Set<string>()
    for (const list of lists)
      for (const w of list) if (!this.words.has(w) && this.pieceOf(w) < 0) missing.add(w)
    if (missing.size > 0) await this.learnWords([...missing], signal)
    const out: Float32Array[] = []
    for (let i = 0; i < lists.length; i++) {
      if (i % 256 === 0) signal?.throwIfAborted()
      out.push(this.combine(lists[i] as string[]))
    }
    return out
  }

  /** The id of a word that is one piece of the vocabulary, or −1. */
  private pieceOf(word: string): number {
    const ids = this.tokenizer.encodeWord(word)
    return ids.length === 1 && ids[0] !== UNKNOWN_ID ? (ids[0] as number) : -1
  }

  private sif(logProbability: number): number {
    const a = this.header.sifA
    return a / (a + Math.exp(logProbability))
  }

  /** Computes and caches the weighted vectors of words that are not one piece. */
  private async learnWords(words: string[], signal?: AbortSignal): Promise<void> {
    const d = this.dims
    for (let from = 0; from < words.length; from += WORDS_PER_CALL) {
      signal?.throwIfAborted()
      const chunk = words.slice(from, from + WORDS_PER_CALL)
      const encoded = this.wordEncoder ? await this.wordEncoder(chunk, signal) : undefined
      chunk.forEach((word, i) => {
        const ids = this.tokenizer.encodeWord(word)
        let logP = 0
        for (const id of ids) logP += id === UNKNOWN_ID ? this.lowestScore : (this.model.scores[id] as number)
        const v = new Float32Array(d)
        const full = encoded?.[i]
        if (full) this.project(full, v)
        else this.meanOfPieces(ids, v)
        const w = this.sif(logP)
        for (let k = 0; k < d; k++) v[k] = (v[k] as number) * w
        this.words.set(word, v)
      })
    }
  }

  /** out = components · (full − mean) */
  private project(full: Float32Array, out: Float32Array): void {
    const s = this.header.sourceDims
    const { mean, components } = this.model
    for (let j = 0; j < this.dims; j++) {
      let dot = 0
      for (let k = 0; k < s; k++)
        dot += (components[j * s + k] as number) * ((full[k] as number) - (mean[k] as number))
      out[j] = dot
    }
  }

  private meanOfPieces(ids: Int32Array, out: Float32Array): void {
    const d = this.dims
    let n = 0
    for (const id of ids) {
      if (id === UNKNOWN_ID) continue
      n++
      for (let k = 0; k < d; k++) out[k] = (out[k] as number) + (this.table[id * d + k] as number)
    }
    if (n > 1) for (let k = 0; k < d; k++) out[k] = (out[k] as number) / n
  }

  /** The unit vector of a list of words (all zeros when none is known). */
  private combine(words: string[]): Float32Array {
    const d = this.dims
    const out = new Float32Array(d)
    const table = this.table
    for (const word of words) {
      const piece = this.pieceOf(word)
      if (piece >= 0) {
        const w = this.sif(this.model.scores[piece] as number)
        const row = piece * d
        for (let k = 0; k < d; k++) out[k] = (out[k] as number) + w * (table[row + k] as number)
      } else {
        const v = this.words.get(word)
        if (v) for (let k = 0; k < d; k++) out[k] = (out[k] as number) + (v[k] as number)
      }
    }
    let norm = 0
    for (let k = 0; k < d; k++) norm += (out[k] as number) * (out[k] as number)
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm)
      for (let k = 0; k < d; k++) out[k] = (out[k] as number) * inv
    }
    return out
  }
}
