/**
 * The tabs of one browser profile tell each other about the vault over a BroadcastChannel:
 * - `locked`: one tab locked (by hand, auto-lock or hiding): every tab drops its key.
 * - `active`: someone used Hearth in some tab, so auto-lock counts idle time across all tabs —
 *   working in one tab must not let another tab's idle timer lock everything.
 * - `visible` (sent on coming to the front, and in answer to `anyone-visible`): "lock when hidden"
 *   does not fire while the person is still looking at another Hearth tab.
 * Nothing secret crosses the channel: every tab unlocks with the passphrase itself.
 */
export type LockMessage =
  | { type: 'locked' }
  | { type: 'active'; at: number }
  | { type: 'visible'; at: number }
  /** A tab that was just hidden asks whether another Hearth tab is in front. */
  | { type: 'anyone-visible' }

const CHANNEL = 'hearth-vault'

export const openLockChannel = (onMessage: (message: LockMessage) => void) => {
  const channel = new BroadcastChannel(CHANNEL)
  channel.onmessage = (event: MessageEvent<LockMessage>) => onMessage(event.data)
  return {
    post: (message: LockMessage) => channel.postMessage(message),
    close: () => channel.close(),
  }
}
