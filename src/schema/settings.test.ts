import { describe, expect, test } from 'vitest'
import { freshStorePerTest } from '../testing/fresh-store-per-test.ts'
import { events, tables } from './index.ts'
import {
  DEFAULT_LOCK,
  DEFAULT_PRIVACY,
  DEFAULT_SETTINGS,
  type PrivacySettings,
  settings$,
} from './settings.ts'

const useStore = freshStorePerTest()

const privacy: PrivacySettings = {
  memoryEnabled: false,
  incognito: true,
  retentionDays: { conversations: 30, memories: null, workflowRuns: 7, notifications: 1, facts: 365 },
}

describe('settings$', () => {
  test('before any settings event it falls back to the defaults, without writing a row', () => {
    const store = useStore()
    expect(store.query(settings$)).toEqual(DEFAULT_SETTINGS)
    expect(store.query(settings$)).toMatchObject({
      userName: '',
      privacy: { memoryEnabled: true, incognito: false, retentionDays: { conversations: 90, facts: null } },
      lock: { autoLockMinutes: 15 },
      appearance: { theme: 'system' },
    })
    expect(store.query(tables.settings.count())).toBe(0)
  })

  test('the first section event creates the row with defaults for the other sections', () => {
    const store = useStore()
    store.commit(events.userNameChanged({ userName: 'Sam' }))
    expect(store.query(settings$)).toEqual({ ...DEFAULT_SETTINGS, userName: 'Sam' })
    expect(store.query(tables.settings.count())).toBe(1)
  })

  test('each section event updates its own section and leaves the others as they were', () => {
    const store = useStore()
    store.commit(events.privacySettingsChanged({ privacy }))
    expect(store.query(settings$)).toEqual({ ...DEFAULT_SETTINGS, privacy })

    store.commit(events.lockSettingsChanged({ lock: { autoLockMinutes: 5, lockOnHide: true } }))
    store.commit(events.userNameChanged({ userName: 'Sam' }))
    store.commit(events.appearanceChanged({ appearance: { theme: 'dark' } }))
    expect(store.query(settings$)).toEqual({
      id: DEFAULT_SETTINGS.id,
      userName: 'Sam',
      privacy,
      lock: { autoLockMinutes: 5, lockOnHide: true },
      appearance: { theme: 'dark' },
    })

    store.commit(events.userNameChanged({ userName: 'Samantha' }))
    store.commit(events.lockSettingsChanged({ lock: DEFAULT_LOCK }))
    expect(store.query(settings$)).toEqual({
      id: DEFAULT_SETTINGS.id,
      userName: 'Samantha',
      privacy,
      lock: DEFAULT_LOCK,
      appearance: { theme: 'dark' },
    })
    expect(store.query(tables.settings.count())).toBe(1)
  })

  test('changing the appearance first keeps default privacy and lock', () => {
    const store = useStore()
    store.commit(events.appearanceChanged({ appearance: { theme: 'light' } }))
    const current = store.query(settings$)
    expect(current.appearance).toEqual({ theme: 'light' })
    expect(current.privacy).toEqual(DEFAULT_PRIVACY)
    expect(current.lock).toEqual(DEFAULT_LOCK)
  })
})
