/** One memory's accesses since the last flush, as `v1.MemoriesAccessed` carries them. */
export type Access = { id: string; count: number; lastAccessedAt: number }

/**
 * Coalesces accesses in memory (docs/LIFECYCLE.md): opening a memory ten times, or a search that
 * returns fifty, costs nothing until `take()` hands them over as one list for one batch event.
 */
export class AccessLog {
  private readonly pending = new Map<string, Access>()

  record(ids: Iterable<string>, at: number) {
    for (const id of ids) {
      const before = this.pending.get(id)
      this.pending.set(id, {
        id,
        count: (before?.count ?? 0) + 1,
        lastAccessedAt: Math.max(before?.lastAccessedAt ?? at, at),
      })
    }
  }

  get size() {
    return this.pending.size
  }

  /** Everything recorded since the last call, in batches of at most `batchSize`; the log is empty after. */
  take(batchSize = 1000): Access[][] {
    const all = [...this.pending.values()]
    this.pending.clear()
    const batches: Access[][] = []
    for (let at = 0; at < all.length; at += batchSize) batches.push(all.slice(at, at + batchSize))
    return batches
  }
}
