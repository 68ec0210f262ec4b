import type { HearthStore } from '../commands/store.ts'
import { personaById$, personaFields, personaSecretFields } from '../schema/personas.ts'
import { defaultModelFields, defaultModelSecretFields, settings$ } from '../schema/settings.ts'
import type { DataKey } from '../vault/envelope.ts'
import { ModelError, type ModelTarget } from './chat-client.ts'

/** Where a persona's requests go, and where that setting came from (for messages that say what to fix). */
export type ResolvedTarget = ModelTarget & { readonly source: 'persona' | 'settings' }

/**
 * The persona's own endpoint and model when it has an endpoint; otherwise the default in Settings
 * (a persona may name only a model and use the default endpoint). The API key goes with the endpoint
 * it belongs to. Opened from the store at the moment of asking, so an edit in any tab applies at once.
 */
export const modelTargetFor = (store: HearthStore, key: DataKey, personaId: string): ResolvedTarget => {
  const row = store.query(personaById$(personaId))
  if (row === undefined || row.deletedAt !== null)
    throw new ModelError(
      'not-configured',
      'This persona no longer exists (it may have been deleted in another tab).',
    )
  const own = personaFields.open(key, row).modelSettings
  const settings = store.query(settings$)
  const fallback = defaultModelFields.open(key, settings).defaultModel
  if (own.endpoint.trim() !== '') {
    return {
      endpoint: own.endpoint,
      model: own.model.trim() === '' ? fallback.model : own.model,
      apiKey: personaSecretFields.open(key, row).apiKey,
      source: 'persona',
    }
  }
  if (fallback.endpoint.trim() === '')
    throw new ModelError(
      'not-configured',
      'No model endpoint is set: add one to this persona (Personas › Edit › Model) or a default in Settings › Model.',
    )
  return {
    endpoint: fallback.endpoint,
    model: own.model.trim() === '' ? fallback.model : own.model,
    apiKey: defaultModelSecretFields.open(key, settings).defaultApiKey,
    source: 'settings',
  }
}
