// The search worker: one SearchHost per origin. A SharedWorker: every tab connects to the same
// instance over its own port, so the index exists once however many tabs are open. Everything else
// lives in src/search/search-host.ts (tested in Node).
import { expose } from 'comlink'
import { OpenAiEmbedder } from '../search/openai-embedder.ts'
import { type Models, SearchHost } from '../search/search-host.ts'
import { StaticEmbedder } from '../search/static-embedder.ts'
import { STATIC_MODEL_URL, USE_LITE_URLS } from '../search/use-lite-assets.ts'
import { UseLiteEmbedder } from '../search/use-lite-embedder.ts'
import { loadFastAead } from '../vault/aead.ts'
import { openBytes, sealBytes } from '../vault/sealed-bytes.ts'

// The index snapshot is sealed and opened here: libsodium when it has loaded, noble until then.
void loadFastAead()

const INDEX_FILE = 'search-index.v1.bin'
const PURPOSE = 'search-index'

const loadModels = async (): Promise<Models> => {
  const response = await fetch(STATIC_MODEL_URL)
  if (!response.ok) throw new Error(`${STATIC_MODEL_URL} answered ${response.status} ${response.statusText}`)
  const staticModel = await response.arrayBuffer()
  StaticEmbedder.fromArrayBuffer(staticModel) // fail here, at load, on a damaged file
  try {
    const full = await UseLiteEmbedder.fromUrls(USE_LITE_URLS)
    return {
      bulk: () =>
        StaticEmbedder.fromArrayBuffer(staticModel, {
          wordEncoder: (words, signal) => full.embed(words, signal),
        }),
      rerank: full,
    }
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    return {
      bulk: () => StaticEmbedder.fromArrayBuffer(staticModel),
      degraded: `the full language model did not load (${why}): meaning is approximated from word pieces and results are not re-ranked`,
    }
  }
}

const opfsFile = async (create: boolean) => {
  const root = await navigator.storage.getDirectory()
  return root.getFileHandle(INDEX_FILE, { create })
}

const host = new SearchHost({
  loadModels,
  connectEndpoint: ({ baseUrl, model, apiKey }, signal) =>
    OpenAiEmbedder.connect({ baseUrl, model, ...(apiKey === '' ? {} : { apiKey }) }, signal),
  sealer: {
    seal: (key, bytes) => sealBytes(key, PURPOSE, bytes),
    open: (key, bytes) => openBytes(key, PURPOSE, bytes),
  },
  storage: {
    read: async () => {
      try {
        const file = await (await opfsFile(false)).getFile()
        return new Uint8Array(await file.arrayBuffer())
      } catch (error) {
        if (error instanceof DOMException && error.name === 'NotFoundError') return undefined
        throw error
      }
    },
    write: async (bytes) => {
      // createWritable writes to a swap file and replaces the old one on close: never half a file.
      const writable = await (await opfsFile(true)).createWritable()
      await writable.write(bytes as Uint8Array<ArrayBuffer>)
      await writable.close()
    },
  },
})

/** What a tab may call (comlink makes every method async). */
const api = {
  open: host.open.bind(host),
  chooseModel: host.chooseModel.bind(host),
  lock: host.lock.bind(host),
  fingerprint: host.fingerprint.bind(host),
  upsert: host.upsert.bind(host),
  remove: host.remove.bind(host),
  search: host.search.bind(host),
  similarPairs: host.similarPairs.bind(host),
  similarTo: host.similarTo.bind(host),
  cancel: host.cancel.bind(host),
  status: host.status.bind(host),
  measure: host.measure.bind(host),
  setIndexing: host.setIndexing.bind(host),
  flush: host.flush.bind(host),
}
export type SearchWorkerApi = typeof api

// The DOM lib has no SharedWorkerGlobalScope type: what we use of it, declared here.
const scope = globalThis as unknown as { onconnect: ((event: MessageEvent) => void) | null }
scope.onconnect = (event) => {
  const [port] = event.ports
  if (port) expose(api, port)
}
