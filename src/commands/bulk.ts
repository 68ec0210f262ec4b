import type { LiveStoreEvent } from '@livestore/livestore'
import type { HearthStore } from './store.ts'

/**
 * Rows per batch event for bulk work (sample data, restores): the size that persisted fastest in the
 * bench's sweep at 10k, and at 100k better than 1,000 (each batch rewrites most index pages whatever
 * its size, so fewer, larger batches write less). The tab materializes a batch in ~0.2 s.
 */
export const BATCH_ROWS = 2500

/** One batch event and how many rows it carries (see docs/ARCHITECTURE.md, event granularity). */
export type Batch = { event: LiveStoreEvent.Input.Decoded; rows: number; label: string }

/**
 * Resolves once the leader has taken every event this tab committed, i.e. they are in OPFS.
 * It polls `syncStatus()` (a cheap in-memory read): in LiveStore 0.4.0 `subscribeSyncStatus` does not
 * report the leader's confirmation, so a subscription would wait forever.
 */
export const whenPersisted = (store: HearthStore, maxPending = 0, pollMs = 10): Promise<void> =>
  new Promise((resolve) => {
    const check = () => {
      if (store.syncStatus().pendingCount <= maxPending) resolve()
      else setTimeout(check, pollMs)
    }
    check()
  })

/**
 * Held (shared: several tabs may import at once) while bulk work saves its batches. The search index
 * waits until none holds it (`use-search-sync.ts`): opening and embedding rows as they land took the
 * same two cores the import needs, and at 100k rows made it ~1.2× slower for no earlier answer.
 */
export const BULK_WRITE_LOCK = 'hearth-bulk-write'

/** Runs `work` holding the bulk-write lock (where Web Locks exist: every browser Hearth runs in). */
export const asBulkWrite = <T>(work: () => Promise<T>): Promise<T> => {
  const locks = globalThis.navigator?.locks
  return locks === undefined
    ? work()
    : (locks.request(BULK_WRITE_LOCK, { mode: 'shared' }, work) as Promise<T>)
}

/** Whether any tab of this origin is saving bulk work now. */
export const bulkWriteUnderWay = async (): Promise<boolean> => {
  const locks = globalThis.navigator?.locks
  if (locks === undefined) return false
  const { held = [] } = await locks.query()
  return held.some((lock) => lock.name === BULK_WRITE_LOCK)
}

/**
 * Commits batch events one after another, keeping at most one batch in flight: while the leader
 * persists one, this tab already materializes the next, and progress still counts only what is
 * saved. Memory stays flat, and a tab closed mid-import loses at most the batches not yet saved,
 * never part of one (each batch is one event, applied whole or not at all).
 */
export const commitBatches = async (
  store: HearthStore,
  batches: Iterable<Batch> | AsyncIterable<Batch>,
  onProgress: (rowsSaved: number, label: string) => void = () => {},
  signal?: AbortSignal,
) =>
  asBulkWrite(async () => {
    let committed = 0
    for await (const batch of batches) {
      signal?.throwIfAborted()
      store.commit(batch.event)
      committed += batch.rows
      await whenPersisted(store, 1)
      onProgress(committed - batch.rows, batch.label)
    }
    await whenPersisted(store)
    onProgress(committed, 'saved')
    return committed
  })
