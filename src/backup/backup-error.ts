/**
 * Why a backup could not be written or opened. Each code has its own message, written for the person
 * using the app; the restore screen shows it as is and changes nothing.
 */
export type BackupErrorCode =
  /** The file is not a Hearth backup at all (another file or app). */
  | 'not-a-backup'
  /** A Hearth backup in a format newer than this version reads. */
  | 'unsupported-version'
  /** Its key-derivation settings are below the floor (or absurd): refused, never derived with. */
  | 'weak-kdf'
  /** The passphrase does not open it (its key check fails). */
  | 'wrong-passphrase'
  /** A part failed its integrity check, or there are bytes after its end. */
  | 'corrupt'
  /** The file ends before the backup does. */
  | 'truncated'
  /** Every part is authentic, but the manifest does not describe what the backup holds. */
  | 'manifest-mismatch'
  /** The file is larger than the caller allows. */
  | 'too-large'
  /** Cancelled through the AbortSignal. */
  | 'aborted'
  /** The browser could not read the file (moved, deleted or changed on disk). */
  | 'unreadable'
  /** Writing: the backup passphrase is too short to protect a file that may travel. */
  | 'weak-passphrase'

export class BackupError extends Error {
  readonly code: BackupErrorCode
  constructor(code: BackupErrorCode, message: string, options?: { cause: unknown }) {
    super(message, options)
    this.name = 'BackupError'
    this.code = code
  }
}

export const throwIfAborted = (signal: AbortSignal | undefined, what: string): void => {
  if (signal?.aborted) throw new BackupError('aborted', `${what} was cancelled.`)
}
