import { type Keyring, parseKeyring } from './keyring.ts'
import { VaultError } from './vault-error.ts'

/**
 * Where the keyring lives: `localStorage`, outside the event log. The log holds only sealed data,
 * and the keyring must be readable before the store opens (it is what unlocks it). Keeping it out of
 * the log also means changing the passphrase replaces it outright, leaving no old wrap behind in
 * history. One `setItem` replaces it atomically, and other tabs hear of it through `storage` events.
 */
export const KEYRING_STORAGE_KEY = 'hearth.keyring.v1'

/** The saved keyring, or `null` if this device has none yet. Throws the `VaultError` if it is damaged. */
export const loadKeyring = (storage: Storage = localStorage): Keyring | null => {
  const saved = storage.getItem(KEYRING_STORAGE_KEY)
  if (saved === null) return null
  let value: unknown
  try {
    value = JSON.parse(saved)
  } catch {
    throw new VaultError(
      'bad-keyring',
      "The vault's saved keys on this device are damaged: they are not readable.",
    )
  }
  return parseKeyring(value)
}

export const saveKeyring = (keyring: Keyring, storage: Storage = localStorage): void => {
  storage.setItem(KEYRING_STORAGE_KEY, JSON.stringify(keyring))
}

/**
 * Calls `callback` when another tab saves or removes the keyring (a tab never hears its own
 * writes). Read the new one with `loadKeyring`. Returns the function that stops listening.
 */
export const onKeyringChange = (
  callback: () => void,
  storage: Storage = localStorage,
  target: EventTarget = window,
): (() => void) => {
  const listener = (event: Event) => {
    const { key, storageArea } = event as StorageEvent
    // `key` is null when the whole storage was cleared, which removes the keyring too.
    if ((key === KEYRING_STORAGE_KEY || key === null) && storageArea === storage) callback()
  }
  target.addEventListener('storage', listener)
  return () => target.removeEventListener('storage', listener)
}
