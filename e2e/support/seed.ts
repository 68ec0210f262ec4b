import type { Page } from '@playwright/test'
import type { ChunkRecord, DocumentKind } from '../../src/schema/documents.ts'
import type { NotificationKind, NotificationPriority } from '../../src/schema/notifications.ts'
import type { PersonaRecord } from '../../src/schema/personas.ts'

/* Seeding for kinds of data the app has no way to create by hand yet (workflows post notifications,
   search imports documents): through the bench handle, sealed with the page's own vault key. */

export type PlainNotification = {
  id: string
  kind: NotificationKind
  priority: NotificationPriority
  title: string
  body: string
  createdAt: number
}

/** Posts notifications as a workflow or reminder would, sealed with the page's vault key (needs `bench`). */
export const postNotifications = (page: Page, notifications: PlainNotification[]) =>
  page.evaluate(async (list) => {
    const hearth = window.__hearth
    if (hearth === undefined) throw new Error('bench handle missing: open the app with { bench: true }')
    const sealed = (recordId: string, field: string, text: string) =>
      hearth.seal.field({ table: 'notifications', field, recordId }, text)
    hearth.store.commit(
      ...list.map((n) =>
        hearth.events.notificationPosted({
          ...n,
          title: sealed(n.id, 'title', n.title),
          body: sealed(n.id, 'body', n.body),
          subjectId: null,
        }),
      ),
    )
    await hearth.whenPersisted()
  }, notifications)

export type PlainDocument = {
  id: string
  personaId: string | null
  name: string
  kind: DocumentKind
  size: number
  chunks: ChunkRecord[]
  createdAt: number
}

/** Imports personas and documents with their chunks as the import of the search issue will: one event per document. */
export const importDocuments = (
  page: Page,
  data: { personas: PersonaRecord[]; documents: PlainDocument[] },
) =>
  page.evaluate(async ({ personas, documents }) => {
    const hearth = window.__hearth
    if (hearth === undefined) throw new Error('bench handle missing: open the app with { bench: true }')
    hearth.store.commit(
      hearth.events.personasImported({ personas: personas.map(hearth.seal.persona) }),
      ...documents.map((d) =>
        hearth.events.documentImported({
          ...d,
          name: hearth.seal.field({ table: 'documents', field: 'name', recordId: d.id }, d.name),
          chunks: d.chunks.map(hearth.seal.chunk),
        }),
      ),
    )
    await hearth.whenPersisted()
  }, data)
