import { nanoid } from '@livestore/livestore'
import { events } from '../schema/index.ts'
import { type PersonaProfile, personaFields, personaSecretFields } from '../schema/personas.ts'
import type { DataKey } from '../vault/envelope.ts'
import { CommandError, requireRange, requireText } from './command-error.ts'
import type { HearthStore } from './store.ts'

export const DEFAULT_PERSONA_PROFILE: PersonaProfile = {
  name: '',
  description: '',
  avatar: '🙂',
  systemPrompt: '',
  personality: { friendliness: 0.7, formality: 0.4, humour: 0.4, proactiveness: 0.5 },
  modelSettings: { endpoint: '', model: '' },
  memorySettings: { enabled: true, retentionDays: null },
}

const validProfile = (profile: PersonaProfile): PersonaProfile => {
  for (const [trait, value] of Object.entries(profile.personality))
    requireRange(value, `Personality (${trait})`, 0, 1)
  const retention = profile.memorySettings.retentionDays
  if (retention !== null && !(Number.isInteger(retention) && retention > 0)) {
    throw new CommandError('Memory retention must be a whole number of days, or empty to keep memories.')
  }
  return {
    ...profile,
    name: requireText(profile.name, 'Name', 200),
    description: profile.description.trim(),
    avatar: profile.avatar.trim() || DEFAULT_PERSONA_PROFILE.avatar,
    systemPrompt: profile.systemPrompt.trim(),
  }
}

/** The profile as an event carries it: its words sealed, bound to this persona. */
const sealedProfile = (key: DataKey, id: string, profile: PersonaProfile) => {
  const valid = validProfile(profile)
  return { ...valid, ...personaFields.seal(key, id, valid) }
}

/** The event that stores (or, for an empty key, removes) the API key of the persona's endpoint. */
const apiKeySet = (key: DataKey, id: string, apiKey: string, now: number) => {
  const value = apiKey.trim()
  if (value.length > 1000) throw new CommandError('That API key is too long (more than 1,000 characters).')
  return events.personaApiKeySet({
    id,
    ...personaSecretFields.seal(key, id, { apiKey: value === '' ? null : value }),
    updatedAt: now,
  })
}

/** Creates a persona, with its API key if one is given, in one transaction. */
export const createPersona = (
  store: HearthStore,
  key: DataKey,
  profile: PersonaProfile,
  apiKey = '',
  now = Date.now(),
): string => {
  const id = nanoid()
  const created = events.personaCreated({ id, ...sealedProfile(key, id, profile), createdAt: now })
  store.commit(...(apiKey.trim() === '' ? [created] : [created, apiKeySet(key, id, apiKey, now)]))
  return id
}

/** Saves a persona's profile and, unless `apiKey` is `undefined` (unchanged), its API key. */
export const updatePersona = (
  store: HearthStore,
  key: DataKey,
  id: string,
  profile: PersonaProfile,
  apiKey?: string,
  now = Date.now(),
) => {
  const updated = events.personaUpdated({ id, ...sealedProfile(key, id, profile), updatedAt: now })
  store.commit(...(apiKey === undefined ? [updated] : [updated, apiKeySet(key, id, apiKey, now)]))
}

export const setPersonaActive = (store: HearthStore, id: string, active: boolean, now = Date.now()) =>
  store.commit(
    active
      ? events.personaActivated({ id, updatedAt: now })
      : events.personaDeactivated({ id, updatedAt: now }),
  )

export const markPersonaUsed = (store: HearthStore, id: string, now = Date.now()) =>
  store.commit(events.personaUsed({ id, usedAt: now }))

/** Deletes a persona (soft) and returns the moment, which its undo names. */
export const deletePersona = (store: HearthStore, id: string, now = Date.now()) => {
  store.commit(events.personaDeleted({ id, deletedAt: now }))
  return now
}

/** Undo of `deletePersona`. */
export const restorePersona = (store: HearthStore, id: string, deletedAt: number, now = Date.now()) =>
  store.commit(events.personaRestored({ id, deletedAt, restoredAt: now }))

/** A new persona with the same profile and API key, named "… (copy)", to vary without touching the original. */
export const duplicatePersona = (
  store: HearthStore,
  key: DataKey,
  source: PersonaProfile,
  apiKey: string | null,
  now = Date.now(),
): string =>
  createPersona(store, key, { ...source, name: `${source.name} (copy)`.slice(0, 200) }, apiKey ?? '', now)
