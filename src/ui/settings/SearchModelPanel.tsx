import { type FormEvent, useState } from 'react'
import { API_KEY_MAX, chooseSearchModel, SEARCH_MODEL_NAME_MAX } from '../../commands/settings.ts'
import { type SearchEndpoint, searchModelFields, settings$ } from '../../schema/settings.ts'
import type { HostStatus } from '../../search/search-host.ts'
import { useAppStore } from '../../store/app-store.ts'
import { SecretInput } from '../components/SecretInput.tsx'
import { useCommand, useToast } from '../components/Toasts.tsx'
import { searchWorker } from '../search/search-client.ts'
import { useSearchStatus } from '../search/use-search.ts'
import { useDataKey, useOpenedOne } from '../vault/vault-session.tsx'

/**
 * Which model gives memories their meaning for search: the built-in one (offline, nothing leaves the
 * browser) or the person's own OpenAI-compatible embeddings endpoint. Switching re-embeds everything
 * in the background; the status line follows the search worker.
 */
export const SearchModelPanel = () => {
  const store = useAppStore()
  const opened = useOpenedOne(store.useQuery(settings$), searchModelFields.open)
  const stored = opened === undefined || opened.unreadable ? null : opened.searchModel
  return (
    <section className="panel" aria-labelledby="search-model-title">
      <h2 id="search-model-title">Search by meaning</h2>
      <p>
        Hearth finds memories by what they mean with a model that comes with the app and works offline. You
        can use your own OpenAI-compatible embeddings endpoint instead, such as Ollama on this computer: the
        text of your memories, messages and documents is then sent to it to be embedded.
      </p>
      {opened?.unreadable && (
        <p className="field-error">
          The saved endpoint could not be opened (⚠ unreadable); saving replaces it.
        </p>
      )}
      {/* A choice saved here or in another tab starts the form afresh from it. */}
      <SearchModelForm key={JSON.stringify(stored)} stored={stored} />
      <SearchModelStatus status={useSearchStatus()} stored={stored} />
    </section>
  )
}

const SearchModelForm = ({ stored }: { stored: SearchEndpoint | null }) => {
  const store = useAppStore()
  const key = useDataKey()
  const run = useCommand()
  const toast = useToast()
  const [useEndpoint, setUseEndpoint] = useState(stored !== null)
  const [baseUrl, setBaseUrl] = useState(stored?.baseUrl ?? '')
  const [model, setModel] = useState(stored?.model ?? '')
  const [apiKey, setApiKey] = useState(stored?.apiKey ?? '')

  const chosen: SearchEndpoint | null = useEndpoint ? { baseUrl, model, apiKey } : null
  const unchanged =
    chosen === null
      ? stored === null
      : stored !== null &&
        stored.baseUrl === baseUrl.trim() &&
        stored.model === model.trim() &&
        stored.apiKey === apiKey.trim()

  const save = (e: FormEvent) => {
    e.preventDefault()
    if (run(() => chooseSearchModel(store, key, chosen))) {
      toast({
        tone: 'info',
        message:
          chosen === null
            ? 'Search uses the built-in model again.'
            : 'Saved. Everything is embedded again by your endpoint; search keeps working meanwhile.',
      })
    }
  }

  return (
    <form className="search-model-form" onSubmit={save}>
      <fieldset className="model-choices">
        <legend className="visually-hidden">Model for search by meaning</legend>
        <label className="choice-card">
          <input
            type="radio"
            name="search-model"
            checked={!useEndpoint}
            onChange={() => setUseEndpoint(false)}
          />
          <span>
            Built-in model
            <small>Works offline; nothing leaves this browser.</small>
          </span>
        </label>
        <label className="choice-card">
          <input
            type="radio"
            name="search-model"
            checked={useEndpoint}
            onChange={() => setUseEndpoint(true)}
          />
          <span>
            My own endpoint
            <small>Any OpenAI-compatible /v1/embeddings server.</small>
          </span>
        </label>
      </fieldset>
      {useEndpoint && (
        <div className="search-model-fields">
          <label className="field">
            <span>Endpoint address</span>
            <input
              autoComplete="off"
              inputMode="url"
              placeholder="http://127.0.0.1:11434"
              required
              value={baseUrl}
              onChange={(e) => setBaseUrl(e.target.value)}
            />
          </label>
          <label className="field">
            <span>Embedding model</span>
            <input
              autoComplete="off"
              maxLength={SEARCH_MODEL_NAME_MAX}
              placeholder="nomic-embed-text"
              required
              value={model}
              onChange={(e) => setModel(e.target.value)}
            />
          </label>
          <div className="field">
            <span>API key (if the endpoint needs one)</span>
            <SecretInput
              label="API key (if the endpoint needs one)"
              maxLength={API_KEY_MAX}
              value={apiKey}
              onChange={(e) => setApiKey(e.target.value)}
            />
          </div>
        </div>
      )}
      <button type="submit" className="button" disabled={unchanged}>
        Save model choice
      </button>
    </form>
  )
}

/** What the search worker is doing with the chosen model, in words. */
const SearchModelStatus = ({
  status,
  stored,
}: {
  status: HostStatus | null
  stored: SearchEndpoint | null
}) => {
  if (status === null || !status.open) return null
  const { model, progress, semantic } = status
  let text: string
  let tone: 'info' | 'error' = 'info'
  if (model.connecting) text = `Connecting to ${model.label}…`
  else if (model.error !== null) {
    tone = 'error'
    text = `Hearth cannot use ${model.label}: ${model.error}. Keyword search still works; search by meaning is off until the endpoint answers.`
  } else if (progress !== null && progress.total > 0)
    text = `Embedding with ${model.label}: ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}. Search keeps working meanwhile.`
  else if (!semantic.available) {
    tone = 'error'
    text = `Search by meaning is unavailable: ${semantic.reason}. Keyword search still works.`
  } else text = `In use: ${model.label}, for ${status.documents.toLocaleString()} searchable items.`
  return (
    <div
      className={tone === 'error' ? 'search-model-status field-error' : 'search-model-status'}
      role="status"
    >
      <p>{text}</p>
      {model.error !== null && stored !== null && (
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            searchWorker()
              .chooseModel({ kind: 'endpoint', ...stored })
              .catch((error: unknown) => console.error('search: retry failed', error))
          }}
        >
          Try the endpoint again
        </button>
      )}
      {progress !== null && progress.total > 0 && !model.connecting && (
        <progress max={progress.total} value={progress.done} aria-label="Embedding progress" />
      )}
    </div>
  )
}
