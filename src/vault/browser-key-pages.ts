import type { KeyPageStorage, KeyringMessage, KeyringShare } from './record-keyring.ts'

/**
 * Where the browser keeps pages of record keys: OPFS directory `record-keys/`, one file per page.
 * A page is replaced with `createWritable` (written to a swap file, swapped in on close), so a crash
 * never leaves half a page, and a rewritten page leaves no copy of a destroyed key in the file.
 */
const DIRECTORY = 'record-keys'
const SUFFIX = '.bin'

const directory = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle(DIRECTORY, { create: true })

const isNotFound = (error: unknown) => error instanceof DOMException && error.name === 'NotFoundError'

export const opfsKeyPages: KeyPageStorage = {
  list: async () => {
    const names: string[] = []
    // The DOM lib types lack the async iterator of a directory handle.
    const dir = (await directory()) as unknown as { keys(): AsyncIterable<string> }
    for await (const name of dir.keys()) if (name.endsWith(SUFFIX)) names.push(name.slice(0, -SUFFIX.length))
    return names.sort()
  },
  read: async (page) => {
    try {
      const file = await (await (await directory()).getFileHandle(`${page}${SUFFIX}`)).getFile()
      return new Uint8Array(await file.arrayBuffer())
    } catch (error) {
      if (isNotFound(error)) return undefined
      throw error
    }
  },
  write: async (page, bytes) => {
    const handle = await (await directory()).getFileHandle(`${page}${SUFFIX}`, { create: true })
    const writable = await handle.createWritable()
    await writable.write(bytes as Uint8Array<ArrayBuffer>)
    await writable.close()
  },
  remove: async (page) => {
    try {
      await (await directory()).removeEntry(`${page}${SUFFIX}`)
    } catch (error) {
      if (!isNotFound(error)) throw error
    }
  },
}

const LOCK = 'hearth-record-keys'
const CHANNEL = 'hearth-record-keys'

/** One writer at a time across tabs (a Web Lock), and every change told to the other tabs. */
export const browserKeyringShare = (): KeyringShare => {
  const channel = new BroadcastChannel(CHANNEL)
  const listeners = new Set<(message: KeyringMessage) => void>()
  channel.onmessage = (event: MessageEvent<KeyringMessage>) => {
    for (const listener of listeners) listener(event.data)
  }
  return {
    withLock: <T>(work: () => Promise<T>) => navigator.locks.request(LOCK, work) as Promise<T>,
    post: (message) => channel.postMessage(message),
    subscribe: (listener) => {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0) channel.close()
      }
    },
  }
}
