import { describe, expect, test } from 'vitest'
import { tables } from '../schema/index.ts'
import {
  DEFAULT_PRIVACY,
  type PrivacySettings,
  searchModelFields,
  settings$,
  settingsFields,
} from '../schema/settings.ts'
import { TEST_KEY } from '../testing/builders.ts'
import { freshStorePerTest } from '../testing/fresh-store-per-test.ts'
import type { DataKey } from '../vault/envelope.ts'
import { CommandError } from './command-error.ts'
import {
  chooseSearchModel,
  parseRetentionInput,
  RETENTION_KINDS,
  RETENTION_MAX_DAYS,
  setLockSettings,
  setPrivacySettings,
  setTheme,
  setUserName,
} from './settings.ts'

const useStore = freshStorePerTest()

const OTHER_KEY: DataKey = { id: 'otherkey', bytes: new Uint8Array(32).fill(9) }

const privacy = (retentionDays: Partial<PrivacySettings['retentionDays']> = {}): PrivacySettings => ({
  ...DEFAULT_PRIVACY,
  retentionDays: { ...DEFAULT_PRIVACY.retentionDays, ...retentionDays },
})

describe('setUserName', () => {
  test('stores the name trimmed and sealed; it opens back only with the key', () => {
    const store = useStore()
    setUserName(store, TEST_KEY, '  Sam Rivers ')
    const row = store.query(settings$)
    expect(row.userName.startsWith('hv1.')).toBe(true)
    expect(JSON.stringify(store.query(tables.settings.where({})))).not.toContain('Rivers')
    expect(settingsFields.openStrict(TEST_KEY, row).userName).toBe('Sam Rivers')
    expect(settingsFields.open(OTHER_KEY, row)).toMatchObject({ unreadable: true, userName: '⚠ unreadable' })
  })

  test('an empty name is allowed (Hearth then calls you nothing); an overlong one is refused', () => {
    const store = useStore()
    setUserName(store, TEST_KEY, 'Sam')
    setUserName(store, TEST_KEY, '   ')
    expect(settingsFields.openStrict(TEST_KEY, store.query(settings$)).userName).toBe('')
    expect(() => setUserName(store, TEST_KEY, 'x'.repeat(201))).toThrow(/too long/)
  })
})

describe('parseRetentionInput', () => {
  test('empty keeps forever; whole days from 1 to the maximum are taken as typed', () => {
    expect(parseRetentionInput('')).toEqual({ ok: true, days: null })
    expect(parseRetentionInput('  ')).toEqual({ ok: true, days: null })
    expect(parseRetentionInput('30')).toEqual({ ok: true, days: 30 })
    expect(parseRetentionInput(' 1 ')).toEqual({ ok: true, days: 1 })
    expect(parseRetentionInput(String(RETENTION_MAX_DAYS))).toEqual({ ok: true, days: RETENTION_MAX_DAYS })
  })

  test.each(['0', '-5', '3651', '2.5', 'abc', '1e2', '0x10', '30 days'])(
    'refuses %j with a clear message',
    (text) => {
      expect(parseRetentionInput(text)).toEqual({
        ok: false,
        problem: 'Enter whole days from 1 to 3650, or empty to keep forever.',
      })
    },
  )
})

describe('setPrivacySettings', () => {
  test('saves switches and retention per kind of data together', () => {
    const store = useStore()
    const chosen: PrivacySettings = {
      memoryEnabled: false,
      incognito: true,
      retentionDays: { conversations: 30, memories: null, workflowRuns: 7, notifications: 1, facts: 3650 },
    }
    expect(setPrivacySettings(store, chosen)).toBe(true)
    expect(store.query(settings$).privacy).toEqual(chosen)
  })

  test('saving what is already stored writes nothing', () => {
    const store = useStore()
    expect(setPrivacySettings(store, DEFAULT_PRIVACY)).toBe(false)
    expect(store.query(tables.settings.count())).toBe(0)
    setPrivacySettings(store, privacy({ conversations: 30 }))
    expect(setPrivacySettings(store, privacy({ conversations: 30 }))).toBe(false)
  })

  test('resetting to the defaults brings back seed 000’s table', () => {
    const store = useStore()
    setPrivacySettings(store, privacy({ conversations: 30, facts: 10 }))
    setPrivacySettings(store, {
      ...store.query(settings$).privacy,
      retentionDays: DEFAULT_PRIVACY.retentionDays,
    })
    expect(store.query(settings$).privacy.retentionDays).toEqual({
      conversations: 90,
      memories: 90,
      workflowRuns: 30,
      notifications: 7,
      facts: null,
    })
  })

  test.each(RETENTION_KINDS)('refuses a bad number of days for $label, naming it', ({ kind, label }) => {
    const store = useStore()
    for (const days of [0, -1, 2.5, RETENTION_MAX_DAYS + 1, Number.NaN]) {
      expect(() => setPrivacySettings(store, privacy({ [kind]: days }))).toThrow(
        new CommandError(`${label}: keep for whole days from 1 to 3650, or empty to keep forever.`),
      )
    }
    expect(store.query(tables.settings.count())).toBe(0)
  })

  test('only the known fields reach the event', () => {
    const store = useStore()
    const extra = {
      ...privacy({ facts: 365 }),
      retentionDays: { ...privacy({ facts: 365 }).retentionDays, logs: 3 },
      other: true,
    }
    setPrivacySettings(store, extra)
    expect(store.query(settings$).privacy).toEqual(privacy({ facts: 365 }))
  })
})

describe('setTheme', () => {
  test('saves light, dark or system and leaves the other sections alone', () => {
    const store = useStore()
    setLockSettings(store, { autoLockMinutes: 5, lockOnHide: true })
    setTheme(store, 'dark')
    expect(store.query(settings$)).toMatchObject({
      appearance: { theme: 'dark' },
      lock: { autoLockMinutes: 5, lockOnHide: true },
      privacy: DEFAULT_PRIVACY,
    })
    setTheme(store, 'system')
    expect(store.query(settings$).appearance).toEqual({ theme: 'system' })
  })

  test('refuses anything else', () => {
    const store = useStore()
    expect(() => setTheme(store, 'sepia' as 'dark')).toThrow(
      new CommandError('The theme must be light, dark or system.'),
    )
    expect(store.query(tables.settings.count())).toBe(0)
  })
})

describe('chooseSearchModel', () => {
  test('seals the endpoint with its API key as one value; null goes back to the built-in model', () => {
    const store = useStore()
    chooseSearchModel(store, TEST_KEY, {
      baseUrl: ' http://127.0.0.1:11434/ ',
      model: ' nomic-embed-text ',
      apiKey: 'sk-embed-secret',
    })
    const row = store.query(settings$)
    const stored = JSON.stringify(store.query(tables.settings.where({})))
    expect(stored).not.toContain('sk-embed-secret')
    expect(stored).not.toContain('11434')
    expect(searchModelFields.openStrict(TEST_KEY, row).searchModel).toEqual({
      baseUrl: 'http://127.0.0.1:11434',
      model: 'nomic-embed-text',
      apiKey: 'sk-embed-secret',
    })
    chooseSearchModel(store, TEST_KEY, null)
    expect(store.query(settings$).searchModel).toBeNull()
  })

  test('refuses what is not a web address or names no model, and keeps the choice before', () => {
    const store = useStore()
    chooseSearchModel(store, TEST_KEY, { baseUrl: 'https://embed.example', model: 'm', apiKey: '' })
    const before = store.query(settings$).searchModel
    for (const bad of [
      { baseUrl: 'localhost:11434', model: 'm', apiKey: '' },
      { baseUrl: 'file:///etc/passwd', model: 'm', apiKey: '' },
      { baseUrl: 'http://127.0.0.1:11434', model: '  ', apiKey: '' },
    ]) {
      expect(() => chooseSearchModel(store, TEST_KEY, bad)).toThrow(CommandError)
    }
    expect(store.query(settings$).searchModel).toBe(before)
  })
})
