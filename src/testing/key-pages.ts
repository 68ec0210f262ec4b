// In-memory stand-ins for where the browser keeps record keys (OPFS pages, a Web Lock and a
// BroadcastChannel), so the keyring's sharing between tabs runs in Node exactly as written.
import type { KeyPageStorage, KeyringMessage, KeyringShare } from '../vault/record-keyring.ts'

export const memoryKeyPages = () => {
  const pages = new Map<string, Uint8Array>()
  const storage: KeyPageStorage = {
    list: async () => [...pages.keys()].sort(),
    read: async (page) => pages.get(page)?.slice(),
    write: async (page, bytes) => {
      pages.set(page, bytes.slice())
    },
    remove: async (page) => {
      pages.delete(page)
    },
  }
  return { pages, storage }
}

/** One origin's tabs: a lock they queue on, and a channel that reaches every tab but the sender. */
export const sharedOrigin = () => {
  let queue: Promise<unknown> = Promise.resolve()
  const tabs = new Set<(message: KeyringMessage) => void>()
  const tab = (): KeyringShare => {
    let mine: ((message: KeyringMessage) => void) | undefined
    return {
      withLock: <T>(work: () => Promise<T>) => {
        const run = queue.then(work, work)
        queue = run.catch(() => {})
        return run
      },
      post: (message) => {
        for (const listener of tabs) if (listener !== mine) queueMicrotask(() => listener(message))
      },
      subscribe: (listener) => {
        mine = listener
        tabs.add(listener)
        return () => tabs.delete(listener)
      },
    }
  }
  return { tab }
}
