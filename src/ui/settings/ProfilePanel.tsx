import { type FormEvent, useState } from 'react'
import { setUserName, USER_NAME_MAX } from '../../commands/settings.ts'
import { settings$, settingsFields } from '../../schema/settings.ts'
import { useAppStore } from '../../store/app-store.ts'
import { useCommand, useToast } from '../components/Toasts.tsx'
import { useDataKey, useOpenedOne } from '../vault/vault-session.tsx'

/** The person's name, sealed like everything they write. */
export const ProfilePanel = () => {
  const store = useAppStore()
  const settings = useOpenedOne(store.useQuery(settings$), settingsFields.open)
  // An unreadable name starts the field empty rather than with the warning text as a name.
  const stored = settings === undefined || settings.unreadable ? '' : settings.userName
  return (
    <section className="panel" aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <p>What Hearth and your personas call you. Stored encrypted, like everything you write here.</p>
      {settings?.unreadable && (
        <p className="field-error">
          Your stored name could not be opened (⚠ unreadable); saving replaces it.
        </p>
      )}
      {/* A new stored name (saved here or in another tab) starts the form afresh from it. */}
      <NameForm key={stored} stored={stored} />
    </section>
  )
}

const NameForm = ({ stored }: { stored: string }) => {
  const store = useAppStore()
  const key = useDataKey()
  const run = useCommand()
  const toast = useToast()
  const [name, setName] = useState(stored)

  const save = (e: FormEvent) => {
    e.preventDefault()
    if (run(() => setUserName(store, key, name))) {
      toast({ tone: 'info', message: name.trim() === '' ? 'Your name is cleared.' : 'Your name is saved.' })
    }
  }

  return (
    <form className="form-row profile-form" onSubmit={save}>
      <label className="field field-grow">
        <span>Your name</span>
        {/* No autofill: the browser would keep what is typed here in its own, unencrypted store. */}
        <input
          autoComplete="off"
          maxLength={USER_NAME_MAX}
          placeholder="How should Hearth address you?"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <button type="submit" className="button" disabled={name.trim() === stored}>
        Save name
      </button>
    </form>
  )
}
