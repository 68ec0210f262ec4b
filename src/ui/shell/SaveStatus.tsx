import { useEffect, useState } from 'react'
import type { AppStore } from '../../store/app-store.ts'

const POLL_MS = 100

/**
 * How many of this tab's events the leader has not yet written to disk. Polled: LiveStore 0.4.0's
 * `useSyncStatus` does not re-render when the leader confirms, and `syncStatus()` is a cheap read.
 */
const usePendingCount = (store: AppStore) => {
  const [pending, setPending] = useState(() => store.syncStatus().pendingCount)
  useEffect(() => {
    const timer = setInterval(() => setPending(store.syncStatus().pendingCount), POLL_MS)
    return () => clearInterval(timer)
  }, [store])
  return pending
}

/** "Saving…" until the leader worker has persisted this tab's changes: what to know before closing the tab. */
export const SaveStatus = ({ store }: { store: AppStore }) => {
  const pending = usePendingCount(store)
  return (
    <p className={pending > 0 ? 'save-status save-status-pending' : 'save-status'} role="status">
      <span className="compact-hidden">{pending > 0 ? 'Saving…' : 'All changes saved'}</span>
    </p>
  )
}
