import { type FormEvent, useState } from 'react'
import { setLockSettings } from '../../commands/settings.ts'
import { settings$ } from '../../schema/settings.ts'
import { useAppStore } from '../../store/app-store.ts'
import { deriveInWorker } from '../../vault/kdf-client.ts'
import { changePassphrase, replaceRecoveryCode, unlockWithPassphrase } from '../../vault/keyring.ts'
import { saveKeyring } from '../../vault/keyring-store.ts'
import { displayRecoveryCode } from '../../vault/recovery-code.ts'
import { FormError } from '../components/FormError.tsx'
import { useCommand, useToast } from '../components/Toasts.tsx'
import { usePendingAction } from '../components/use-pending-action.ts'
import { newPassphraseProblem, PassphraseFields } from '../vault/PassphraseFields.tsx'
import { RecoveryCodeView } from '../vault/RecoveryCodeView.tsx'
import { useVault } from '../vault/vault-session.tsx'

/** Lock settings, passphrase change and a new recovery code. */
export const SecurityPanel = () => (
  <>
    <LockPanel />
    <PassphrasePanel />
    <RecoveryPanel />
  </>
)

const LockPanel = () => {
  const store = useAppStore()
  const { lock } = store.useQuery(settings$)
  const { lock: lockNow } = useVault()
  const run = useCommand()
  const [minutes, setMinutes] = useState(String(lock.autoLockMinutes))

  const save = (e: FormEvent) => {
    e.preventDefault()
    run(() => setLockSettings(store, { ...lock, autoLockMinutes: Number(minutes) }))
  }

  return (
    <section className="panel" aria-labelledby="lock-title">
      <h2 id="lock-title">Lock</h2>
      <p>Locking drops the key from memory in every Hearth tab; your passphrase opens it again.</p>
      <form className="form-row" onSubmit={save}>
        <label className="field">
          <span>Lock after idle (minutes, 0 = never)</span>
          <input
            type="number"
            min={0}
            max={1440}
            step={1}
            required
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
        </label>
        <button type="submit" className="button">
          Save
        </button>
      </form>
      <label className="check">
        <input
          type="checkbox"
          checked={lock.lockOnHide}
          onChange={(e) => run(() => setLockSettings(store, { ...lock, lockOnHide: e.target.checked }))}
        />
        Lock when no Hearth tab is in front (minimised window or another app)
      </label>
      <div>
        <button type="button" className="button" onClick={lockNow}>
          Lock now
        </button>
      </div>
    </section>
  )
}

const PassphrasePanel = () => {
  const { key, keyring, replaceKeyring } = useVault()
  const toast = useToast()
  const [current, setCurrent] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const { busy, error, setError, run } = usePendingAction()

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const problem = newPassphraseProblem(passphrase, confirmation)
    if (problem !== null) return setError(problem)
    void run(async () => {
      // Asking for the current passphrase keeps someone at an unlocked screen from taking over.
      await unlockWithPassphrase(keyring, current, deriveInWorker)
      const next = await changePassphrase(keyring, key, passphrase, deriveInWorker, Date.now())
      saveKeyring(next)
      replaceKeyring(next)
      setCurrent('')
      setPassphrase('')
      setConfirmation('')
      toast({ tone: 'info', message: 'Passphrase changed. The old one no longer unlocks Hearth.' })
    })
  }

  return (
    <section className="panel" aria-labelledby="passphrase-title">
      <h2 id="passphrase-title">Change passphrase</h2>
      <p>Instant at any amount of data: only the wrapping of your key changes, not your data.</p>
      <form className="form form-narrow" onSubmit={submit} aria-busy={busy}>
        <label className="field">
          <span>Current passphrase</span>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
        <PassphraseFields
          label="New passphrase"
          passphrase={passphrase}
          confirmation={confirmation}
          onPassphrase={setPassphrase}
          onConfirmation={setConfirmation}
        />
        <FormError error={error} />
        <div>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Changing…' : 'Change passphrase'}
          </button>
        </div>
      </form>
    </section>
  )
}

const RecoveryPanel = () => {
  const { key, keyring, replaceKeyring } = useVault()
  const [code, setCode] = useState<string | null>(null)
  const { busy, error, run } = usePendingAction()

  const replace = () =>
    run(async () => {
      const next = await replaceRecoveryCode(keyring, key, deriveInWorker, Date.now())
      saveKeyring(next.keyring)
      replaceKeyring(next.keyring)
      setCode(displayRecoveryCode(next.recoveryCode))
    })

  return (
    <section className="panel" aria-labelledby="recovery-title">
      <h2 id="recovery-title">Recovery code</h2>
      {code === null ? (
        <>
          <p>
            Lost your recovery code, or think someone saw it? Make a new one: the old code stops working at
            once.
          </p>
          <FormError error={error} />
          <div>
            <button type="button" className="button" disabled={busy} onClick={() => void replace()}>
              {busy ? 'Making a new code…' : 'Make a new recovery code'}
            </button>
          </div>
        </>
      ) : (
        <RecoveryCodeView code={code} createdAt={Date.now()} doneLabel="Done" onDone={() => setCode(null)} />
      )}
    </section>
  )
}
