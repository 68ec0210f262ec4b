import { makeSchema, State } from '@livestore/livestore'
import { conversationEvents, conversationMaterializers, conversations, messages } from './conversations.ts'
import { documentChunks, documentEvents, documentMaterializers, documents } from './documents.ts'
import { cleanups, lifecycleEvents, lifecycleMaterializers } from './lifecycle.ts'
import { memories, memoryEvents, memoryLinks, memoryMaterializers } from './memories.ts'
import { memoryHistory, mergeDismissals } from './memory-history.ts'
import { notificationEvents, notificationMaterializers, notifications } from './notifications.ts'
import { personaEvents, personaMaterializers, personas } from './personas.ts'
import { makeRebuildHooks } from './rebuild.ts'
import { restoreEvents, restoreMaterializers } from './restore.ts'
import { settings, settingsEvents, settingsMaterializers } from './settings.ts'
import { memoriesWithProbeColumn, TABLE_CHANGE_PROBE } from './table-change-probe.ts'
import { memoryListState } from './ui-state.ts'
import { workflowEvents, workflowMaterializers, workflowRuns, workflows } from './workflows.ts'

export const tables = {
  personas,
  memories,
  memoryLinks,
  memoryHistory,
  mergeDismissals,
  conversations,
  messages,
  workflows,
  workflowRuns,
  documents,
  documentChunks,
  notifications,
  settings,
  cleanups,
  memoryListState,
}

export const events = {
  ...personaEvents,
  ...memoryEvents,
  ...conversationEvents,
  ...workflowEvents,
  ...documentEvents,
  ...notificationEvents,
  ...settingsEvents,
  ...restoreEvents,
  ...lifecycleEvents,
  memoryListStateSet: memoryListState.set,
}

const materializers = {
  ...personaMaterializers,
  ...memoryMaterializers,
  ...conversationMaterializers,
  ...workflowMaterializers,
  ...documentMaterializers,
  ...notificationMaterializers,
  ...settingsMaterializers,
  ...restoreMaterializers,
  ...lifecycleMaterializers,
}

/**
 * Migration strategy: `auto` (LiveStore rebuilds state from the event log when a table changes).
 * Bulk data arrives in batch events, so the log stays short relative to the rows it holds and a
 * rebuild replays hundreds of events, not one per row, in one transaction (`rebuild.ts`). See
 * docs/ARCHITECTURE.md ("Schema evolution").
 */
export const makeHearthState = (probe: boolean) =>
  State.SQLite.makeState({
    tables: probe ? { ...tables, memories: memoriesWithProbeColumn } : tables,
    materializers,
    migrations: { strategy: 'auto', hooks: makeRebuildHooks() },
  })

const state = makeHearthState(TABLE_CHANGE_PROBE)

export const schema = makeSchema({ events, state })
