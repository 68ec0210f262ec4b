import { describe, expect, test } from 'vitest'
import { TEST_KEY } from '../testing/builders.ts'
import { freshStorePerTest } from '../testing/fresh-store-per-test.ts'
import { events, tables } from './index.ts'
import {
  DEFAULT_LOCK,
  DEFAULT_PRIVACY,
  DEFAULT_SETTINGS,
  type PrivacySettings,
  SETTINGS_ID,
  settings$,
  settingsFields,
} from './settings.ts'

const useStore = freshStorePerTest()

/** `v1.UserNameChanged` with the name sealed, as the app commits it. */
const userNameChanged = (userName: string) =>
  events.userNameChanged(settingsFields.seal(TEST_KEY, SETTINGS_ID, { userName }))

/** The settings as the app shows them: the user's name opened (a row that has none keeps ''). */
const openedSettings = () => {
  const { unreadable, ...opened } = settingsFields.openStrict(TEST_KEY, useStore().query(settings$))
  expect(unreadable).toBe(false)
  return opened
}

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
    store.commit(userNameChanged('Sam'))
    expect(openedSettings()).toEqual({ ...DEFAULT_SETTINGS, userName: 'Sam' })
    expect(store.query(settings$).userName).toMatch(/^hv1\./)
    expect(store.query(tables.settings.count())).toBe(1)
  })

  test('each section event updates its own section and leaves the others as they were', () => {
    const store = useStore()
    store.commit(events.privacySettingsChanged({ privacy }))
    expect(store.query(settings$)).toEqual({ ...DEFAULT_SETTINGS, privacy })

    store.commit(events.lockSettingsChanged({ lock: { autoLockMinutes: 5, lockOnHide: true } }))
    store.commit(userNameChanged('Sam'))
    store.commit(events.appearanceChanged({ appearance: { theme: 'dark' } }))
    store.commit(events.lifecycleSettingsChanged({ lifecycle: { hotDays: 3, coldDays: 60 } }))
    const consolidation = { proposeAt: 0.85, autoMerge: true, autoMergeAt: 0.95 }
    store.commit(events.consolidationSettingsChanged({ consolidation }))
    expect(openedSettings()).toEqual({
      id: DEFAULT_SETTINGS.id,
      userName: 'Sam',
      privacy,
      lock: { autoLockMinutes: 5, lockOnHide: true },
      appearance: { theme: 'dark' },
      lastBackupAt: null,
      lifecycle: { hotDays: 3, coldDays: 60 },
      searchModel: null,
      defaultModel: '',
      defaultApiKey: null,
      modelPrices: [],
      consolidation,
    })

    store.commit(userNameChanged('Samantha'))
    store.commit(events.lockSettingsChanged({ lock: DEFAULT_LOCK }))
    expect(openedSettings()).toEqual({
      id: DEFAULT_SETTINGS.id,
      userName: 'Samantha',
      privacy,
      lock: DEFAULT_LOCK,
      appearance: { theme: 'dark' },
      lastBackupAt: null,
      lifecycle: { hotDays: 3, coldDays: 60 },
      searchModel: null,
      defaultModel: '',
      defaultApiKey: null,
      modelPrices: [],
      consolidation,
    })
    expect(store.query(tables.settings.count())).toBe(1)
  })

  test('a backup records its date and leaves every other section as it was', () => {
    const store = useStore()
    store.commit(events.appearanceChanged({ appearance: { theme: 'dark' } }))
    store.commit(events.backupMade({ at: 1234 }))
    expect(store.query(settings$)).toEqual({
      ...DEFAULT_SETTINGS,
      appearance: { theme: 'dark' },
      lastBackupAt: 1234,
    })
    store.commit(events.backupMade({ at: 5678 }))
    expect(store.query(settings$).lastBackupAt).toBe(5678)
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
