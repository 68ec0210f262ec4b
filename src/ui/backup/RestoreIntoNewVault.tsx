import { type FormEvent, Suspense, useState } from 'react'
import { restoreSections } from '../../backup/restore.ts'
import { useAppStore } from '../../store/app-store.ts'
import { browserKeyringShare, opfsKeyPages } from '../../vault/browser-key-pages.ts'
import type { DataKey } from '../../vault/envelope.ts'
import { deriveInWorker } from '../../vault/kdf-client.ts'
import { type Keyring, unlockWithPassphrase } from '../../vault/keyring.ts'
import { saveKeyring } from '../../vault/keyring-store.ts'
import { openRecordKeys } from '../../vault/record-keyring.ts'
import { FormError } from '../components/FormError.tsx'
import { usePendingAction } from '../components/use-pending-action.ts'
import { BackupPreview, type CheckedBackup, RestoreCheck, tallyTotal } from './RestoreCheck.tsx'
import '../storage/storage.css'
import './backup.css'

type Props = { onRestored: (keyring: Keyring, key: DataKey) => void; onCancel: () => void }

/**
 * A fresh browser: the backup's keyring is adopted, so the vault passphrase of the device the backup
 * came from unlocks here too; then its records are imported, sealed with that same key.
 */
const RestoreSteps = ({ onRestored, onCancel }: Props) => {
  const store = useAppStore()
  const [checked, setChecked] = useState<CheckedBackup | null>(null)
  const [vaultPassphrase, setVaultPassphrase] = useState('')
  const [rows, setRows] = useState<number | null>(null)
  const { busy, error, run } = usePendingAction()

  if (checked === null) {
    return (
      <>
        <RestoreCheck onChecked={setChecked} />
        <div className="panel-actions">
          <button type="button" className="button" onClick={onCancel}>
            Back
          </button>
        </div>
      </>
    )
  }
  const { keyring } = checked.contents
  const cancel = () => {
    checked.backup.close()
    setChecked(null)
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (keyring === null) return
    void run(async () => {
      // Wrong passphrase: refused here, before anything is saved or written.
      const key = await unlockWithPassphrase(keyring, vaultPassphrase, deriveInWorker)
      setRows(0)
      // Every restored record is sealed anew under its own record key (src/vault/record-keys.ts).
      const records = await openRecordKeys(key, { storage: opfsKeyPages, share: browserKeyringShare() })
      try {
        await restoreSections(store, { ...key, records }, checked.backup.sections(), {
          mode: 'merge',
          onProgress: setRows,
        })
      } finally {
        records.close()
        setRows(null)
      }
      checked.backup.close()
      // Saved last: a restore cut short leaves the setup screen, not a half-filled vault.
      saveKeyring(keyring)
      onRestored(keyring, key)
    })
  }

  return (
    <>
      <BackupPreview checked={checked} />
      {keyring === null ? (
        <>
          <p className="form-error" role="alert">
            This backup holds no vault key, so it cannot set up a vault here. Create a vault first, then
            restore it from Storage → Backup.
          </p>
          <div className="panel-actions">
            <button type="button" className="button" onClick={cancel}>
              Back
            </button>
          </div>
        </>
      ) : (
        <form className="form" onSubmit={submit} aria-busy={busy}>
          <label className="field">
            <span>Your vault passphrase (from when this backup was made)</span>
            <input
              type="password"
              autoComplete="current-password"
              required
              value={vaultPassphrase}
              onChange={(e) => setVaultPassphrase(e.target.value)}
            />
          </label>
          {rows !== null && (
            <progress
              className="backup-progress"
              max={Math.max(tallyTotal(checked.contents.counts), 1)}
              value={rows}
              aria-label="Restoring"
            />
          )}
          <FormError error={error} />
          <div className="panel-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Restoring…' : 'Unlock and restore'}
            </button>
            <button type="button" className="button" disabled={busy} onClick={cancel}>
              Back
            </button>
          </div>
        </form>
      )}
    </>
  )
}

export const RestoreIntoNewVault = (props: Props) => (
  <Suspense fallback={<p className="muted">Opening Hearth’s database…</p>}>
    <RestoreSteps {...props} />
  </Suspense>
)
