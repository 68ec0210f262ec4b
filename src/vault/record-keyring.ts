import type { DataKey } from './envelope.ts'
import { decodeKeyPage, encodeKeyPage, newRecordKeys, type RecordKey, SPARE_USE_MS } from './record-keys.ts'
import { VaultError } from './vault-error.ts'

/**
 * The record keys of one unlocked tab (see `record-keys.ts` for why they exist).
 *
 * - Sealing is synchronous (a command seals and commits in one go), so keys for new records come from
 *   a pool of *spares* this tab reserved — written to storage before any record uses them, so a record
 *   is never committed under a key that could be lost. Bulk work (imports, restores, sample data)
 *   reserves exactly what a batch needs first (`reserve`).
 * - A record keeps one key for life: `keyFor(ownerId)` finds the key the record already has (from this
 *   tab's memory, or from the record's envelope in the store, through the resolver) before taking a spare.
 * - Other tabs learn of new pages and destroyed keys over the share channel, and write under one lock.
 */

/** Where pages of record keys are kept: OPFS in the browser (`opfs-key-pages.ts`), a Map in tests. */
export interface KeyPageStorage {
  list(): Promise<string[]>
  read(page: string): Promise<Uint8Array | undefined>
  /** Replaces the whole page (never an in-place append: an old copy of a key must not survive). */
  write(page: string, bytes: Uint8Array): Promise<void>
  remove(page: string): Promise<void>
}

export type KeyringMessage = { type: 'added'; page: string } | { type: 'removed'; ids: string[] }

/** How tabs of one origin share the keys: one writer at a time, and news of every change. */
export interface KeyringShare {
  withLock<T>(work: () => Promise<T>): Promise<T>
  post(message: KeyringMessage): void
  subscribe(listener: (message: KeyringMessage) => void): () => void
}

export interface RecordKeys {
  /** The key an envelope names, if this vault still has it. */
  get(keyId: string): DataKey | undefined
  /** The key of a record (or of the record that owns it): its own if it has one, else a new spare. */
  keyFor(ownerId: string): DataKey
  /**
   * These keys for sealing records just made, whose ids the store has never seen (an import's new
   * rows): `keyFor` takes a spare without asking the store for a key the record cannot have yet.
   */
  forNewRecords(): RecordKeys
  /** Makes sure at least `count` spares are ready for sealing without waiting (bulk work calls it first). */
  reserve(count: number): Promise<void>
  /** Destroys keys in storage and in every tab; returns how many this call destroyed. */
  destroy(ids: readonly string[]): Promise<number>
  keys(): IterableIterator<RecordKey>
  /** Finds the key id a record's stored envelope names (set by the app once the store is there). */
  setResolver(resolve: ((ownerId: string) => string | undefined) | undefined): void
  /** Bumped by every change (keys added or destroyed, here or in another tab). */
  readonly version: number
  subscribe(listener: () => void): () => void
  /** Pages that could not be read at unlock, with why (their records show as unreadable). */
  readonly problems: readonly string[]
  /** On lock: stops listening and wipes every key from memory. */
  close(): void
}

/** Spares reserved at a time for single records, and the level at which more are reserved. */
const SPARE_BATCH = 256
const SPARE_LOW = 64

const pageName = () =>
  `p${Date.now().toString(36)}${Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(36)).join('')}`

type Entry = { readonly key: RecordKey; readonly page: string; readonly dataKey: DataKey }

export const openRecordKeys = async (
  dataKey: DataKey,
  { storage, share, now = Date.now }: { storage: KeyPageStorage; share: KeyringShare; now?: () => number },
): Promise<RecordKeys> => {
  const byId = new Map<string, Entry>()
  const owners = new Map<string, string>()
  let pool: RecordKey[] = []
  let resolver: ((ownerId: string) => string | undefined) | undefined
  let version = 0
  let closed = false
  let refilling: Promise<void> | undefined
  const listeners = new Set<() => void>()
  const problems: string[] = []

  const changed = () => {
    version++
    for (const listener of listeners) listener()
  }

  const add = (page: string, keys: readonly RecordKey[]) => {
    for (const key of keys) {
      if (!byId.has(key.id)) byId.set(key.id, { key, page, dataKey: { id: key.id, bytes: key.bytes } })
    }
  }

  const drop = (ids: readonly string[]) => {
    const gone = new Set(ids)
    for (const id of ids) {
      byId.get(id)?.key.bytes.fill(0)
      byId.delete(id)
    }
    for (const [owner, id] of owners) if (gone.has(id)) owners.delete(owner)
    pool = pool.filter((k) => !gone.has(k.id))
  }

  const readPage = async (page: string) => {
    const bytes = await storage.read(page)
    return bytes === undefined ? [] : decodeKeyPage(dataKey, bytes)
  }

  // Every page is asked for at once, then opened in order as it arrives: at 100k records (40 pages)
  // one read after another kept the first list waiting ~0.4 s longer after unlocking.
  const pages = await storage.list()
  const reads = pages.map((page) => storage.read(page))
  for (const read of reads) read.catch(() => {}) // each is awaited (and its failure noted) below
  for (const [i, page] of pages.entries()) {
    try {
      const bytes = await reads[i]
      add(page, bytes === undefined ? [] : decodeKeyPage(dataKey, bytes))
    } catch (error) {
      problems.push(`${page}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  const unsubscribe = share.subscribe((message) => {
    if (closed) return
    if (message.type === 'removed') {
      drop(message.ids)
      changed()
      return
    }
    readPage(message.page)
      .then((keys) => {
        if (closed) return
        add(message.page, keys)
        changed()
      })
      .catch((error: unknown) => console.error('record keys: a new page could not be read', error))
  })

  const reserve = async (count: number) => {
    const fresh = pool.filter((k) => now() - k.madeAt < SPARE_USE_MS)
    if (fresh.length >= count) return
    const keys = newRecordKeys(Math.max(count - fresh.length, SPARE_BATCH), now())
    const page = pageName()
    await share.withLock(() => storage.write(page, encodeKeyPage(dataKey, keys)))
    if (closed) return
    add(page, keys)
    pool.push(...keys)
    share.post({ type: 'added', page })
    changed()
  }

  const refill = () => {
    refilling ??= reserve(SPARE_LOW + SPARE_BATCH)
      .catch((error: unknown) => console.error('record keys: could not reserve spares', error))
      .finally(() => {
        refilling = undefined
      })
    return refilling
  }

  /** The key `ownerId` has in this tab or, with `ask`, in the store; else the next spare still fresh. */
  const keyOf = (ownerId: string, ask: ((ownerId: string) => string | undefined) | undefined) => {
    const known = owners.get(ownerId) ?? ask?.(ownerId)
    const entry = known === undefined ? undefined : byId.get(known)
    if (entry !== undefined) {
      owners.set(ownerId, entry.key.id)
      return entry.dataKey
    }
    return takeSpare(ownerId)
  }

  const takeSpare = (ownerId: string) => {
    // A new record (or one sealed before it had a key of its own): the next spare still fresh.
    while (pool.length > 0 && now() - (pool[0] as RecordKey).madeAt >= SPARE_USE_MS) pool.shift()
    const spare = pool.shift()
    if (pool.length < SPARE_LOW) void refill()
    if (spare === undefined) {
      throw new VaultError(
        'keys-not-ready',
        'Hearth is still preparing the encryption keys for new records. Try again in a moment.',
      )
    }
    owners.set(ownerId, spare.id)
    return (byId.get(spare.id) as Entry).dataKey
  }

  const keys: RecordKeys = {
    get: (keyId) => byId.get(keyId)?.dataKey,
    keyFor: (ownerId) => keyOf(ownerId, resolver),
    // The same keys (getters stay live through the prototype); only the lookup in the store is skipped.
    // Chunks still share their document's key: `owners` remembers it from the first chunk.
    forNewRecords: () =>
      Object.create(keys, { keyFor: { value: (ownerId: string) => keyOf(ownerId, undefined) } }),
    reserve,
    destroy: async (ids) => {
      const wanted = new Set(ids)
      const pages = new Set<string>()
      for (const id of wanted) {
        const page = byId.get(id)?.page
        if (page !== undefined) pages.add(page)
      }
      if (pages.size === 0) return 0
      let destroyed = 0
      await share.withLock(async () => {
        for (const page of pages) {
          // Read again under the lock: another tab may have rewritten this page meanwhile.
          const current = await readPage(page)
          const kept = current.filter((k) => !wanted.has(k.id))
          destroyed += current.length - kept.length
          if (kept.length === 0) await storage.remove(page)
          else await storage.write(page, encodeKeyPage(dataKey, kept))
        }
      })
      const gone = [...wanted]
      drop(gone)
      share.post({ type: 'removed', ids: gone })
      changed()
      return destroyed
    },
    keys: () => Array.from(byId.values(), (e) => e.key)[Symbol.iterator](),
    setResolver: (resolve) => {
      resolver = resolve
    },
    get version() {
      return version
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    problems,
    close: () => {
      closed = true
      unsubscribe()
      drop([...byId.keys()])
      owners.clear()
      listeners.clear()
    },
  }
  // Unlock waits for the first spares: a record created (or a sample loaded) the moment the app shows
  // must not meet "still preparing the keys". One page written, under the keyring's lock.
  await refill()
  return keys
}
