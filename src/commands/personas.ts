import { nanoid } from '@livestore/livestore'
import { events } from '../schema/index.ts'
import type { PersonaProfile } from '../schema/personas.ts'
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

export const createPersona = (store: HearthStore, profile: PersonaProfile, now = Date.now()): string => {
  const id = nanoid()
  store.commit(events.personaCreated({ id, ...validProfile(profile), createdAt: now }))
  return id
}

export const updatePersona = (store: HearthStore, id: string, profile: PersonaProfile, now = Date.now()) =>
  store.commit(events.personaUpdated({ id, ...validProfile(profile), updatedAt: now }))

export const setPersonaActive = (store: HearthStore, id: string, active: boolean, now = Date.now()) =>
  store.commit(
    active
      ? events.personaActivated({ id, updatedAt: now })
      : events.personaDeactivated({ id, updatedAt: now }),
  )

export const markPersonaUsed = (store: HearthStore, id: string, now = Date.now()) =>
  store.commit(events.personaUsed({ id, usedAt: now }))

export const deletePersona = (store: HearthStore, id: string, now = Date.now()) =>
  store.commit(events.personaDeleted({ id, deletedAt: now }))
