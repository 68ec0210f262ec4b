import { nanoid } from '@livestore/livestore'
import { type FormEvent, useId, useState } from 'react'
import { newStep, STEP_CATALOGUE, type StepField } from '../../commands/workflow-steps.ts'
import { STEPS_MAX, type WorkflowDraft } from '../../commands/workflows.ts'
import {
  STEP_KINDS,
  WATCHED_EVENT_NAMES,
  type WorkflowStep,
  type WorkflowTrigger,
} from '../../schema/workflows.ts'
import { FormError } from '../components/FormError.tsx'

type Persona = { id: string; name: string; avatar: string }
type Props = {
  initial: WorkflowDraft
  personas: ReadonlyArray<Persona>
  submitLabel: string
  error: string | null
  onSubmit: (draft: WorkflowDraft) => void
}
type StepKind = WorkflowStep['kind']

const TRIGGERS: Array<{ kind: WorkflowTrigger['kind']; label: string; hint: string }> = [
  { kind: 'manual', label: 'By hand', hint: 'Runs when you start it.' },
  { kind: 'schedule', label: 'On a schedule', hint: 'Every few minutes, or by a cron expression.' },
  { kind: 'event', label: 'On an event', hint: 'When something happens in Hearth.' },
]
/** Events the app announces to workflows (the runner watches each, src/schema/workflows.ts). */
const EVENTS: ReadonlyArray<string> = WATCHED_EVENT_NAMES

/** What the trigger fields hold while typed; turned into a `WorkflowTrigger` on save. */
type TriggerText = { kind: WorkflowTrigger['kind']; every: string; cron: string; event: string }
const triggerText = (t: WorkflowTrigger): TriggerText => ({
  kind: t.kind,
  every: t.kind === 'schedule' && t.everyMinutes !== null ? String(t.everyMinutes) : '',
  cron: t.kind === 'schedule' ? (t.cron ?? '') : '',
  event: t.kind === 'event' ? t.event : (EVENTS[0] ?? ''),
})
const toTrigger = (t: TriggerText): WorkflowTrigger => {
  if (t.kind === 'manual') return { kind: 'manual' }
  if (t.kind === 'event') return { kind: 'event', event: t.event }
  const every = t.every.trim() === '' ? null : Number(t.every)
  return { kind: 'schedule', everyMinutes: every, cron: t.cron.trim() === '' ? null : t.cron }
}

const StepKindOptions = () =>
  STEP_KINDS.map((k) => (
    <option key={k} value={k}>
      {STEP_CATALOGUE[k].label}
    </option>
  ))

const StepSetting = ({
  field,
  value,
  onChange,
}: {
  field: StepField
  value: string
  onChange: (value: string) => void
}) => {
  const label = (
    <span>
      {field.label}
      {!field.required && <span className="optional"> (optional)</span>}
    </span>
  )
  if (field.input === 'long-text') {
    return (
      <label className="field step-field-wide">
        {label}
        <textarea rows={3} value={value} onChange={(e) => onChange(e.target.value)} />
      </label>
    )
  }
  if (field.input === 'choice') {
    return (
      <label className="field">
        {label}
        <select value={value} onChange={(e) => onChange(e.target.value)}>
          {(field.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
    )
  }
  return (
    <label className="field">
      {label}
      <input
        inputMode={field.input === 'number' ? 'numeric' : undefined}
        placeholder={field.placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  )
}

/**
 * A workflow's name, trigger and ordered steps. Steps move with buttons (no dragging needed), and
 * each move is announced, so the order can be changed from the keyboard and heard.
 */
export const WorkflowEditor = ({ initial, personas, submitLabel, error, onSubmit }: Props) => {
  const id = useId()
  const [name, setName] = useState(initial.name)
  const [description, setDescription] = useState(initial.description)
  const [personaId, setPersonaId] = useState(initial.personaId)
  const [tagText, setTagText] = useState(initial.tags.join(', '))
  const [trigger, setTrigger] = useState(() => triggerText(initial.trigger))
  const [steps, setSteps] = useState<WorkflowStep[]>(() => [...initial.steps])
  const [addKind, setAddKind] = useState<StepKind>('prompt')
  const [announcement, setAnnouncement] = useState('')

  const setConfig = (stepId: string, key: string, value: string) =>
    setSteps((all) => all.map((s) => (s.id === stepId ? { ...s, config: { ...s.config, [key]: value } } : s)))
  const setKind = (stepId: string, kind: StepKind) =>
    setSteps((all) => all.map((s) => (s.id === stepId ? newStep(kind, s.id) : s)))
  const move = (index: number, by: -1 | 1) => {
    const to = index + by
    setSteps((all) => {
      const next = [...all]
      const [step] = next.splice(index, 1)
      if (step !== undefined) next.splice(to, 0, step)
      return next
    })
    setAnnouncement(`Step ${index + 1} moved ${by < 0 ? 'up' : 'down'}; it is now step ${to + 1}.`)
  }
  const remove = (index: number) => {
    setSteps((all) => all.filter((_, i) => i !== index))
    setAnnouncement(`Step ${index + 1} removed.`)
  }
  const add = () => {
    setSteps((all) => [...all, newStep(addKind, nanoid())])
    setAnnouncement(`Step ${steps.length + 1} added: ${STEP_CATALOGUE[addKind].label}.`)
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    onSubmit({
      name,
      description,
      personaId,
      tags: tagText.split(','),
      trigger: toTrigger(trigger),
      steps,
    })
  }

  return (
    <form className="form workflow-editor" onSubmit={submit} aria-label="Workflow">
      <div className="form-row">
        <label className="field field-grow">
          <span>Name</span>
          <input required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>Persona</span>
          <select
            value={personaId ?? ''}
            onChange={(e) => setPersonaId(e.target.value === '' ? null : e.target.value)}
          >
            <option value="">Any persona</option>
            {personas.map((p) => (
              <option key={p.id} value={p.id}>
                {`${p.avatar} ${p.name}`.trim()}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span>Description</span>
        <textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label className="field">
        <span>Tags (comma-separated)</span>
        <input value={tagText} onChange={(e) => setTagText(e.target.value)} placeholder="daily, digest" />
      </label>

      <fieldset className="fieldset">
        <legend>When it runs</legend>
        <div className="trigger-choices">
          {TRIGGERS.map((t) => (
            <label key={t.kind} className="choice-card">
              <input
                type="radio"
                name={`${id}-trigger`}
                checked={trigger.kind === t.kind}
                onChange={() => setTrigger((x) => ({ ...x, kind: t.kind }))}
              />
              <span>
                <strong>{t.label}</strong>
                <small>{t.hint}</small>
              </span>
            </label>
          ))}
        </div>
        {trigger.kind === 'schedule' && (
          <div className="form-row">
            <label className="field">
              <span>Every (minutes)</span>
              <input
                inputMode="numeric"
                value={trigger.every}
                onChange={(e) => setTrigger((x) => ({ ...x, every: e.target.value }))}
              />
            </label>
            <label className="field">
              <span>or cron (minute hour day month weekday)</span>
              <input
                placeholder="0 7 * * *"
                value={trigger.cron}
                onChange={(e) => setTrigger((x) => ({ ...x, cron: e.target.value }))}
              />
            </label>
          </div>
        )}
        {trigger.kind === 'event' && (
          <label className="field">
            <span>Event</span>
            <select
              value={trigger.event}
              onChange={(e) => setTrigger((x) => ({ ...x, event: e.target.value }))}
            >
              {/* An event this version does not list (older data, another device) stays choosable. */}
              {(EVENTS.includes(trigger.event) ? EVENTS : [trigger.event, ...EVENTS]).map((ev) => (
                <option key={ev} value={ev}>
                  {ev}
                </option>
              ))}
            </select>
          </label>
        )}
      </fieldset>

      <fieldset className="fieldset">
        <legend>Steps, in order</legend>
        <ol className="step-list" aria-label="Steps">
          {steps.map((step, i) => (
            <li
              key={step.id}
              className="step-card"
              aria-label={`Step ${i + 1}: ${STEP_CATALOGUE[step.kind].label}`}
            >
              <div className="step-head">
                <span className="step-number" aria-hidden="true">
                  {i + 1}
                </span>
                <label className="field field-inline">
                  <span className="visually-hidden">Step {i + 1} does</span>
                  <select value={step.kind} onChange={(e) => setKind(step.id, e.target.value as StepKind)}>
                    <StepKindOptions />
                  </select>
                </label>
                <span className="step-actions">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move step ${i + 1} up`}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move step ${i + 1} down`}
                    disabled={i === steps.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="icon-button button-danger"
                    aria-label={`Remove step ${i + 1}`}
                    onClick={() => remove(i)}
                  >
                    ×
                  </button>
                </span>
              </div>
              {STEP_CATALOGUE[step.kind].fields.length > 0 && (
                <div className="form-row step-fields">
                  {STEP_CATALOGUE[step.kind].fields.map((field) => (
                    <StepSetting
                      key={field.key}
                      field={field}
                      value={step.config[field.key] ?? ''}
                      onChange={(value) => setConfig(step.id, field.key, value)}
                    />
                  ))}
                </div>
              )}
            </li>
          ))}
        </ol>
        {steps.length === 0 && <p className="muted">No steps yet: add what the workflow should do.</p>}
        <div className="form-row add-step">
          <label className="field">
            <span>New step</span>
            <select value={addKind} onChange={(e) => setAddKind(e.target.value as StepKind)}>
              <StepKindOptions />
            </select>
          </label>
          <button type="button" className="button" onClick={add} disabled={steps.length >= STEPS_MAX}>
            Add step
          </button>
        </div>
        <p className="visually-hidden" aria-live="polite">
          {announcement}
        </p>
      </fieldset>

      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          {submitLabel}
        </button>
      </div>
    </form>
  )
}
