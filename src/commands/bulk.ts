import type { LiveStoreEvent } from '@livestore/livestore'
import type { HearthStore } from './store.ts'

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
) => {
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
}
