import { MEMORY_TYPES } from '../schema/memories.ts'
import type { WorkflowStep } from '../schema/workflows.ts'

type StepKind = WorkflowStep['kind']

/** One setting of a step, as the editor shows it and the command checks it. */
export type StepField = {
  key: string
  label: string
  input: 'text' | 'long-text' | 'number' | 'choice'
  required: boolean
  options?: ReadonlyArray<string>
  /** For numbers: the allowed range. */
  min?: number
  max?: number
  placeholder?: string
}

/** What each kind of step does and needs: the single source for the editor and for validation. */
export const STEP_CATALOGUE: Record<StepKind, { label: string; fields: ReadonlyArray<StepField> }> = {
  'search-memories': {
    label: 'Search memories',
    fields: [
      { key: 'query', label: 'Look for', input: 'text', required: true, placeholder: 'tasks due today' },
      { key: 'limit', label: 'At most', input: 'number', required: false, min: 1, max: 200 },
    ],
  },
  prompt: {
    label: 'Ask the model',
    fields: [{ key: 'prompt', label: 'Prompt', input: 'long-text', required: true }],
  },
  'create-memory': {
    label: 'Save as a memory',
    fields: [
      { key: 'type', label: 'Memory type', input: 'choice', required: true, options: MEMORY_TYPES },
      { key: 'tags', label: 'Tags', input: 'text', required: false, placeholder: 'digest, weekly' },
    ],
  },
  'summarise-conversation': {
    label: 'Summarise the conversation',
    fields: [
      { key: 'maxWords', label: 'At most (words)', input: 'number', required: false, min: 10, max: 2000 },
    ],
  },
  notify: {
    label: 'Send a notification',
    fields: [
      { key: 'title', label: 'Title', input: 'text', required: true },
      {
        key: 'priority',
        label: 'Priority',
        input: 'choice',
        required: true,
        options: ['low', 'normal', 'high'],
      },
    ],
  },
  wait: {
    label: 'Wait',
    fields: [{ key: 'minutes', label: 'Minutes', input: 'number', required: true, min: 1, max: 10_080 }],
  },
}

/** A new step of a kind, with its choices preset to their first option. */
export const newStep = (kind: StepKind, id: string): WorkflowStep => ({
  id,
  kind,
  config: Object.fromEntries(
    STEP_CATALOGUE[kind].fields.filter((f) => f.input === 'choice').map((f) => [f.key, f.options?.[0] ?? '']),
  ),
})

/** Why a step cannot be saved, in the words of its editor ("Step 2 (Wait): Minutes …"), or null. */
export const stepProblem = (step: WorkflowStep, position: number): string | null => {
  const entry = STEP_CATALOGUE[step.kind]
  if (entry === undefined) return `Step ${position} has an unknown kind.`
  const where = `Step ${position} (${entry.label})`
  for (const field of entry.fields) {
    const value = (step.config[field.key] ?? '').trim()
    if (value === '') {
      if (field.required) return `${where}: ${field.label} cannot be empty.`
      continue
    }
    if (field.input === 'number') {
      const n = Number(value)
      if (!Number.isInteger(n) || n < (field.min ?? 0) || n > (field.max ?? Number.MAX_SAFE_INTEGER)) {
        return `${where}: ${field.label} must be a whole number from ${field.min ?? 0} to ${field.max}.`
      }
    }
    if (field.input === 'choice' && !(field.options ?? []).includes(value)) {
      return `${where}: ${field.label} must be one of ${(field.options ?? []).join(', ')}.`
    }
  }
  return null
}
