import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import './update-prompt.css'
import { useRegisterSW } from 'virtual:pwa-register/react'

/** How often an open Hearth asks the server for a new version (and on every return to the tab). */
const CHECK_EVERY_MS = 60 * 60_000

export type UpdateCheck = 'idle' | 'checking' | 'downloading' | 'up-to-date' | 'offline' | 'failed'

type AppUpdate = {
  /** The service worker has cached the app: it opens with no network from now on. */
  offlineReady: boolean
  /** A new version is downloaded and waits for the person's go-ahead. */
  updateReady: boolean
  /** Takes the new version: the waiting worker takes over and the page reloads onto it. */
  applyUpdate: () => void
  /** Put the notice away for this page's life; the update is applied on the next start anyway. */
  dismissUpdate: () => void
  checkForUpdate: () => Promise<void>
  lastCheck: UpdateCheck
}

const AppUpdateContext = createContext<AppUpdate | null>(null)

/**
 * Registers the service worker (which caches the whole app for offline use) and follows new
 * versions. A new version never reloads the page by itself: it says so and waits.
 */
export const AppUpdateProvider = ({ children }: { children: ReactNode }) => {
  const registration = useRef<ServiceWorkerRegistration | undefined>(undefined)
  const [lastCheck, setLastCheck] = useState<UpdateCheck>('idle')
  const {
    needRefresh: [updateReady, setUpdateReady],
    offlineReady: [offlineReady],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW: (_url, r) => {
      registration.current = r
    },
  })

  const checkForUpdate = useCallback(async () => {
    const r = registration.current
    if (r === undefined) return
    if (!navigator.onLine) {
      setLastCheck('offline')
      return
    }
    setLastCheck('checking')
    try {
      await r.update()
      // A version that was put away with "Later" is still waiting: asking again brings it back.
      if (r.waiting !== null) {
        setUpdateReady(true)
        setLastCheck('idle')
      } else setLastCheck(r.installing !== null ? 'downloading' : 'up-to-date')
    } catch {
      setLastCheck(navigator.onLine ? 'failed' : 'offline')
    }
  }, [setUpdateReady])

  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') void checkForUpdate()
    }
    const timer = setInterval(() => void checkForUpdate(), CHECK_EVERY_MS)
    document.addEventListener('visibilitychange', onVisible)
    return () => {
      clearInterval(timer)
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [checkForUpdate])

  const value = useMemo<AppUpdate>(
    () => ({
      offlineReady: offlineReady || navigator.serviceWorker?.controller != null,
      updateReady,
      applyUpdate: () => void updateServiceWorker(true),
      dismissUpdate: () => setUpdateReady(false),
      checkForUpdate,
      lastCheck,
    }),
    [offlineReady, updateReady, updateServiceWorker, setUpdateReady, checkForUpdate, lastCheck],
  )
  return <AppUpdateContext.Provider value={value}>{children}</AppUpdateContext.Provider>
}

export const useAppUpdate = (): AppUpdate => {
  const value = useContext(AppUpdateContext)
  if (value === null) throw new Error('useAppUpdate needs an AppUpdateProvider above it.')
  return value
}

/** "A new version is ready": shown over every screen, the lock screen included, until acted on. */
export const UpdatePrompt = () => {
  const { updateReady, applyUpdate, dismissUpdate } = useAppUpdate()
  if (!updateReady) return null
  return (
    <div className="update-prompt" role="status">
      <span>
        <strong>A new version of Hearth is ready.</strong> Your data stays as it is; other open Hearth tabs
        update when they reload.
      </span>
      <span className="update-prompt-actions">
        <button type="button" className="button button-small button-primary" onClick={applyUpdate}>
          Update now
        </button>
        <button type="button" className="button button-small" onClick={dismissUpdate}>
          Later
        </button>
      </span>
    </div>
  )
}
