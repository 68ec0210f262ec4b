import { type FormEvent, useId, useState } from 'react'
import { setDefaultModel, setModelPrices } from '../../commands/settings.ts'
import {
  type DefaultModel,
  defaultModelFields,
  defaultModelSecretFields,
  type ModelPrice,
  settings$,
} from '../../schema/settings.ts'
import { useAppStore } from '../../store/app-store.ts'
import { ConnectionTest } from '../components/ConnectionTest.tsx'
import { SecretInput } from '../components/SecretInput.tsx'
import { useCommand, useToast } from '../components/Toasts.tsx'
import { useDataKey, useOpenedOne } from '../vault/vault-session.tsx'

/** One price of a price row, in dollars per million tokens. */
const PriceCell = (props: { label: string; value: string; onChange: (text: string) => void }) => (
  <td>
    <input
      aria-label={props.label}
      inputMode="decimal"
      value={props.value}
      placeholder="0"
      onChange={(e) => props.onChange(e.target.value)}
    />
  </td>
)

/** The default model endpoint (for personas without their own) and the price table behind each reply's cost. */
export const ModelPanel = () => {
  const store = useAppStore()
  const key = useDataKey()
  const settings = store.useQuery(settings$)
  const opened = useOpenedOne(settings, defaultModelFields.open)
  const model = opened === undefined || opened.unreadable ? { endpoint: '', model: '' } : opened.defaultModel
  return (
    <section className="panel" aria-labelledby="model-title">
      <h2 id="model-title">Model</h2>
      <p>
        The OpenAI-compatible endpoint personas use when they have none of their own: a local server (Ollama,
        llama.cpp) or a hosted one with an API key. The address and key are stored encrypted; a backup keeps
        the key encrypted, a plain export leaves it out.
      </p>
      <DefaultModelForm
        key={`${model.endpoint}|${model.model}`}
        stored={model}
        openKey={() => defaultModelSecretFields.open(key, settings).defaultApiKey ?? ''}
      />
      <PriceTable key={JSON.stringify(settings.modelPrices)} stored={settings.modelPrices} />
    </section>
  )
}

const DefaultModelForm = ({ stored, openKey }: { stored: DefaultModel; openKey: () => string }) => {
  const store = useAppStore()
  const key = useDataKey()
  const run = useCommand()
  const toast = useToast()
  const [initialKey] = useState(openKey)
  const [draft, setDraft] = useState(stored)
  const [apiKey, setApiKey] = useState(initialKey)
  const id = useId()

  const save = (e: FormEvent) => {
    e.preventDefault()
    if (run(() => setDefaultModel(store, key, draft, apiKey === initialKey ? undefined : apiKey))) {
      toast({ tone: 'info', message: 'The default model is saved.' })
    }
  }

  return (
    <form className="form model-form" onSubmit={save} aria-label="Default model">
      <div className="form-row">
        <label className="field field-grow">
          <span>Endpoint (OpenAI-compatible)</span>
          <input
            type="url"
            autoComplete="off"
            placeholder="http://127.0.0.1:11434/v1"
            value={draft.endpoint}
            onChange={(e) => setDraft({ ...draft, endpoint: e.target.value })}
          />
        </label>
        <label className="field">
          <span>Model</span>
          <input
            autoComplete="off"
            placeholder="llama3.1"
            value={draft.model}
            onChange={(e) => setDraft({ ...draft, model: e.target.value })}
          />
        </label>
      </div>
      <div className="field">
        <span aria-hidden="true">API key</span>
        <SecretInput
          label="API key"
          placeholder="not needed for local models"
          aria-describedby={`${id}-key-hint`}
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
        />
        <small id={`${id}-key-hint`}>Stored encrypted; sent only to this endpoint.</small>
      </div>
      <div className="form-actions-inline">
        <ConnectionTest endpoint={draft.endpoint} model={draft.model} apiKey={apiKey} />
        <button
          type="submit"
          className="button button-primary"
          disabled={
            draft.endpoint === stored.endpoint && draft.model === stored.model && apiKey === initialKey
          }
        >
          Save default model
        </button>
      </div>
    </form>
  )
}

type PriceDraft = { model: string; input: string; output: string }

const toDraft = (p: ModelPrice): PriceDraft => ({
  model: p.model,
  input: String(p.inputPerMillion),
  output: String(p.outputPerMillion),
})

/** Per-model prices per million tokens; a reply's cost is worked out from them when it arrives. */
const PriceTable = ({ stored }: { stored: ReadonlyArray<ModelPrice> }) => {
  const store = useAppStore()
  const run = useCommand()
  const toast = useToast()
  const [rows, setRows] = useState<PriceDraft[]>(() =>
    stored.length === 0 ? [{ model: '', input: '', output: '' }] : stored.map(toDraft),
  )
  const id = useId()
  const set = (i: number, change: Partial<PriceDraft>) =>
    setRows((all) => all.map((r, j) => (j === i ? { ...r, ...change } : r)))

  const save = (e: FormEvent) => {
    e.preventDefault()
    const prices = rows.map((r) => ({
      model: r.model,
      inputPerMillion: r.input.trim() === '' ? 0 : Number(r.input),
      outputPerMillion: r.output.trim() === '' ? 0 : Number(r.output),
    }))
    if (run(() => setModelPrices(store, prices))) toast({ tone: 'info', message: 'Prices saved.' })
  }

  return (
    <form className="form price-form" onSubmit={save} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Prices</h3>
      <p id={`${id}-lead`}>
        Per million tokens, in your currency. A reply’s cost is worked out when it arrives; a model without a
        price shows no cost. A name also covers longer names that start with it (gpt-4o-mini covers
        gpt-4o-mini-2024-07-18).
      </p>
      <table className="price-table" aria-describedby={`${id}-lead`}>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Input / 1M tokens</th>
            <th scope="col">Output / 1M tokens</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            <tr key={i}>
              <td>
                <input
                  aria-label={`Model of price row ${i + 1}`}
                  autoComplete="off"
                  value={row.model}
                  placeholder="gpt-4o-mini"
                  onChange={(e) => set(i, { model: e.target.value })}
                />
              </td>
              <PriceCell
                label={`Input price of price row ${i + 1}`}
                value={row.input}
                onChange={(input) => set(i, { input })}
              />
              <PriceCell
                label={`Output price of price row ${i + 1}`}
                value={row.output}
                onChange={(output) => set(i, { output })}
              />
              <td>
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Remove price row ${i + 1}`}
                  onClick={() => setRows((all) => all.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions-inline">
        <button
          type="button"
          className="button"
          onClick={() => setRows((all) => [...all, { model: '', input: '', output: '' }])}
        >
          Add a model
        </button>
        <button type="submit" className="button button-primary">
          Save prices
        </button>
      </div>
    </form>
  )
}
