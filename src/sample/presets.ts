import { DEFAULT_BATCH_SIZE, type SampleOptions } from './generate.ts'

export type SamplePreset = Omit<SampleOptions, 'seed' | 'now'>

/**
 * Named sizes of sample data, shared by the app's "load sample data", the e2e tests and the
 * benchmark. Templates come on top of `workflows` (they have no runs and are not listed with the
 * ordinary workflows).
 */
export const SAMPLE_PRESETS = {
  small: {
    personas: 3,
    memories: 200,
    conversations: 20,
    messagesPerConversation: 12,
    workflows: 5,
    runsPerWorkflow: 4,
    workflowTemplates: 2,
    batchSize: DEFAULT_BATCH_SIZE,
  },
  medium: {
    personas: 5,
    memories: 10_000,
    conversations: 200,
    messagesPerConversation: 12,
    workflows: 20,
    runsPerWorkflow: 6,
    workflowTemplates: 4,
    batchSize: DEFAULT_BATCH_SIZE,
  },
  large: {
    personas: 8,
    memories: 100_000,
    conversations: 1_000,
    messagesPerConversation: 14,
    workflows: 50,
    runsPerWorkflow: 8,
    workflowTemplates: 6,
    batchSize: DEFAULT_BATCH_SIZE,
  },
} as const satisfies Record<string, SamplePreset>

export type SamplePresetName = keyof typeof SAMPLE_PRESETS

/** A preset's full options for a given seed and clock. */
export const presetOptions = (name: SamplePresetName, seed: number, now: number): SampleOptions => ({
  ...SAMPLE_PRESETS[name],
  seed,
  now,
})
