import { commitBatches, whenPersisted } from '../commands/bulk.ts'
import type { HearthStore } from '../commands/store.ts'
import { type SampleOptions, sampleRowCount } from '../sample/generate.ts'
import { presetOptions } from '../sample/presets.ts'
import { sealedSample } from '../sample/seal-batch.ts'
import {
  conversationMessagesQuery,
  recentConversationsQuery,
  sealConversationRecord,
  sealMessageRecord,
} from '../schema/conversations.ts'
import { sealChunkRecord } from '../schema/documents.ts'
import { events } from '../schema/index.ts'
import { memoryFields, memoryPage$, memoryPageQuery, sealMemoryRecord } from '../schema/memories.ts'
import { inbox$, inboxQuery, notificationFields } from '../schema/notifications.ts'
import { activePersonas$, activePersonasQuery, personaFields, sealPersonaRecord } from '../schema/personas.ts'
import { sealRunRecord, sealWorkflowRecord } from '../schema/workflows.ts'
import type { HostSearchParams } from '../search/search-host.ts'
import { lifecycleRunsInThisTab, requestLifecycleRun } from '../ui/lifecycle/lifecycle-job.ts'
import { searchWorker } from '../ui/search/search-client.ts'
import { workflowRunsInThisTab } from '../ui/workflows/use-workflow-runner.ts'
import { type DataKey, type SealContext, seal } from '../vault/envelope.ts'

/**
 * What `npm run bench` and the e2e tests reach inside the page: the app's own store, events and
 * queries, and sealing with the unlocked vault's key (the key itself is not exposed), so that what
 * they commit goes through the same envelopes as what the screens commit.
 */
const handle = (store: HearthStore, key: DataKey) => ({
  store,
  events,
  commitBatches: (batches: Parameters<typeof commitBatches>[1]) => commitBatches(store, batches),
  whenPersisted: () => whenPersisted(store),
  sample: {
    sealedSample: (options: SampleOptions) => sealedSample(key, options),
    presetOptions,
    sampleRowCount,
  },
  seal: {
    field: (context: SealContext, plaintext: string) => seal(key, context, plaintext),
    persona: sealPersonaRecord.bind(null, key),
    memory: sealMemoryRecord.bind(null, key),
    conversation: sealConversationRecord.bind(null, key),
    message: sealMessageRecord.bind(null, key),
    workflow: sealWorkflowRecord.bind(null, key),
    run: sealRunRecord.bind(null, key),
    chunk: sealChunkRecord.bind(null, key),
  },
  /** Opening rows as the screens do (to time it, and to read what a probe wrote). */
  open: {
    persona: (row: Parameters<typeof personaFields.open>[1]) => personaFields.open(key, row),
    memory: (row: Parameters<typeof memoryFields.open>[1]) => memoryFields.open(key, row),
    notification: (row: Parameters<typeof notificationFields.open>[1]) => notificationFields.open(key, row),
  },
  queries: { activePersonas$, memoryPage$, inbox$ },
  /** The shared search worker, as the Search screen uses it (to time searches and indexing). */
  search: {
    run: (params: HostSearchParams) => searchWorker().search(params),
    status: () => searchWorker().status(),
    measure: (queries: readonly string[]) => searchWorker().measure(queries),
  },
  /** The lifecycle job: how many runs this tab made, and "Clean up now". */
  lifecycle: { runsInThisTab: lifecycleRunsInThisTab, runNow: requestLifecycleRun },
  /** The workflow runner: how many runs this tab started (one runner tab however many are open). */
  workflows: { runsInThisTab: workflowRunsInThisTab },
  /** The SQL each list query runs, to time it directly (and without its index, as a baseline). */
  sql: {
    activePersonas: () => activePersonasQuery.asSql(),
    memoryPage: (...args: Parameters<typeof memoryPageQuery>) => memoryPageQuery(...args).asSql(),
    recentConversations: (...args: Parameters<typeof recentConversationsQuery>) =>
      recentConversationsQuery(...args).asSql(),
    conversationMessages: (conversationId: string) => conversationMessagesQuery(conversationId).asSql(),
    inbox: () => inboxQuery.asSql(),
  },
})

export type BenchHandle = ReturnType<typeof handle>

declare global {
  interface Window {
    __hearth?: BenchHandle
  }
}

/**
 * `npm run bench` and the e2e tests drive the real app; with `?bench` in the URL they also get
 * the store to time queries and commits from inside the page. Without it nothing is exposed.
 */
export const exposeBenchHandle = (store: HearthStore, key: DataKey) => {
  if (!new URLSearchParams(window.location.search).has('bench')) return
  window.__hearth = handle(store, key)
  return () => {
    delete window.__hearth
  }
}
