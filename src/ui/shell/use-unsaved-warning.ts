import { useEffect } from 'react'
import type { HearthStore } from '../../commands/store.ts'

/**
 * While this tab has events the leader has not yet persisted (a large import in flight),
 * closing it would lose them: the browser asks the person first.
 */
export const useUnsavedWarning = (store: HearthStore) => {
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (store.syncStatus().pendingCount > 0) event.preventDefault()
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [store])
}
