import { type FormEvent, useId, useState } from 'react'
import type { Personality, PersonaProfile } from '../../schema/personas.ts'
import { ConnectionTest } from '../components/ConnectionTest.tsx'
import { SecretInput } from '../components/SecretInput.tsx'

const TRAITS: Array<{ key: keyof Personality; label: string; low: string; high: string }> = [
  { key: 'friendliness', label: 'Friendliness', low: 'reserved', high: 'warm' },
  { key: 'formality', label: 'Formality', low: 'casual', high: 'formal' },
  { key: 'humour', label: 'Humour', low: 'serious', high: 'playful' },
  { key: 'proactiveness', label: 'Proactiveness', low: 'waits to be asked', high: 'takes initiative' },
]

type Props = {
  formId: string
  initial: PersonaProfile
  /** The stored API key, opened only for this form ('' when there is none). */
  initialApiKey: string
  /** `apiKey` is `undefined` when the person left it as it was. */
  onSubmit: (profile: PersonaProfile, apiKey: string | undefined) => void
}

/** The persona editor; the caller decides what saving means (create or update). */
export const PersonaForm = ({ formId, initial, initialApiKey, onSubmit }: Props) => {
  const [profile, setProfile] = useState(initial)
  const [apiKey, setApiKey] = useState(initialApiKey)
  const id = useId()
  const set = <K extends keyof PersonaProfile>(key: K, value: PersonaProfile[K]) =>
    setProfile((p) => ({ ...p, [key]: value }))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    onSubmit(profile, apiKey === initialApiKey ? undefined : apiKey)
  }

  return (
    <form id={formId} className="form" onSubmit={submit}>
      <div className="form-row">
        <label className="field field-narrow">
          <span>Avatar</span>
          <input value={profile.avatar} maxLength={8} onChange={(e) => set('avatar', e.target.value)} />
        </label>
        <label className="field field-grow">
          <span>Name</span>
          <input
            required
            data-autofocus
            maxLength={200}
            value={profile.name}
            onChange={(e) => set('name', e.target.value)}
          />
        </label>
      </div>
      <label className="field">
        <span>Description</span>
        <textarea rows={2} value={profile.description} onChange={(e) => set('description', e.target.value)} />
      </label>
      <label className="field">
        <span>System prompt</span>
        <textarea
          rows={4}
          value={profile.systemPrompt}
          onChange={(e) => set('systemPrompt', e.target.value)}
        />
      </label>
      <fieldset className="fieldset">
        <legend>Personality</legend>
        <div className="sliders">
          {TRAITS.map((trait) => (
            <label key={trait.key} className="slider">
              <span className="slider-label">
                {trait.label} <output>{Math.round(profile.personality[trait.key] * 100)}%</output>
              </span>
              <input
                type="range"
                min={0}
                max={1}
                step={0.05}
                value={profile.personality[trait.key]}
                aria-valuetext={`${Math.round(profile.personality[trait.key] * 100)}%`}
                onChange={(e) =>
                  set('personality', { ...profile.personality, [trait.key]: Number(e.target.value) })
                }
              />
              <span className="slider-ends" aria-hidden="true">
                <span>{trait.low}</span>
                <span>{trait.high}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>Model</legend>
        <div className="form-row">
          <label className="field field-grow">
            <span>Endpoint (OpenAI-compatible)</span>
            <input
              type="url"
              placeholder="http://127.0.0.1:11434/v1"
              value={profile.modelSettings.endpoint}
              onChange={(e) => set('modelSettings', { ...profile.modelSettings, endpoint: e.target.value })}
            />
          </label>
          <label className="field">
            <span>Model</span>
            <input
              placeholder="llama3.1"
              value={profile.modelSettings.model}
              onChange={(e) => set('modelSettings', { ...profile.modelSettings, model: e.target.value })}
            />
          </label>
        </div>
        <div className="field">
          <span aria-hidden="true">API key</span>
          <SecretInput
            label="API key"
            placeholder="not needed for local models"
            aria-describedby={`${id}-api-key-hint`}
            value={apiKey}
            onChange={(e) => setApiKey(e.target.value)}
          />
          <small id={`${id}-api-key-hint`}>Stored encrypted, like everything else you write here.</small>
        </div>
        <p className="meta">
          Leave the endpoint empty to use the default in Settings › Model (a model named here still applies).
        </p>
        <ConnectionTest
          endpoint={profile.modelSettings.endpoint}
          model={profile.modelSettings.model}
          apiKey={apiKey}
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend>Memory</legend>
        <div className="form-row">
          <label className="check">
            <input
              type="checkbox"
              checked={profile.memorySettings.enabled}
              onChange={(e) =>
                set('memorySettings', { ...profile.memorySettings, enabled: e.target.checked })
              }
            />
            Remember things from conversations
          </label>
          <label className="field">
            <span id={`${id}-retention`}>Keep memories for (days)</span>
            <input
              type="number"
              min={1}
              placeholder="forever"
              aria-describedby={`${id}-retention-hint`}
              value={profile.memorySettings.retentionDays ?? ''}
              onChange={(e) =>
                set('memorySettings', {
                  ...profile.memorySettings,
                  retentionDays: e.target.value === '' ? null : Number(e.target.value),
                })
              }
            />
            <small id={`${id}-retention-hint`}>
              Empty follows Settings › Privacy (90 days without use by default).
            </small>
          </label>
        </div>
      </fieldset>
    </form>
  )
}
