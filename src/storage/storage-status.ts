/** What the browser says about this origin's storage. `null` where the browser does not say. */
export type StorageStatus = {
  persisted: boolean | null
  usage: number | null
  quota: number | null
  /** Bytes in the origin-private file system, where the database lives. */
  opfsBytes: number | null
}

/**
 * Sums the sizes of every file under an OPFS directory. Files the database worker holds open for
 * writing still report their size through `getFile()`; one that cannot be read counts as 0.
 */
export const directorySize = async (dir: FileSystemDirectoryHandle): Promise<number> => {
  let total = 0
  // `values()` is in every browser with OPFS; TypeScript's DOM types do not list it yet.
  const entries = (dir as unknown as { values(): AsyncIterable<FileSystemHandle> }).values()
  for await (const entry of entries) {
    if (entry.kind === 'directory') total += await directorySize(entry as FileSystemDirectoryHandle)
    else
      total += await (entry as FileSystemFileHandle).getFile().then(
        (f) => f.size,
        () => 0,
      )
  }
  return total
}

export const readStorageStatus = async (): Promise<StorageStatus> => {
  const storage = navigator.storage as StorageManager | undefined
  const [persisted, estimate, opfsBytes] = await Promise.all([
    storage?.persisted?.().catch(() => null) ?? null,
    storage?.estimate?.().catch(() => null) ?? null,
    storage?.getDirectory?.().then(directorySize, () => null) ?? null,
  ])
  return {
    persisted,
    usage: estimate?.usage ?? null,
    quota: estimate?.quota ?? null,
    opfsBytes,
  }
}

/**
 * Asks the browser to keep this origin's data under storage pressure. Chromium decides by itself
 * (installed app, engagement, bookmarks) and may say no without asking the person.
 */
export const requestPersistentStorage = async (): Promise<boolean> =>
  (await navigator.storage?.persist?.().catch(() => false)) ?? false
