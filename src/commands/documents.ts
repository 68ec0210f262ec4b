import { documentById$, documentFields } from '../schema/documents.ts'
import { events } from '../schema/index.ts'
import type { DataKey } from '../vault/envelope.ts'
import { CommandError, requireText } from './command-error.ts'
import type { HearthStore } from './store.ts'

export const DOCUMENT_NAME_MAX = 300

/** The document if it is still there; commands refuse to change one deleted (e.g. in another tab). */
const liveDocument = (store: HearthStore, id: string) => {
  const row = store.query(documentById$(id))
  if (row === undefined || row.deletedAt !== null) {
    throw new CommandError('This document no longer exists (it may have been deleted in another tab).')
  }
  return row
}

/** Renames a document (the name is sealed); the same name again writes nothing and returns false. */
export const renameDocument = (store: HearthStore, key: DataKey, id: string, name: string): boolean => {
  const valid = requireText(name, 'Name', DOCUMENT_NAME_MAX)
  const before = documentFields.open(key, liveDocument(store, id))
  if (!before.unreadable && before.name === valid) return false
  store.commit(events.documentRenamed({ id, ...documentFields.seal(key, id, { name: valid }) }))
  return true
}

/** Deletes a document with its chunks (soft: the rows stay for history, every list hides them). */
export const deleteDocument = (store: HearthStore, id: string, now = Date.now()) => {
  liveDocument(store, id)
  store.commit(events.documentDeleted({ id, deletedAt: now }))
  return now
}

/** Undo of `deleteDocument`. */
export const restoreDocument = (store: HearthStore, id: string, deletedAt: number) =>
  store.commit(events.documentRestored({ id, deletedAt }))
