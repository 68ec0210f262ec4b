import { type FormEvent, useId, useState } from 'react'
import { CONTENT_KINDS, KIND_LABELS } from '../../backup/app-content.ts'
import { openBackup, type VerifiedBackup } from '../../backup/open-backup.ts'
import { type BackupContents, inspectSections, type Tally } from '../../backup/restore.ts'
import { deriveInWorker } from '../../vault/kdf-client.ts'
import { FormError } from '../components/FormError.tsx'
import { usePendingAction } from '../components/use-pending-action.ts'
import { formatCount, formatDateTime } from '../format.ts'

/** A backup whose every byte and every row was checked: what the restore screens may apply. */
export type CheckedBackup = {
  backup: VerifiedBackup
  contents: BackupContents
  fileName: string
  /** Kept for a Replace's safety backup, which uses the same passphrase. */
  passphrase: string
}

export const tallyTotal = (tally: Tally) => Object.values(tally).reduce((sum, n) => sum + (n ?? 0), 0)

/** "3 personas, 200 memories, …" in the order a backup holds them; the keyring is not a record. */
export const describeTally = (tally: Tally) =>
  CONTENT_KINDS.filter((kind) => kind !== 'keyring' && (tally[kind] ?? 0) > 0).map((kind) =>
    formatCount(tally[kind] ?? 0, KIND_LABELS[kind].one, KIND_LABELS[kind].many),
  )

/**
 * Choose a file, type its passphrase, and have all of it checked (passphrase, every chunk, the
 * manifest, every row) before anything is shown as restorable. Nothing is written here.
 */
export const RestoreCheck = ({
  onChecked,
  submitLabel = 'Check this backup',
}: {
  onChecked: (checked: CheckedBackup) => void
  submitLabel?: string
}) => {
  const id = useId()
  const [file, setFile] = useState<File | null>(null)
  const [passphrase, setPassphrase] = useState('')
  const [progress, setProgress] = useState<number | null>(null)
  const { busy, error, setError, run } = usePendingAction()

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (file === null) return setError('Choose a backup file first.')
    void run(async () => {
      setProgress(0)
      try {
        const backup = await openBackup(file, passphrase, {
          derive: deriveInWorker,
          onProgress: ({ bytes, total }) => setProgress(total > 0 ? bytes / total : 1),
        })
        try {
          const contents = await inspectSections(backup.sections())
          onChecked({ backup, contents, fileName: file.name, passphrase })
        } catch (failure) {
          backup.close()
          throw failure
        }
      } finally {
        setProgress(null)
      }
    })
  }

  return (
    <form className="form" onSubmit={submit} aria-busy={busy}>
      <label className="field">
        <span>Backup file</span>
        <input
          type="file"
          accept=".hbk,application/octet-stream"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </label>
      <label className="field">
        <span>The backup’s passphrase</span>
        <input
          type="password"
          autoComplete="off"
          required
          value={passphrase}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setPassphrase(e.target.value)}
        />
      </label>
      <p className="muted" id={`${id}-hint`}>
        The one typed when the backup was made; it may differ from the vault’s. Nothing changes until you
        choose how to restore.
      </p>
      {progress !== null && (
        <progress className="backup-progress" max={1} value={progress} aria-label="Checking the backup" />
      )}
      <FormError error={error} />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Checking every part…' : submitLabel}
      </button>
    </form>
  )
}

/** What a checked backup holds, shown before anything is written. */
export const BackupPreview = ({ checked }: { checked: CheckedBackup }) => {
  const { backup, contents, fileName } = checked
  const kinds = describeTally(contents.counts)
  return (
    <div className="backup-preview" role="status">
      <p>
        <span className="chip chip-ok">Checked</span> <strong>{fileName}</strong>: made{' '}
        {formatDateTime(backup.header.createdAt)} by Hearth {backup.header.appVersion}. Every part is intact.
      </p>
      <ul className="record-counts" aria-label="In this backup">
        {kinds.length === 0 ? <li>No records</li> : kinds.map((line) => <li key={line}>{line}</li>)}
      </ul>
      {contents.unknownKinds.length > 0 && (
        <p className="muted">
          It also holds kinds of records this version does not know ({contents.unknownKinds.join(', ')});
          those are left out.
        </p>
      )}
    </div>
  )
}
