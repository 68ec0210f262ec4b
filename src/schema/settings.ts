import { Events, queryDb, Schema, State } from '@livestore/livestore'
import { type ConsolidationRules, DEFAULT_CONSOLIDATION } from '../lifecycle/consolidation.ts'
import { DEFAULT_TIER_RULES, type TierRules } from '../lifecycle/tiers.ts'
import { json, nullable, recordCodec, text } from '../vault/record-codec.ts'
import { Millis, Sealed } from './shared.ts'

/** A row of the price table: per million input and output tokens, in the person's currency. */
export const ModelPrice = Schema.Struct({
  model: Schema.String,
  inputPerMillion: Schema.Number.pipe(Schema.between(0, 100_000)),
  outputPerMillion: Schema.Number.pipe(Schema.between(0, 100_000)),
})
export type ModelPrice = typeof ModelPrice.Type

/** The model endpoint personas without their own use (sealed like a persona's `modelSettings`). */
export type DefaultModel = { endpoint: string; model: string }

export const RetentionDays = Schema.Struct({
  conversations: Schema.NullOr(Schema.Number),
  memories: Schema.NullOr(Schema.Number),
  workflowRuns: Schema.NullOr(Schema.Number),
  notifications: Schema.NullOr(Schema.Number),
  facts: Schema.NullOr(Schema.Number),
})
export type RetentionDays = typeof RetentionDays.Type

export const PrivacySettings = Schema.Struct({
  memoryEnabled: Schema.Boolean,
  incognito: Schema.Boolean,
  /** Days each kind of data is kept; `null` keeps it until deleted. */
  retentionDays: RetentionDays,
})
export type PrivacySettings = typeof PrivacySettings.Type

export const LockSettings = Schema.Struct({ autoLockMinutes: Schema.Number, lockOnHide: Schema.Boolean })
export type LockSettings = typeof LockSettings.Type

export const Theme = Schema.Literal('light', 'dark', 'system')
export type Theme = typeof Theme.Type
export const AppearanceSettings = Schema.Struct({ theme: Theme })
export type AppearanceSettings = typeof AppearanceSettings.Type

/** When memories move between tiers (src/lifecycle/tiers.ts, docs/LIFECYCLE.md). */
export const LifecycleSettings = Schema.Struct({ hotDays: Schema.Number, coldDays: Schema.Number })
export type LifecycleSettings = typeof LifecycleSettings.Type
export const DEFAULT_LIFECYCLE: LifecycleSettings = DEFAULT_TIER_RULES satisfies TierRules

/** When near-duplicate memories are proposed for merging, and whether the job merges them itself. */
export const ConsolidationSettings = Schema.Struct({
  proposeAt: Schema.Number,
  autoMerge: Schema.Boolean,
  autoMergeAt: Schema.Number,
})
export type ConsolidationSettings = typeof ConsolidationSettings.Type
export const DEFAULT_CONSOLIDATION_SETTINGS: ConsolidationSettings =
  DEFAULT_CONSOLIDATION satisfies ConsolidationRules

/** Seed 000's retention table: conversations and memories 90 days, runs 30, notifications 7, facts forever. */
export const DEFAULT_PRIVACY: PrivacySettings = {
  memoryEnabled: true,
  incognito: false,
  retentionDays: { conversations: 90, memories: 90, workflowRuns: 30, notifications: 7, facts: null },
}
export const DEFAULT_LOCK: LockSettings = { autoLockMinutes: 15, lockOnHide: false }
export const DEFAULT_APPEARANCE: AppearanceSettings = { theme: 'system' }

export const SETTINGS_ID = 'global'

/** The person's name is personal data: sealed. The other settings are numbers, flags and choices. */
export const settingsFields = recordCodec('settings', { userName: text })
/** The default model endpoint and model: sealed, as a persona's are (a URL can say who you are). */
export const defaultModelFields = recordCodec('settings', {
  defaultModel: json<DefaultModel>({ endpoint: '', model: '' }),
})
/** The default endpoint's API key: a secret, opened only where it is used or edited. */
export const defaultModelSecretFields = recordCodec('settings', { defaultApiKey: nullable(text) })

/** An OpenAI-compatible embeddings endpoint chosen for search by meaning (null: the built-in model). */
export type SearchEndpoint = { baseUrl: string; model: string; apiKey: string }

/**
 * Sealed as one value: the endpoint's address can say who the person is, and the API key is a secret.
 * Never part of a plain export.
 */
export const searchModelFields = recordCodec('settings', {
  searchModel: nullable(json<SearchEndpoint | null>(null)),
})

/** One row: the person's settings, shared by every tab (client documents are per session). */
export const settings = State.SQLite.table({
  name: 'settings',
  columns: {
    id: State.SQLite.text({ primaryKey: true }),
    userName: State.SQLite.text({ default: '' }),
    privacy: State.SQLite.json({ schema: PrivacySettings, default: DEFAULT_PRIVACY }),
    lock: State.SQLite.json({ schema: LockSettings, default: DEFAULT_LOCK }),
    appearance: State.SQLite.json({ schema: AppearanceSettings, default: DEFAULT_APPEARANCE }),
    /** When the last backup file was made on this device (epoch ms), for the Storage page's nudge. */
    lastBackupAt: State.SQLite.integer({ nullable: true }),
    // Added with the memory lifecycle: a table change, so the first start after that update rebuilds
    // state from the event log (docs/ARCHITECTURE.md, "Schema evolution"); old rows get the default.
    lifecycle: State.SQLite.json({ schema: LifecycleSettings, default: DEFAULT_LIFECYCLE }),
    /** Sealed `SearchEndpoint`, or null for the built-in model (added with model choice: a table change). */
    searchModel: State.SQLite.text({ nullable: true }),
    // Added with the assistant (another table change, same rebuild).
    /** Sealed `{ endpoint, model }` for personas that set none; '' until set. */
    defaultModel: State.SQLite.text({ default: '' }),
    /** A secret: the default endpoint's API key, sealed. */
    defaultApiKey: State.SQLite.text({ nullable: true }),
    /** The price table that gives each reply its cost. Model names and prices are not content. */
    modelPrices: State.SQLite.json({ schema: Schema.Array(ModelPrice), default: [] }),
    // Added with consolidation (a table change too; old rows get the default: no automatic merges).
    consolidation: State.SQLite.json({
      schema: ConsolidationSettings,
      default: DEFAULT_CONSOLIDATION_SETTINGS,
    }),
  },
})
export type SettingsRow = typeof settings.Type

export const settingsEvents = {
  userNameChanged: Events.synced({
    name: 'v1.UserNameChanged',
    schema: Schema.Struct({ userName: Sealed }),
  }),
  privacySettingsChanged: Events.synced({
    name: 'v1.PrivacySettingsChanged',
    schema: Schema.Struct({ privacy: PrivacySettings }),
  }),
  lockSettingsChanged: Events.synced({
    name: 'v1.LockSettingsChanged',
    schema: Schema.Struct({ lock: LockSettings }),
  }),
  lifecycleSettingsChanged: Events.synced({
    name: 'v1.LifecycleSettingsChanged',
    schema: Schema.Struct({ lifecycle: LifecycleSettings }),
  }),
  consolidationSettingsChanged: Events.synced({
    name: 'v1.ConsolidationSettingsChanged',
    schema: Schema.Struct({ consolidation: ConsolidationSettings }),
  }),
  appearanceChanged: Events.synced({
    name: 'v1.AppearanceChanged',
    schema: Schema.Struct({ appearance: AppearanceSettings }),
  }),
  /** The model for search by meaning: a sealed endpoint, or null for the built-in one. */
  searchModelChosen: Events.synced({
    name: 'v1.SearchModelChosen',
    schema: Schema.Struct({ searchModel: Schema.NullOr(Sealed) }),
  }),
  defaultModelChanged: Events.synced({
    name: 'v1.DefaultModelChanged',
    schema: Schema.Struct({ defaultModel: Sealed }),
  }),
  defaultModelApiKeySet: Events.synced({
    name: 'v1.DefaultModelApiKeySet',
    schema: Schema.Struct({ defaultApiKey: Schema.NullOr(Sealed) }),
  }),
  modelPricesChanged: Events.synced({
    name: 'v1.ModelPricesChanged',
    schema: Schema.Struct({ modelPrices: Schema.Array(ModelPrice) }),
  }),
  /** A backup file was made (and saved or handed to the browser's download). */
  backupMade: Events.synced({
    name: 'v1.BackupMade',
    schema: Schema.Struct({ at: Millis }),
  }),
}

/** Each section is an upsert of the single settings row, so no "create settings" event is needed. */
const upsert = (values: Partial<Omit<SettingsRow, 'id'>>) =>
  settings.insert({ id: SETTINGS_ID, ...values }).onConflict('id', 'update', values)

export const settingsMaterializers = State.SQLite.materializers(settingsEvents, {
  'v1.UserNameChanged': ({ userName }) => upsert({ userName }),
  'v1.PrivacySettingsChanged': ({ privacy }) => upsert({ privacy }),
  'v1.LockSettingsChanged': ({ lock }) => upsert({ lock }),
  'v1.AppearanceChanged': ({ appearance }) => upsert({ appearance }),
  'v1.BackupMade': ({ at }) => upsert({ lastBackupAt: at }),
  'v1.LifecycleSettingsChanged': ({ lifecycle }) => upsert({ lifecycle }),
  'v1.SearchModelChosen': ({ searchModel }) => upsert({ searchModel }),
  'v1.DefaultModelChanged': ({ defaultModel }) => upsert({ defaultModel }),
  'v1.DefaultModelApiKeySet': ({ defaultApiKey }) => upsert({ defaultApiKey }),
  'v1.ModelPricesChanged': ({ modelPrices }) => upsert({ modelPrices }),
  'v1.ConsolidationSettingsChanged': ({ consolidation }) => upsert({ consolidation }),
})

export const DEFAULT_SETTINGS: SettingsRow = {
  id: SETTINGS_ID,
  userName: '',
  privacy: DEFAULT_PRIVACY,
  lock: DEFAULT_LOCK,
  appearance: DEFAULT_APPEARANCE,
  lastBackupAt: null,
  lifecycle: DEFAULT_LIFECYCLE,
  searchModel: null,
  defaultModel: '',
  defaultApiKey: null,
  modelPrices: [],
  consolidation: DEFAULT_CONSOLIDATION_SETTINGS,
}

export const settings$ = queryDb(
  settings.where({ id: SETTINGS_ID }).first({ behaviour: 'fallback', fallback: () => DEFAULT_SETTINGS }),
  { label: 'settings' },
)
