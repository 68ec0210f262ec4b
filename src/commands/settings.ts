import { Schema } from '@livestore/livestore'
import { validPrices } from '../assistant/pricing.ts'
import { events } from '../schema/index.ts'
import {
  defaultModelFields,
  defaultModelSecretFields,
  type LockSettings,
  type ModelPrice,
  type PrivacySettings,
  type RetentionDays,
  SETTINGS_ID,
  type SearchEndpoint,
  searchModelFields,
  settings$,
  settingsFields,
  Theme,
} from '../schema/settings.ts'
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

export const USER_NAME_MAX = 200

export const setUserName = (store: HearthStore, key: DataKey, userName: string) => {
  const name = userName.trim()
  if (name.length > USER_NAME_MAX) {
    throw new CommandError(`That name is too long (more than ${USER_NAME_MAX} characters).`)
  }
  store.commit(events.userNameChanged(settingsFields.seal(key, SETTINGS_ID, { userName: name })))
}

/** Ten years: long enough for anything a person means by "a long time", short of forever (`null`). */
export const RETENTION_MAX_DAYS = 3650

/** The kinds of data with their own retention, in the order Settings lists them, named for a person. */
export const RETENTION_KINDS: ReadonlyArray<{ kind: keyof RetentionDays; label: string }> = [
  { kind: 'conversations', label: 'Conversations' },
  { kind: 'memories', label: 'Memories' },
  { kind: 'workflowRuns', label: 'Workflow runs' },
  { kind: 'notifications', label: 'Notifications' },
  { kind: 'facts', label: 'Facts about you' },
]

const RETENTION_RULE = `whole days from 1 to ${RETENTION_MAX_DAYS}, or empty to keep forever`

const validRetentionDays = (days: number | null) =>
  days === null || (Number.isInteger(days) && days >= 1 && days <= RETENTION_MAX_DAYS)

/**
 * What a person typed into a retention field: empty keeps forever, otherwise whole days. A problem
 * comes back as a sentence for that field rather than a throw, so a form can show every bad field at once.
 */
export const parseRetentionInput = (
  text: string,
): { ok: true; days: number | null } | { ok: false; problem: string } => {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: true, days: null }
  // Digits only: Number() would also take "1e2", "0x10" or " 30 " and a person meant none of those.
  const days = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN
  return validRetentionDays(days) ? { ok: true, days } : { ok: false, problem: `Enter ${RETENTION_RULE}.` }
}

const samePrivacy = (a: PrivacySettings, b: PrivacySettings) =>
  a.memoryEnabled === b.memoryEnabled &&
  a.incognito === b.incognito &&
  RETENTION_KINDS.every(({ kind }) => a.retentionDays[kind] === b.retentionDays[kind])

/**
 * Memory on/off, incognito and retention per kind of data, saved together as one section.
 * Saving what is already stored writes nothing and returns false.
 */
export const setPrivacySettings = (store: HearthStore, privacy: PrivacySettings): boolean => {
  for (const { kind, label } of RETENTION_KINDS) {
    if (!validRetentionDays(privacy.retentionDays[kind])) {
      throw new CommandError(`${label}: keep for ${RETENTION_RULE}.`)
    }
  }
  const days = privacy.retentionDays
  // Spelled out, so only the known fields of a caller's object reach the event.
  const next: PrivacySettings = {
    memoryEnabled: privacy.memoryEnabled,
    incognito: privacy.incognito,
    retentionDays: {
      conversations: days.conversations,
      memories: days.memories,
      workflowRuns: days.workflowRuns,
      notifications: days.notifications,
      facts: days.facts,
    },
  }
  if (samePrivacy(next, store.query(settings$).privacy)) return false
  store.commit(events.privacySettingsChanged({ privacy: next }))
  return true
}

const isTheme = Schema.is(Theme)

/** Light, dark, or the device's choice; the shell applies it to every tab as `data-theme`. */
export const setTheme = (store: HearthStore, theme: Theme) => {
  if (!isTheme(theme)) throw new CommandError('The theme must be light, dark or system.')
  store.commit(events.appearanceChanged({ appearance: { theme } }))
}

export const SEARCH_MODEL_NAME_MAX = 200
export const API_KEY_MAX = 1000

/**
 * The model for search by meaning: an OpenAI-compatible embeddings endpoint (checked here for shape;
 * the search worker checks that it answers), or `null` for the built-in model. Sealed as one value.
 */
export const chooseSearchModel = (store: HearthStore, key: DataKey, endpoint: SearchEndpoint | null) => {
  let chosen: SearchEndpoint | null = null
  if (endpoint !== null) {
    const baseUrl = endpoint.baseUrl.trim()
    let url: URL | undefined
    try {
      url = new URL(baseUrl)
    } catch {
      url = undefined
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new CommandError('The endpoint needs a web address such as http://127.0.0.1:11434.')
    }
    const model = endpoint.model.trim()
    if (model === '') throw new CommandError('Name the embedding model the endpoint should use.')
    if (model.length > SEARCH_MODEL_NAME_MAX) throw new CommandError('That model name is too long.')
    const apiKey = endpoint.apiKey.trim()
    if (apiKey.length > API_KEY_MAX) throw new CommandError('That API key is too long.')
    chosen = { baseUrl: baseUrl.replace(/\/+$/, ''), model, apiKey }
  }
  store.commit(events.searchModelChosen(searchModelFields.seal(key, SETTINGS_ID, { searchModel: chosen })))
}

/**
 * The model endpoint personas without their own use, and (unless `apiKey` is `undefined`: unchanged)
 * its API key; an empty key removes it. Both sealed, in one transaction.
 */
export const setDefaultModel = (
  store: HearthStore,
  key: DataKey,
  model: { endpoint: string; model: string },
  apiKey?: string,
) => {
  const endpoint = model.endpoint.trim()
  const name = model.model.trim()
  if (endpoint.length > 2000) throw new CommandError('That endpoint address is too long.')
  if (name.length > 200) throw new CommandError('That model name is too long (more than 200 characters).')
  if (endpoint !== '' && !/^https?:\/\/[^\s]+$/i.test(endpoint)) {
    throw new CommandError('The endpoint must be a web address starting with http:// or https://.')
  }
  const changes: Array<
    ReturnType<typeof events.defaultModelChanged> | ReturnType<typeof events.defaultModelApiKeySet>
  > = [
    events.defaultModelChanged(
      defaultModelFields.seal(key, SETTINGS_ID, { defaultModel: { endpoint, model: name } }),
    ),
  ]
  if (apiKey !== undefined) {
    const value = apiKey.trim()
    if (value.length > 1000) throw new CommandError('That API key is too long (more than 1,000 characters).')
    changes.push(
      events.defaultModelApiKeySet(
        defaultModelSecretFields.seal(key, SETTINGS_ID, { defaultApiKey: value === '' ? null : value }),
      ),
    )
  }
  store.commit(...changes)
}

/** Saves the price table (rows without a model and without prices are dropped); says what is wrong otherwise. */
export const setModelPrices = (store: HearthStore, rows: ReadonlyArray<ModelPrice>) => {
  let valid: ModelPrice[]
  try {
    valid = validPrices(rows)
  } catch (error) {
    if (error instanceof RangeError) throw new CommandError(error.message)
    throw error
  }
  store.commit(events.modelPricesChanged({ modelPrices: valid }))
  return valid
}
