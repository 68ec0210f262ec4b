import { events } from '../schema/index.ts'
import { type LockSettings, SETTINGS_ID, settingsFields } from '../schema/settings.ts'
import type { DataKey } from '../vault/envelope.ts'
import { CommandError } from './command-error.ts'
import type { HearthStore } from './store.ts'

/** Auto-lock: whole minutes from 1 to a day, or 0 for never. */
export const setLockSettings = (store: HearthStore, lock: LockSettings) => {
  const minutes = lock.autoLockMinutes
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) {
    throw new CommandError('Auto-lock takes whole minutes from 1 to 1440, or 0 to never lock by itself.')
  }
  store.commit(events.lockSettingsChanged({ lock }))
}

export const setUserName = (store: HearthStore, key: DataKey, userName: string) => {
  const name = userName.trim()
  if (name.length > 200) throw new CommandError('That name is too long (more than 200 characters).')
  store.commit(events.userNameChanged(settingsFields.seal(key, SETTINGS_ID, { userName: name })))
}
