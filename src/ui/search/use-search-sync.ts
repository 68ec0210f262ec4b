import type { Remote } from 'comlink'
import { useEffect } from 'react'
import { bulkWriteUnderWay } from '../../commands/bulk.ts'
import { searchModelFields, settings$ } from '../../schema/settings.ts'
import { BUILT_IN, type ModelChoice } from '../../search/search-host.ts'
import {
  type Entry,
  planDelta,
  type RunSql,
  readDocs,
  readEntries,
  searchVersion$,
} from '../../search/store-sync.ts'
import type { AppStore } from '../../store/app-store.ts'
import type { DataKey } from '../../vault/envelope.ts'
import type { SearchWorkerApi } from '../../workers/search.worker.ts'
import { searchWorker } from './search-client.ts'

/** Held by the one tab that feeds the shared index from the store. */
export const SYNC_LOCK = 'hearth-search-sync'
/** Rows opened and sent per message to the worker. */
const BATCH = 500
/**
 * A burst of writes is indexed once it has been quiet this long, and at least this often while it
 * lasts. Why wait at all: each pass lists every row's hash, and opening rows and embedding them takes
 * the same two cores that an import or a restore needs to save its batches; indexing after each of
 * 40 batches made a 10k import ~2× slower. A single edit is searchable ~0.3 s after it is made.
 */
const QUIET_MS = 300
const MAX_LAG_MS = 3000
/** How often the index looks again whether bulk work (`BULK_WRITE_LOCK`) has finished. */
const BULK_POLL_MS = 500

/**
 * Follows the store into the search index until `signal` aborts: a first pass that sends what the
 * index lacks (the worker compares its saved copy with the store's id/hash list), then, whenever
 * `searchVersion$` changes, the rows whose hash changed and the ids that went away.
 */
const followStore = (store: AppStore, key: DataKey, api: Remote<SearchWorkerApi>, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const sql: RunSql = (query, bindValues) => store.query({ query, bindValues }) as ReadonlyArray<unknown>
    let known: Map<string, string> | undefined
    let running = false
    let again = false

    const pass = async () => {
      const entries = await readEntries(sql)
      let upsert: Entry[]
      let remove: string[]
      const first = known === undefined
      if (first) {
        const plan = await api.fingerprint(entries.map((e) => ({ id: e.id, contentHash: e.hash })))
        const wanted = new Set([...plan.missing, ...plan.changed])
        upsert = entries.filter((e) => wanted.has(e.id))
        remove = plan.stale
      } else {
        ;({ upsert, remove } = planDelta(known ?? new Map(), entries))
      }
      if (remove.length > 0) await api.remove(remove)
      // The first pass, or a catch-up after bulk work, shows its progress; a few edits do not.
      const showProgress = first || upsert.length > BATCH
      for (let at = 0; at < upsert.length; at += BATCH) {
        if (signal.aborted) return
        if (showProgress) await api.setIndexing({ done: at, total: upsert.length })
        await api.upsert(readDocs(sql, key, upsert.slice(at, at + BATCH)))
      }
      if (showProgress) await api.setIndexing(null)
      known = new Map(entries.map((e) => [e.id, e.hash]))
    }

    const run = async () => {
      if (running) {
        again = true
        return
      }
      running = true
      try {
        do {
          again = false
          // An import or a restore is saving its batches: index them all once it is done.
          if (await bulkWriteUnderWay()) {
            clearTimeout(timer)
            timer = setTimeout(() => void run(), BULK_POLL_MS)
            return
          }
          await pass()
        } while (again && !signal.aborted)
      } catch (error) {
        if (!signal.aborted) console.error('search: syncing from the store failed', error)
      } finally {
        running = false
      }
    }

    let timer: ReturnType<typeof setTimeout> | undefined
    let burstStartedAt: number | undefined
    const schedule = () => {
      const now = performance.now()
      burstStartedAt ??= now
      clearTimeout(timer)
      timer = setTimeout(
        () => {
          burstStartedAt = undefined
          void run()
        },
        Math.min(QUIET_MS, Math.max(0, burstStartedAt + MAX_LAG_MS - now)),
      )
    }

    const unsubscribe = store.subscribe(searchVersion$, schedule)
    void run()
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        unsubscribe()
        resolve()
      },
      { once: true },
    )
  })

/** The model for meaning the person chose in Settings (an unreadable choice means the built-in one). */
const chosenModel = (store: AppStore, key: DataKey): ModelChoice => {
  const opened = searchModelFields.open(key, store.query(settings$))
  const endpoint = opened.unreadable ? null : opened.searchModel
  return endpoint === null ? BUILT_IN : { kind: 'endpoint', ...endpoint }
}

/**
 * Opens the shared search index with the data key and the chosen model, follows that choice, and
 * takes part in feeding the index: one tab at a time (a Web Lock), the others wait and take over
 * when it closes or locks.
 */
export const useSearchSync = (store: AppStore, key: DataKey) => {
  useEffect(() => {
    const stop = new AbortController()
    const api = searchWorker()
    const start = async () => {
      let model = chosenModel(store, key)
      await api.open({ id: key.id, bytes: key.bytes }, model)
      if (stop.signal.aborted) return
      // Every tab passes a new choice on; the worker ignores one it already has.
      const unsubscribe = store.subscribe(settings$, () => {
        const next = chosenModel(store, key)
        if (JSON.stringify(next) === JSON.stringify(model)) return
        model = next
        api.chooseModel(next).catch((error: unknown) => console.error('search: model switch failed', error))
      })
      stop.signal.addEventListener('abort', unsubscribe, { once: true })
      await navigator.locks.request(SYNC_LOCK, { signal: stop.signal }, () =>
        followStore(store, key, api, stop.signal),
      )
    }
    start().catch((error: unknown) => {
      if (!stop.signal.aborted) console.error('search: could not start', error)
    })
    return () => stop.abort()
  }, [store, key])
}
