import { useState } from 'react'

const downloadText = (filename: string, text: string) => {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.click()
  URL.revokeObjectURL(url)
}

const recoverySheet = (code: string, createdAt: number) =>
  [
    'Hearth recovery code',
    '',
    code,
    '',
    `Created ${new Date(createdAt).toLocaleString()}.`,
    'It unlocks your Hearth data in this browser if you forget your passphrase.',
    'Keep it somewhere safe and private: anyone with it and your device can read your data.',
    '',
  ].join('\n')

/** Shows a new recovery code once, with download and print, and waits until the person has kept it. */
export const RecoveryCodeView = ({
  code,
  createdAt,
  onDone,
  doneLabel,
}: {
  code: string
  createdAt: number
  onDone: () => void
  doneLabel: string
}) => {
  const [saved, setSaved] = useState(false)
  return (
    <div className="recovery">
      <p>
        This code unlocks your data if you forget your passphrase. <strong>It is shown only now.</strong>{' '}
        Download it or print it, and keep it somewhere safe and private.
      </p>
      <output className="recovery-code" aria-label="Recovery code">
        {code}
      </output>
      <div className="form-row">
        <button
          type="button"
          className="button"
          onClick={() => downloadText('hearth-recovery-code.txt', recoverySheet(code, createdAt))}
        >
          Download
        </button>
        <button type="button" className="button" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <label className="check">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />I have saved my
        recovery code
      </label>
      <button type="button" className="button button-primary" disabled={!saved} onClick={onDone}>
        {doneLabel}
      </button>
    </div>
  )
}
