import { useEffect } from 'react'
import type { LockSettings } from '../../schema/settings.ts'
import { openLockChannel } from '../../vault/lock-channel.ts'

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const
/** Activity is announced to the other tabs at most this often. */
const ANNOUNCE_EVERY_MS = 5_000
/** How long a hidden tab waits for another visible Hearth tab to answer before it locks. */
const HIDE_GRACE_MS = 1_000
const CHECK_EVERY_MS = 1_000

/**
 * Locks after `autoLockMinutes` without use in any Hearth tab (0 = never), and — if `lockOnHide` —
 * when no Hearth tab is in front any more. Locking goes through `lock`, which tells every tab.
 */
export const useAutoLock = ({ autoLockMinutes, lockOnHide }: LockSettings, lock: () => void) => {
  useEffect(() => {
    let lastActivity = Date.now()
    let lastAnnounced = 0
    let lastVisibleElsewhere = 0
    let hideTimer: ReturnType<typeof setTimeout> | undefined

    const channel = openLockChannel((message) => {
      if (message.type === 'active') lastActivity = Math.max(lastActivity, message.at)
      else if (message.type === 'visible') lastVisibleElsewhere = message.at
      else if (message.type === 'anyone-visible' && document.visibilityState === 'visible') {
        channel.post({ type: 'visible', at: Date.now() })
      }
    })

    const onActivity = () => {
      const now = Date.now()
      lastActivity = now
      if (now - lastAnnounced >= ANNOUNCE_EVERY_MS) {
        lastAnnounced = now
        channel.post({ type: 'active', at: now })
      }
    }

    const onVisibility = () => {
      clearTimeout(hideTimer)
      if (document.visibilityState === 'visible') {
        channel.post({ type: 'visible', at: Date.now() })
        onActivity()
        return
      }
      if (!lockOnHide) return
      const hiddenAt = Date.now()
      channel.post({ type: 'anyone-visible' })
      hideTimer = setTimeout(() => {
        if (document.visibilityState === 'hidden' && lastVisibleElsewhere < hiddenAt) lock()
      }, HIDE_GRACE_MS)
    }

    const idleCheck = setInterval(() => {
      if (autoLockMinutes > 0 && Date.now() - lastActivity >= autoLockMinutes * 60_000) lock()
    }, CHECK_EVERY_MS)

    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { passive: true })
    document.addEventListener('visibilitychange', onVisibility)
    return () => {
      clearInterval(idleCheck)
      clearTimeout(hideTimer)
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity)
      document.removeEventListener('visibilitychange', onVisibility)
      channel.close()
    }
  }, [autoLockMinutes, lockOnHide, lock])
}
