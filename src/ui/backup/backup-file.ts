import { BACKUP_CONTENT_VERSION } from '../../backup/app-content.ts'
import { collectSections } from '../../backup/collect.ts'
import {
  BACKUP_FILE_EXTENSION,
  BACKUP_MEDIA_TYPE,
  type BackupWriteProgress,
  createBackup,
  createBackupStream,
} from '../../backup/create-backup.ts'
import type { HearthStore } from '../../commands/store.ts'
import { events } from '../../schema/index.ts'
import type { DataKey } from '../../vault/envelope.ts'
import { deriveInWorker } from '../../vault/kdf-client.ts'
import type { Keyring } from '../../vault/keyring.ts'

/** `hearth-backup-2025-06-01.hbk`, in the person's own calendar day. */
export const backupFileName = (now: number) => {
  const d = new Date(now)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `hearth-backup-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}${BACKUP_FILE_EXTENSION}`
}

/** Hands a Blob to the browser's downloads. */
export const downloadBlob = (blob: Blob, name: string) => {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
  // Some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

type SaveFilePicker = (options: {
  suggestedName: string
  types: Array<{ description: string; accept: Record<string, string[]> }>
}) => Promise<{ createWritable: () => Promise<WritableStream<Uint8Array>> }>

const savePicker = (): SaveFilePicker | undefined =>
  (window as unknown as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker

export type SaveBackupOptions = {
  store: HearthStore
  key: DataKey
  keyring: Keyring
  passphrase: string
  onProgress?: (progress: BackupWriteProgress) => void
  /** Where the file goes: the File System Access API when the browser has it, else a download. */
  via?: 'auto' | 'download'
}

/**
 * Writes a backup of everything and records its date. With the File System Access API the file is
 * streamed to disk a chunk at a time; otherwise it is made as a Blob and downloaded. Returns false
 * when the person cancelled the save dialog (nothing was written).
 */
export const saveBackup = async ({
  store,
  key,
  keyring,
  passphrase,
  onProgress,
  via = 'auto',
}: SaveBackupOptions): Promise<boolean> => {
  const now = Date.now()
  const name = backupFileName(now)
  const options = {
    passphrase,
    sections: collectSections(store, key, { keyring, secrets: true }),
    meta: { appVersion: __APP_VERSION__, schemaVersion: BACKUP_CONTENT_VERSION },
    derive: deriveInWorker,
    ...(onProgress === undefined ? {} : { onProgress }),
  }
  const picker = via === 'auto' ? savePicker() : undefined
  if (picker !== undefined) {
    let writable: WritableStream<Uint8Array>
    try {
      const handle = await picker({
        suggestedName: name,
        types: [{ description: 'Hearth backup', accept: { [BACKUP_MEDIA_TYPE]: [BACKUP_FILE_EXTENSION] } }],
      })
      writable = await handle.createWritable()
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return false
      throw error
    }
    await createBackupStream(options).pipeTo(writable)
  } else {
    downloadBlob(await createBackup(options), name)
  }
  store.commit(events.backupMade({ at: Date.now() }))
  return true
}
