import { useEffect, useState } from 'react'
import type { AppStore } from '../../store/app-store.ts'
import { formatSize } from '../format.ts'
import { isStalled, observePending, type SaveProgress } from './save-progress.ts'

const POLL_MS = 100

/**
 * How many of this tab's events the leader has not yet written to disk, and whether that queue is
 * stuck. Polled: LiveStore 0.4.0's `useSyncStatus` does not re-render when the leader confirms,
 * and `syncStatus()` is a cheap read.
 */
export const useSaveProgress = (store: AppStore) => {
  const [state, setState] = useState(() => ({
    progress: { pending: store.syncStatus().pendingCount, lastProgressAt: Date.now() } as SaveProgress,
    stalled: false,
  }))
  useEffect(() => {
    const timer = setInterval(() => {
      setState((previous) => {
        const now = Date.now()
        const progress = observePending(previous.progress, store.syncStatus().pendingCount, now)
        const stalled = isStalled(progress, now)
        return progress.pending === previous.progress.pending &&
          progress.lastProgressAt === previous.progress.lastProgressAt &&
          stalled === previous.stalled
          ? previous
          : { progress, stalled }
      })
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [store])
  return { pending: state.progress.pending, stalled: state.stalled }
}

/** "Saving…" until the leader worker has persisted this tab's changes: what to know before closing the tab. */
export const SaveStatus = ({ pending }: { pending: number }) => (
  <p className={pending > 0 ? 'save-status save-status-pending' : 'save-status'} role="status">
    <span className="compact-hidden">{pending > 0 ? 'Saving…' : 'All changes saved'}</span>
  </p>
)

/** The storage figures that explain a stuck save, when the browser gives them. */
const useStorageFigures = () => {
  const [figures, setFigures] = useState<{ usage: number; quota: number } | null>(null)
  useEffect(() => {
    void navigator.storage
      ?.estimate?.()
      .then(
        (e) =>
          e.usage !== undefined && e.quota !== undefined && setFigures({ usage: e.usage, quota: e.quota }),
      )
      .catch(() => {})
  }, [])
  return figures
}

/**
 * Said when saving is stuck, usually because the disk or the browser's storage for Hearth is full.
 * What was saved before is safe (SQLite rolls back a write that fails); what waits is held in this tab.
 */
export const SaveStalledBanner = ({ pending }: { pending: number }) => {
  const figures = useStorageFigures()
  return (
    <div className="banner banner-warning" role="alert">
      <strong>Hearth cannot save right now.</strong> {pending.toLocaleString('en')} recent{' '}
      {pending === 1 ? 'change is' : 'changes are'} waiting: most likely the storage for Hearth is full
      {figures !== null && ` (${formatSize(figures.usage)} used of ${formatSize(figures.quota)})`}. Everything
      saved before is safe. Free some disk space or delete data you no longer need, and keep this tab open:
      the waiting changes are saved when there is room, and lost if the tab closes first.
    </div>
  )
}
