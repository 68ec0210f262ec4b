import { Events, queryDb, Schema, State } from '@livestore/livestore'
import type { DataKey } from '../vault/envelope.ts'
import { json, nullable, recordCodec, text } from '../vault/record-codec.ts'
import { insertMany } from './insert-many.ts'
import { Id, Millis, Sealed, Unit } from './shared.ts'

export const Personality = Schema.Struct({
  friendliness: Unit,
  formality: Unit,
  humour: Unit,
  proactiveness: Unit,
})
export type Personality = typeof Personality.Type

/** Which model endpoint the persona talks to (the API key itself is a secret column). */
export const PersonaModelSettings = Schema.Struct({
  endpoint: Schema.String,
  model: Schema.String,
})
export type PersonaModelSettings = typeof PersonaModelSettings.Type

export const PersonaMemorySettings = Schema.Struct({
  enabled: Schema.Boolean,
  /** Days a memory is kept; `null` keeps memories until deleted. */
  retentionDays: Schema.NullOr(Schema.Number),
})
export type PersonaMemorySettings = typeof PersonaMemorySettings.Type

/** What a person writes about a persona; every field of it is content (sealed by the vault). */
export const PersonaProfile = Schema.Struct({
  name: Schema.String,
  description: Schema.String,
  avatar: Schema.String,
  systemPrompt: Schema.String,
  personality: Personality,
  modelSettings: PersonaModelSettings,
  memorySettings: PersonaMemorySettings,
})
export type PersonaProfile = typeof PersonaProfile.Type

/**
 * The persona fields the vault seals. Personality and memory settings are numbers and flags and
 * stay plain; the model endpoint (a URL can say who you are) and the API key are sealed.
 */
export const personaFields = recordCodec(
  'personas',
  {
    name: text,
    description: text,
    avatar: text,
    systemPrompt: text,
    modelSettings: json<PersonaModelSettings>({ endpoint: '', model: '' }),
  },
  { perRecord: true },
)
/** Secrets have their own codec (only the form that edits them ever opens them), the persona's key. */
export const personaSecretFields = recordCodec('personas', { apiKey: nullable(text) }, { perRecord: true })

/** `PersonaProfile` as events carry it: sealed. */
const SealedPersonaProfile = Schema.Struct({
  ...PersonaProfile.fields,
  name: Sealed,
  description: Sealed,
  avatar: Sealed,
  systemPrompt: Sealed,
  modelSettings: Sealed,
})

export const personas = State.SQLite.table({
  name: 'personas',
  columns: {
    id: State.SQLite.text({ primaryKey: true }),
    name: State.SQLite.text(),
    description: State.SQLite.text({ default: '' }),
    avatar: State.SQLite.text({ default: '' }),
    systemPrompt: State.SQLite.text({ default: '' }),
    personality: State.SQLite.json({ schema: Personality }),
    modelSettings: State.SQLite.text({ default: '' }),
    memorySettings: State.SQLite.json({ schema: PersonaMemorySettings }),
    /** A secret: the model endpoint's API key. */
    apiKey: State.SQLite.text({ nullable: true }),
    active: State.SQLite.integer({ default: 1 }),
    usageCount: State.SQLite.integer({ default: 0 }),
    /** Maintained by the memory materializers so a persona's count never needs a scan. */
    memoryCount: State.SQLite.integer({ default: 0 }),
    lastUsedAt: State.SQLite.integer({ nullable: true }),
    createdAt: State.SQLite.integer(),
    updatedAt: State.SQLite.integer(),
    deletedAt: State.SQLite.integer({ nullable: true }),
  },
  indexes: [
    // "Active personas by last used" walks this index in order: no sort step.
    { name: 'personas_active_lastUsed', columns: ['deletedAt', 'active', 'lastUsedAt', 'createdAt'] },
    { name: 'personas_created', columns: ['deletedAt', 'createdAt'] },
  ],
})
export type PersonaRow = typeof personas.Type

export const PersonaRecord = Schema.Struct({
  id: Id,
  ...PersonaProfile.fields,
  apiKey: Schema.NullOr(Schema.String),
  active: Schema.Boolean,
  usageCount: Schema.Number,
  lastUsedAt: Schema.NullOr(Millis),
  createdAt: Millis,
})
export type PersonaRecord = typeof PersonaRecord.Type

export const SealedPersonaRecord = Schema.Struct({
  ...PersonaRecord.fields,
  ...SealedPersonaProfile.fields,
  apiKey: Schema.NullOr(Sealed),
})
export type SealedPersonaRecord = typeof SealedPersonaRecord.Type

/** A persona row as the UI shows it: its profile opened; the API key stays sealed until a form needs it. */
export type OpenPersona = ReturnType<typeof personaFields.open<PersonaRow>>

export const sealPersonaRecord = (key: DataKey, p: PersonaRecord): SealedPersonaRecord => ({
  ...p,
  ...personaFields.seal(key, p.id, p),
  ...personaSecretFields.seal(key, p.id, p),
})

export const personaEvents = {
  personaCreated: Events.synced({
    name: 'v1.PersonaCreated',
    schema: Schema.Struct({ id: Id, ...SealedPersonaProfile.fields, createdAt: Millis }),
  }),
  personaUpdated: Events.synced({
    name: 'v1.PersonaUpdated',
    schema: Schema.Struct({ id: Id, ...SealedPersonaProfile.fields, updatedAt: Millis }),
  }),
  personaApiKeySet: Events.synced({
    name: 'v1.PersonaApiKeySet',
    schema: Schema.Struct({ id: Id, apiKey: Schema.NullOr(Sealed), updatedAt: Millis }),
  }),
  personaActivated: Events.synced({
    name: 'v1.PersonaActivated',
    schema: Schema.Struct({ id: Id, updatedAt: Millis }),
  }),
  personaDeactivated: Events.synced({
    name: 'v1.PersonaDeactivated',
    schema: Schema.Struct({ id: Id, updatedAt: Millis }),
  }),
  personaUsed: Events.synced({
    name: 'v1.PersonaUsed',
    schema: Schema.Struct({ id: Id, usedAt: Millis }),
  }),
  personaDeleted: Events.synced({
    name: 'v1.PersonaDeleted',
    schema: Schema.Struct({ id: Id, deletedAt: Millis }),
  }),
  /** Undo of the delete made at `deletedAt`; a later delete is not undone by it. */
  personaRestored: Events.synced({
    name: 'v1.PersonaRestored',
    schema: Schema.Struct({ id: Id, deletedAt: Millis, restoredAt: Millis }),
  }),
  /** Bulk: sample data, imports and restores commit personas in batches, one event each. */
  personasImported: Events.synced({
    name: 'v1.PersonasImported',
    schema: Schema.Struct({ personas: Schema.Array(SealedPersonaRecord) }),
  }),
}

const personaRow = (p: SealedPersonaRecord) => ({
  id: p.id,
  name: p.name,
  description: p.description,
  avatar: p.avatar,
  systemPrompt: p.systemPrompt,
  personality: p.personality,
  modelSettings: p.modelSettings,
  memorySettings: p.memorySettings,
  apiKey: p.apiKey,
  active: p.active ? 1 : 0,
  usageCount: p.usageCount,
  lastUsedAt: p.lastUsedAt,
  createdAt: p.createdAt,
  updatedAt: p.createdAt,
})

export const personaMaterializers = State.SQLite.materializers(personaEvents, {
  'v1.PersonaCreated': ({ createdAt, ...p }) =>
    personas.insert(
      personaRow({ ...p, apiKey: null, active: true, usageCount: 0, lastUsedAt: null, createdAt }),
    ),
  'v1.PersonaUpdated': ({ id, updatedAt, ...profile }) =>
    personas.update({ ...profile, updatedAt }).where({ id }),
  'v1.PersonaApiKeySet': ({ id, apiKey, updatedAt }) => personas.update({ apiKey, updatedAt }).where({ id }),
  'v1.PersonaActivated': ({ id, updatedAt }) => personas.update({ active: 1, updatedAt }).where({ id }),
  'v1.PersonaDeactivated': ({ id, updatedAt }) => personas.update({ active: 0, updatedAt }).where({ id }),
  'v1.PersonaUsed': ({ id, usedAt }) => ({
    sql: 'UPDATE personas SET usageCount = usageCount + 1, lastUsedAt = $usedAt WHERE id = $id',
    bindValues: { id, usedAt },
    writeTables: new Set(['personas']),
  }),
  'v1.PersonaDeleted': ({ id, deletedAt }) => personas.update({ deletedAt }).where({ id }),
  'v1.PersonaRestored': ({ id, deletedAt, restoredAt }) =>
    personas.update({ deletedAt: null, updatedAt: restoredAt }).where({ id, deletedAt }),
  'v1.PersonasImported': ({ personas: rows }) => insertMany(personas, rows.map(personaRow)),
})

/** Active personas, most recently used first (never-used ones by creation, newest first). */
export const activePersonasQuery = personas.where({ deletedAt: null, active: 1 }).orderBy([
  { col: 'lastUsedAt', direction: 'desc' },
  { col: 'createdAt', direction: 'desc' },
])
export const activePersonas$ = queryDb(activePersonasQuery, { label: 'personas.active' })

/** Every persona that is not deleted, active ones first, for management screens and pickers. */
export const allPersonasQuery = personas.where({ deletedAt: null }).orderBy([
  { col: 'active', direction: 'desc' },
  { col: 'lastUsedAt', direction: 'desc' },
  { col: 'createdAt', direction: 'desc' },
])
export const allPersonas$ = queryDb(allPersonasQuery, { label: 'personas.all' })

export const personaById$ = (id: string) =>
  queryDb(personas.where({ id }).first({ behaviour: 'undefined' }), {
    label: 'personas.byId',
    deps: [id],
  })
