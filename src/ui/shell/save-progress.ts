/**
 * Whether saving is stuck: changes wait for the database but none has been written for a while.
 * LiveStore's leader worker logs a failed write (a full disk, the storage quota) and keeps the
 * changes queued without telling the page, so the page watches the queue instead.
 */
export type SaveProgress = { pending: number; lastProgressAt: number }

export const STALL_MS = 15_000

/** The next state after a poll at `now` that found `pending` changes waiting. */
export const observePending = (previous: SaveProgress, pending: number, now: number): SaveProgress =>
  // Progress is a shorter queue (or an empty one); a longer queue is new work, not progress.
  pending === 0 || pending < previous.pending
    ? { pending, lastProgressAt: now }
    : { pending, lastProgressAt: previous.pending === 0 ? now : previous.lastProgressAt }

export const isStalled = (state: SaveProgress, now: number) =>
  state.pending > 0 && now - state.lastProgressAt >= STALL_MS
