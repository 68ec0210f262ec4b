import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react'
import { recordAccesses } from '../../commands/lifecycle.ts'
import type { HearthStore } from '../../commands/store.ts'
import { AccessLog } from '../../lifecycle/access-log.ts'

/** How often coalesced accesses are written: one `v1.MemoriesAccessed` per interval at most. */
export const ACCESS_FLUSH_MS = 30_000

type RecordAccess = (ids: ReadonlyArray<string>) => void

const AccessContext = createContext<RecordAccess | null>(null)

/**
 * Counts memory accesses in this tab (opening a memory's page, finding it in a search) and writes
 * them as one batch event every `ACCESS_FLUSH_MS`, when the tab is hidden or closed, and when the
 * vault locks (this unmounts) — never one event per view (docs/LIFECYCLE.md).
 */
export const AccessTracking = ({ store, children }: { store: HearthStore; children: ReactNode }) => {
  const log = useMemo(() => new AccessLog(), [])
  useEffect(() => {
    const flush = () => {
      if (log.size > 0) recordAccesses(store, log.take())
    }
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush()
    }
    const timer = setInterval(flush, ACCESS_FLUSH_MS)
    document.addEventListener('visibilitychange', onVisibility)
    window.addEventListener('pagehide', flush)
    return () => {
      clearInterval(timer)
      document.removeEventListener('visibilitychange', onVisibility)
      window.removeEventListener('pagehide', flush)
      flush()
    }
  }, [store, log])
  const record = useCallback<RecordAccess>((ids) => log.record(ids, Date.now()), [log])
  return <AccessContext.Provider value={record}>{children}</AccessContext.Provider>
}

export const useRecordAccess = (): RecordAccess => {
  const record = useContext(AccessContext)
  if (record === null) throw new Error('useRecordAccess needs <AccessTracking> above it.')
  return record
}
