import { type FormEvent, useEffect, useState } from 'react'
import type { DataKey } from '../../vault/envelope.ts'
import { deriveInWorker, warmUpKdf } from '../../vault/kdf-client.ts'
import {
  changePassphrase,
  type Keyring,
  unlockWithPassphrase,
  unlockWithRecoveryCode,
} from '../../vault/keyring.ts'
import { saveKeyring } from '../../vault/keyring-store.ts'
import { clearThrottle, loadThrottle, recordFailure } from '../../vault/unlock-throttle.ts'
import { VaultError } from '../../vault/vault-error.ts'
import { FormError } from '../components/FormError.tsx'
import { usePendingAction } from '../components/use-pending-action.ts'
import { newPassphraseProblem, PassphraseFields } from './PassphraseFields.tsx'
import { VaultCard } from './VaultCard.tsx'

type Props = { keyring: Keyring; onUnlocked: (key: DataKey, keyring: Keyring) => void }

/** Seconds left until `notBefore`, ticking down while there are any. */
const useSecondsUntil = (notBefore: number) => {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (notBefore <= now) return
    const timer = setTimeout(() => setNow(Date.now()), Math.min(1000, notBefore - now))
    return () => clearTimeout(timer)
  }, [notBefore, now])
  return Math.max(0, Math.ceil((notBefore - now) / 1000))
}

export const UnlockScreen = ({ keyring, onUnlocked }: Props) => {
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase')
  useEffect(warmUpKdf, [])
  return mode === 'passphrase' ? (
    <PassphraseUnlock keyring={keyring} onUnlocked={onUnlocked} onForgot={() => setMode('recovery')} />
  ) : (
    <RecoveryUnlock keyring={keyring} onUnlocked={onUnlocked} onBack={() => setMode('passphrase')} />
  )
}

const PassphraseUnlock = ({ keyring, onUnlocked, onForgot }: Props & { onForgot: () => void }) => {
  const [passphrase, setPassphrase] = useState('')
  const { busy, error, run } = usePendingAction()
  const [throttle, setThrottle] = useState(loadThrottle)
  const wait = useSecondsUntil(throttle.notBefore)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (wait > 0 || busy) return
    void run(async () => {
      try {
        const key = await unlockWithPassphrase(keyring, passphrase, deriveInWorker)
        setThrottle(clearThrottle())
        onUnlocked(key, keyring)
      } catch (failure) {
        if (failure instanceof VaultError && failure.code === 'wrong-passphrase') {
          setThrottle((t) => recordFailure(t, Date.now()))
          setPassphrase('')
        }
        throw failure
      }
    })
  }

  return (
    <VaultCard title="Hearth is locked">
      <p>Enter your passphrase to open your data.</p>
      <form className="form" onSubmit={submit} aria-busy={busy}>
        <label className="field">
          <span>Passphrase</span>
          <input
            type="password"
            autoComplete="current-password"
            required
            // biome-ignore lint/a11y/noAutofocus: the one thing to do on a lock screen is type the passphrase
            autoFocus
            value={passphrase}
            aria-invalid={error !== null}
            aria-describedby={error !== null ? 'unlock-error' : undefined}
            onChange={(e) => setPassphrase(e.target.value)}
          />
        </label>
        <FormError
          id="unlock-error"
          error={
            error === null || throttle.failures < 2
              ? error
              : `${error} (${throttle.failures} wrong attempts.)`
          }
        />
        <button type="submit" className="button button-primary" disabled={busy || wait > 0}>
          {busy ? 'Unlocking…' : wait > 0 ? `Try again in ${wait} s` : 'Unlock'}
        </button>
      </form>
      <button type="button" className="link-button" onClick={onForgot}>
        Forgot your passphrase? Use your recovery code
      </button>
    </VaultCard>
  )
}

const RecoveryUnlock = ({ keyring, onUnlocked, onBack }: Props & { onBack: () => void }) => {
  const [code, setCode] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const { busy, error, setError, run } = usePendingAction()

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const problem = newPassphraseProblem(passphrase, confirmation)
    if (problem !== null) return setError(problem)
    void run(async () => {
      const key = await unlockWithRecoveryCode(keyring, code, deriveInWorker)
      // The forgotten passphrase stops working: the new one replaces its wrapping of the key.
      const next = await changePassphrase(keyring, key, passphrase, deriveInWorker, Date.now())
      saveKeyring(next)
      onUnlocked(key, next)
    })
  }

  return (
    <VaultCard title="Unlock with your recovery code">
      <p>Type the recovery code you saved when you set Hearth up, and choose a new passphrase.</p>
      <form className="form" onSubmit={submit} aria-busy={busy}>
        <label className="field">
          <span>Recovery code</span>
          <input
            required
            autoComplete="off"
            spellCheck={false}
            // biome-ignore lint/a11y/noAutofocus: the person came here to type this code
            autoFocus
            className="mono"
            placeholder="XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX"
            value={code}
            onChange={(e) => setCode(e.target.value)}
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
        <div className="form-row">
          <button type="button" className="button" onClick={onBack} disabled={busy}>
            Back
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Unlocking…' : 'Unlock and set passphrase'}
          </button>
        </div>
      </form>
    </VaultCard>
  )
}
