/**
 * The full Universal Sentence Encoder Lite as an `Embedder`: 512 dimensions, about 20–40 ms per
 * 40-word memory in WASM on this machine — for queries, re-ranking and background refinement, not
 * for bulk first passes (see `static-embedder.ts` and docs/EMBEDDERS.md).
 *
 * It loads from URLs the app itself serves (`use-lite-assets.ts` lists them for the browser build):
 * nothing is fetched from the internet.
 */
import type { Embedder } from './embedder.ts'
import { shardPaths, type UseLiteFiles, type UseLiteModelJson } from './use-lite-files.ts'
import {
  startWasmBackend,
  USE_LITE_DIMS,
  UseLiteModel,
  type UseLiteOptions,
  type WasmPaths,
} from './use-lite-model.ts'

/** Where the model's files are served. `shards` maps each path listed in model.json to its URL. */
export type UseLiteUrls = {
  modelJson: string
  shards: Record<string, string>
  vocab: string
  wasm: WasmPaths
}

export type FetchBytes = (url: string, signal?: AbortSignal) => Promise<ArrayBuffer>

const fetchBytes: FetchBytes = async (url, signal) => {
  const response = await fetch(url, signal ? { signal } : {})
  if (!response.ok) throw new Error(`USE Lite: ${url} answered ${response.status} ${response.statusText}`)
  return response.arrayBuffer()
}

const json = async <T>(bytes: ArrayBuffer): Promise<T> => JSON.parse(new TextDecoder().decode(bytes)) as T

export class UseLiteEmbedder implements Embedder {
  readonly id: string
  readonly dims = USE_LITE_DIMS

  constructor(readonly model: UseLiteModel) {
    this.id = `use-lite-${USE_LITE_DIMS}`
  }

  /** Loads the model from files already read (Node: `readUseLiteFiles()` in `use-lite-node.ts`). */
  static async fromFiles(files: UseLiteFiles, wasm: WasmPaths, options: UseLiteOptions = {}) {
    await startWasmBackend(wasm)
    return new UseLiteEmbedder(await UseLiteModel.load(files, options))
  }

  /** Loads the model from the app's own URLs. */
  static async fromUrls(
    urls: UseLiteUrls,
    options: UseLiteOptions & { fetch?: FetchBytes; signal?: AbortSignal } = {},
  ): Promise<UseLiteEmbedder> {
    const get = options.fetch ?? fetchBytes
    const [modelJson, vocab] = await Promise.all([
      get(urls.modelJson, options.signal).then((b) => json<UseLiteModelJson>(b)),
      get(urls.vocab, options.signal).then((b) => json<Array<[string, number]>>(b)),
    ])
    const shards = await Promise.all(
      shardPaths(modelJson).map((path) => {
        const url = urls.shards[path]
        if (url === undefined) throw new Error(`USE Lite: no URL for weight shard ${path}`)
        return get(url, options.signal)
      }),
    )
    return UseLiteEmbedder.fromFiles({ modelJson, shards, vocab }, urls.wasm, options)
  }

  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    return this.model.embed(texts, signal)
  }
}
