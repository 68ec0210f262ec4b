import { commitBatches, whenPersisted } from '../commands/bulk.ts'
import type { HearthStore } from '../commands/store.ts'
import { generateSample, sampleRowCount } from '../sample/generate.ts'
import { presetOptions } from '../sample/presets.ts'
import { conversationMessagesQuery, recentConversationsQuery } from '../schema/conversations.ts'
import { events } from '../schema/index.ts'
import { memoryPage$, memoryPageQuery } from '../schema/memories.ts'
import { inbox$, inboxQuery } from '../schema/notifications.ts'
import { activePersonas$, activePersonasQuery } from '../schema/personas.ts'

/** What `npm run bench` and the e2e tests reach inside the page: the app's own store, events and queries. */
const handle = (store: HearthStore) => ({
  store,
  events,
  commitBatches: (batches: Parameters<typeof commitBatches>[1]) => commitBatches(store, batches),
  whenPersisted: () => whenPersisted(store),
  sample: { generateSample, presetOptions, sampleRowCount },
  queries: { activePersonas$, memoryPage$, inbox$ },
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
export const exposeBenchHandle = (store: HearthStore) => {
  if (!new URLSearchParams(window.location.search).has('bench')) return
  window.__hearth = handle(store)
  return () => {
    delete window.__hearth
  }
}
