import { useId } from 'react'
import { passphraseStrength } from '../../vault/passphrase-strength.ts'

type Props = {
  label: string
  passphrase: string
  confirmation: string
  onPassphrase: (value: string) => void
  onConfirmation: (value: string) => void
  autoFocus?: boolean
}

/** A new passphrase typed twice, with a strength meter and a hint that says what would help. */
export const PassphraseFields = ({
  label,
  passphrase,
  confirmation,
  onPassphrase,
  onConfirmation,
  autoFocus,
}: Props) => {
  const id = useId()
  const strength = passphraseStrength(passphrase)
  const mismatch = confirmation !== '' && confirmation !== passphrase
  return (
    <>
      <label className="field">
        <span>{label}</span>
        <input
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          // biome-ignore lint/a11y/noAutofocus: on the setup screen this field is the only thing to do
          autoFocus={autoFocus}
          value={passphrase}
          aria-describedby={`${id}-strength`}
          onChange={(e) => onPassphrase(e.target.value)}
        />
      </label>
      <div className="strength" id={`${id}-strength`} aria-live="polite">
        <meter
          min={0}
          max={4}
          low={2}
          high={3}
          optimum={4}
          value={passphrase === '' ? 0 : strength.score}
          aria-label="Passphrase strength"
        />
        <span>
          {passphrase === '' ? (
            'Four or more unrelated words make a passphrase that is strong and easy to remember.'
          ) : (
            <>
              <strong>{strength.label}.</strong> {strength.hint}
            </>
          )}
        </span>
      </div>
      <label className="field">
        <span>Type it again</span>
        <input
          type="password"
          autoComplete="new-password"
          required
          value={confirmation}
          aria-invalid={mismatch}
          aria-describedby={mismatch ? `${id}-mismatch` : undefined}
          onChange={(e) => onConfirmation(e.target.value)}
        />
      </label>
      {mismatch && (
        <p className="field-error" id={`${id}-mismatch`}>
          The two passphrases differ.
        </p>
      )}
    </>
  )
}

/** Why a new passphrase cannot be used yet, or `null` when it can. */
export const newPassphraseProblem = (passphrase: string, confirmation: string): string | null => {
  const strength = passphraseStrength(passphrase)
  if (!strength.acceptable)
    return `That passphrase is too weak (${strength.label.toLowerCase()}). ${strength.hint}`
  if (passphrase !== confirmation) return 'The two passphrases differ.'
  return null
}
