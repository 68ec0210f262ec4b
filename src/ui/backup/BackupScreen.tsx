import { type FormEvent, useState } from 'react'
import { clearAllData, type RestoreSummary, restoreSections } from '../../backup/restore.ts'
import { recordCounts$ } from '../../schema/overview.ts'
import { settings$ } from '../../schema/settings.ts'
import { useAppStore } from '../../store/app-store.ts'
import { FormError } from '../components/FormError.tsx'
import { usePendingAction } from '../components/use-pending-action.ts'
import { formatDateTime } from '../format.ts'
import { newPassphraseProblem, PassphraseFields } from '../vault/PassphraseFields.tsx'
import { useVault } from '../vault/vault-session.tsx'
import { saveBackup } from './backup-file.ts'
import { PlainExportPanel } from './PlainExportPanel.tsx'
import {
  BackupPreview,
  type CheckedBackup,
  describeTally,
  RestoreCheck,
  tallyTotal,
} from './RestoreCheck.tsx'
import '../storage/storage.css'
import './backup.css'

const BackupPanel = () => {
  const store = useAppStore()
  const { key, keyring } = useVault()
  const { lastBackupAt } = store.useQuery(settings$)
  const counts = store.useQuery(recordCounts$)
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0)
  const [passphrase, setPassphrase] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [rows, setRows] = useState<number | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const { busy, error, setError, run } = usePendingAction()

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const problem = newPassphraseProblem(passphrase, confirmation)
    if (problem !== null) return setError(problem)
    setDone(null)
    void run(async () => {
      setRows(0)
      try {
        const saved = await saveBackup({
          store,
          key,
          keyring,
          passphrase,
          onProgress: (p) => setRows(p.rows),
        })
        setDone(
          saved ? 'Backup saved. Keep it somewhere other than this device.' : 'Cancelled: nothing saved.',
        )
      } finally {
        setRows(null)
      }
    })
  }

  return (
    <section className="panel" aria-labelledby="backup-title">
      <h2 id="backup-title">Back up</h2>
      <p>
        One encrypted file holds everything: personas (with their API keys), memories, conversations,
        workflows, documents, notifications, settings and your vault’s key, so the vault passphrase opens it
        in a fresh browser too.
      </p>
      <p>
        {lastBackupAt === null
          ? 'No backup has been made on this device yet.'
          : `Last backup: ${formatDateTime(lastBackupAt)}.`}
      </p>
      <form className="form" onSubmit={submit} aria-busy={busy}>
        <PassphraseFields
          label="A passphrase for this backup"
          passphrase={passphrase}
          confirmation={confirmation}
          onPassphrase={setPassphrase}
          onConfirmation={setConfirmation}
        />
        <p className="muted">
          It may differ from the vault’s. Without it the file cannot be opened by anyone.
        </p>
        {rows !== null && (
          <progress
            className="backup-progress"
            max={Math.max(total, 1)}
            value={Math.min(rows, total)}
            aria-label="Backing up"
          />
        )}
        <FormError error={error} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Backing up…' : 'Make a backup'}
        </button>
      </form>
      {done !== null && <p role="status">{done}</p>}
    </section>
  )
}

const summaryText = ({ added, kept }: RestoreSummary) => {
  const addedLines = describeTally(added)
  const keptTotal = tallyTotal(kept)
  return `Restored: added ${tallyTotal(added)} record${tallyTotal(added) === 1 ? '' : 's'}${
    addedLines.length > 0 ? ` (${addedLines.join(', ')})` : ''
  }, kept ${keptTotal} already here.`
}

const RestorePanel = () => {
  const store = useAppStore()
  const { key, keyring } = useVault()
  const [checked, setChecked] = useState<CheckedBackup | null>(null)
  const [confirmReplace, setConfirmReplace] = useState(false)
  const [rows, setRows] = useState<number | null>(null)
  const [summary, setSummary] = useState<string | null>(null)
  const { busy, error, run } = usePendingAction()

  const apply = (mode: 'merge' | 'replace') => {
    if (checked === null) return
    void run(async () => {
      setRows(0)
      try {
        if (mode === 'replace') {
          // A safety backup of what is here now, with the same passphrase, before anything goes.
          const saved = await saveBackup({
            store,
            key,
            keyring,
            passphrase: checked.passphrase,
            via: 'download',
          })
          if (!saved) return
          await clearAllData(store)
        }
        const result = await restoreSections(store, key, checked.backup.sections(), {
          mode,
          onProgress: setRows,
        })
        checked.backup.close()
        setChecked(null)
        setConfirmReplace(false)
        setSummary(summaryText(result))
      } finally {
        setRows(null)
      }
    })
  }

  return (
    <section className="panel" aria-labelledby="restore-title">
      <h2 id="restore-title">Restore</h2>
      {checked === null ? (
        <>
          <p>Hearth checks the whole file and shows what it holds before it changes anything.</p>
          <RestoreCheck
            onChecked={(next) => {
              setSummary(null)
              setChecked(next)
            }}
          />
        </>
      ) : (
        <>
          <BackupPreview checked={checked} />
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
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              onClick={() => apply('merge')}
            >
              Merge into what is here
            </button>
            {confirmReplace ? (
              <button
                type="button"
                className="button button-danger"
                disabled={busy}
                onClick={() => apply('replace')}
              >
                Save a safety backup, then replace everything
              </button>
            ) : (
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => setConfirmReplace(true)}
              >
                Replace…
              </button>
            )}
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => {
                checked.backup.close()
                setChecked(null)
                setConfirmReplace(false)
              }}
            >
              Cancel
            </button>
          </div>
          <p className="muted">
            Merge keeps every record already here and adds the backup’s others.
            {confirmReplace &&
              ' Replace first downloads a backup of what is here now (same passphrase), then removes it all and restores the file.'}
          </p>
        </>
      )}
      {summary !== null && <p role="status">{summary}</p>}
    </section>
  )
}

/** Backup and restore: `#/backup`, linked from Storage and the command palette. */
export const BackupScreen = () => (
  <section className="screen backup" aria-labelledby="backup-screen-title">
    <div className="screen-header">
      <h1 id="backup-screen-title">Backup</h1>
    </div>
    <p className="screen-lead">
      Hearth’s data lives only in this browser. A backup file is how it survives a cleared browser or a new
      device.
    </p>
    <BackupPanel />
    <RestorePanel />
    <PlainExportPanel />
  </section>
)
