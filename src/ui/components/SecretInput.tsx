import { type InputHTMLAttributes, useState } from 'react'

/**
 * A masked text field for secrets that are not the person's own login (an API key). Not
 * `type="password"`: the browser's password manager would offer to save it — and Chromium writes
 * the text field before it (here, the endpoint URL) into its "Login Data" as a username, in
 * plaintext, outside Hearth's encryption. Masking is done with CSS instead, with a Show toggle.
 */
export const SecretInput = ({
  label,
  ...input
}: { label: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) => {
  const [shown, setShown] = useState(false)
  return (
    <span className="secret-input">
      <input
        {...input}
        type="text"
        aria-label={label}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        data-1p-ignore
        data-lpignore="true"
        className={shown ? undefined : 'masked'}
      />
      <button
        type="button"
        className="button button-small"
        aria-pressed={shown}
        onClick={() => setShown((s) => !s)}
      >
        {shown ? 'Hide' : 'Show'}
      </button>
    </span>
  )
}
