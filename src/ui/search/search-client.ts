import { type Remote, wrap } from 'comlink'
import type { HostSearchParams, HostSearchResponse } from '../../search/search-host.ts'
import type { SearchWorkerApi } from '../../workers/search.worker.ts'

/**
 * The tab's connection to the search worker, made on first use: a SharedWorker named
 * `hearth-search`, so every tab of the origin talks to the one index. No dedicated-worker fallback:
 * Hearth needs SharedWorker anyway (LiveStore's tab sync) and says so at start when it is missing
 * (src/ui/components/environment.ts).
 */
let remote: Remote<SearchWorkerApi> | undefined

const connect = (): Remote<SearchWorkerApi> => {
  const worker = new SharedWorker(new URL('../../workers/search.worker.ts', import.meta.url), {
    type: 'module',
    name: 'hearth-search',
  })
  return wrap<SearchWorkerApi>(worker.port)
}

export const searchWorker = (): Remote<SearchWorkerApi> => {
  remote ??= connect()
  return remote
}

/** The vault locked (here or in another tab): the worker drops its index and key. No-op if never used. */
export const lockSearch = () => {
  remote?.lock().catch((error: unknown) => console.error('search: lock failed', error))
}

let calls = 0

/** A search that `signal` cancels in the worker too (comlink cannot carry signals: a call id can). */
export const searchWithSignal = async (
  params: HostSearchParams,
  signal: AbortSignal,
): Promise<HostSearchResponse> => {
  const api = searchWorker()
  const id = `call-${++calls}`
  const onAbort = () => void api.cancel(id)
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    return await api.search(params, id)
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}
