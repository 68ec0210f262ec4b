import { type FormEvent, useEffect, useState } from 'react'
import type { DataKey } from '../../vault/envelope.ts'
import { deriveInWorker, warmUpKdf } from '../../vault/kdf-client.ts'
import { createKeyring, type Keyring } from '../../vault/keyring.ts'
import { saveKeyring } from '../../vault/keyring-store.ts'
import { displayRecoveryCode } from '../../vault/recovery-code.ts'
import { RestoreIntoNewVault } from '../backup/RestoreIntoNewVault.tsx'
import { FormError } from '../components/FormError.tsx'
import { usePendingAction } from '../components/use-pending-action.ts'
import { newPassphraseProblem, PassphraseFields } from './PassphraseFields.tsx'
import { RecoveryCodeView } from './RecoveryCodeView.tsx'
import { VaultCard } from './VaultCard.tsx'

type Created = { keyring: Keyring; dataKey: DataKey; recoveryCode: string }

/** First run: a passphrase before anything is stored, then the recovery code, shown once. */
export const SetupScreen = ({ onCreated }: { onCreated: (keyring: Keyring, key: DataKey) => void }) => {
  const [passphrase, setPassphrase] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const { busy, error, setError, run } = usePendingAction()
  const [created, setCreated] = useState<Created | null>(null)
  const [restoring, setRestoring] = useState(false)
  useEffect(warmUpKdf, [])

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const problem = newPassphraseProblem(passphrase, confirmation)
    if (problem !== null) return setError(problem)
    void run(async () => {
      const result = await createKeyring(passphrase, deriveInWorker, Date.now())
      // Saved before the code is shown: closing the tab now leaves a vault the passphrase opens.
      saveKeyring(result.keyring)
      setCreated(result)
    })
  }

  if (created !== null) {
    return (
      <VaultCard title="Your recovery code">
        <RecoveryCodeView
          code={displayRecoveryCode(created.recoveryCode)}
          createdAt={created.keyring.createdAt}
          doneLabel="Open Hearth"
          onDone={() => onCreated(created.keyring, created.dataKey)}
        />
      </VaultCard>
    )
  }

  if (restoring) {
    return (
      <VaultCard title="Restore from a backup">
        <p>
          Your data and your vault’s key come back from the file: afterwards the vault passphrase you used
          before unlocks Hearth here.
        </p>
        <RestoreIntoNewVault onRestored={onCreated} onCancel={() => setRestoring(false)} />
      </VaultCard>
    )
  }

  return (
    <VaultCard title="Welcome to Hearth">
      <p>
        Everything you keep here is encrypted in this browser with a key only your passphrase opens. Nobody —
        not even Hearth — can recover it without the passphrase or the recovery code you get next.
      </p>
      <form className="form" onSubmit={submit} aria-busy={busy}>
        <PassphraseFields
          label="Choose a passphrase"
          passphrase={passphrase}
          confirmation={confirmation}
          onPassphrase={setPassphrase}
          onConfirmation={setConfirmation}
          autoFocus
        />
        <FormError error={error} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating your key…' : 'Create my encrypted vault'}
        </button>
      </form>
      <p>
        Have a backup file?{' '}
        <button type="button" className="button" onClick={() => setRestoring(true)}>
          Restore from a backup
        </button>
      </p>
    </VaultCard>
  )
}
