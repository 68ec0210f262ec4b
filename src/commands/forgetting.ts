import { keyReferences, ownerKeyResolver, runKeys, UNDO_GRACE_MS } from '../lifecycle/forgetting.ts'
import { events } from '../schema/index.ts'
import type { RunSql } from '../search/store-sync.ts'
import type { DataKey } from '../vault/envelope.ts'
import type { RecordKeys } from '../vault/record-keyring.ts'
import { keysToDestroy } from '../vault/record-keys.ts'
import { CommandError } from './command-error.ts'
import type { HearthStore } from './store.ts'

const storeSql =
  (store: HearthStore): RunSql =>
  (query, bindValues) =>
    store.query({ query, bindValues }) as ReadonlyArray<unknown>

/**
 * Destroys every record key no kept record uses — those of records deleted before `now - graceMs`,
 * and spares nobody took — in storage and every tab, then removes the notifications about forgotten
 * records. Returns how many keys this call destroyed.
 */
export const forgetDeleted = async (
  store: HearthStore,
  records: RecordKeys,
  { now, graceMs = UNDO_GRACE_MS }: { now: number; graceMs?: number },
): Promise<number> => {
  const references = await keyReferences(storeSql(store), now - graceMs)
  const doomed = keysToDestroy(records.keys(), references, now)
  const destroyed = doomed.length === 0 ? 0 : await records.destroy(doomed)
  if (references.deadNotifications.length > 0) {
    store.commit(events.notificationsForgotten({ ids: references.deadNotifications }))
  }
  return destroyed
}

/** Lets the record keys find a record's key in this tab's store. */
export const resolveKeysFrom = (store: HearthStore, records: RecordKeys) =>
  records.setResolver(ownerKeyResolver(storeSql(store)))

const idsOf = (store: HearthStore, query: string, bindValues: Record<string, string | number>) =>
  (store.query({ query, bindValues }) as Array<{ id: string }>).map((row) => row.id)

/** What "forget this persona" takes, for the dialog that asks first. */
export const personaForgetting = (store: HearthStore, personaId: string) => {
  const bind = { personaId }
  return {
    memoryIds: idsOf(
      store,
      'SELECT id FROM memories WHERE personaId = $personaId AND deletedAt IS NULL',
      bind,
    ),
    conversationIds: idsOf(
      store,
      'SELECT id FROM conversations WHERE personaId = $personaId AND deletedAt IS NULL',
      bind,
    ),
    documentIds: idsOf(
      store,
      'SELECT id FROM documents WHERE personaId = $personaId AND deletedAt IS NULL',
      bind,
    ),
    runIds: idsOf(
      store,
      `SELECT r.id FROM workflow_runs r JOIN workflows w ON w.id = r.workflowId WHERE w.personaId = $personaId`,
      bind,
    ),
  }
}

/**
 * Commits what forgets, then destroys the keys at once: those of records now marked deleted, and
 * those of the removed runs (read before their rows go).
 */
const forgetNow = async (
  store: HearthStore,
  key: DataKey,
  runIds: ReadonlyArray<string>,
  commit: () => void,
  now: number,
): Promise<number> => {
  const doomedRuns = runKeys(storeSql(store), runIds)
  commit()
  if (key.records === undefined) return 0
  const runsDestroyed = doomedRuns.length === 0 ? 0 : await key.records.destroy(doomedRuns)
  return runsDestroyed + (await forgetDeleted(store, key.records, { now, graceMs: 0 }))
}

/**
 * Forgets a persona and everything of hers for good: one event marks it all deleted, then the keys
 * are destroyed at once (no Undo: the dialog says so). Returns how many record keys were destroyed.
 */
export const forgetPersona = async (
  store: HearthStore,
  key: DataKey,
  personaId: string,
  now = Date.now(),
): Promise<number> => {
  const what = personaForgetting(store, personaId)
  return forgetNow(
    store,
    key,
    what.runIds,
    () => store.commit(events.personaForgotten({ id: personaId, at: now, ...what })),
    now,
  )
}

/** What "forget everything since …" takes, for the dialog that asks first. */
export const sinceForgetting = (store: HearthStore, since: number) => {
  const bind = { since }
  const live = (table: string) =>
    idsOf(store, `SELECT id FROM ${table} WHERE createdAt >= $since AND deletedAt IS NULL`, bind)
  return {
    personaIds: live('personas'),
    memoryIds: live('memories'),
    conversationIds: live('conversations'),
    messageIds: live('messages'),
    documentIds: live('documents'),
    notificationIds: idsOf(store, 'SELECT id FROM notifications WHERE createdAt >= $since', bind),
    runIds: idsOf(store, 'SELECT id FROM workflow_runs WHERE createdAt >= $since', bind),
  }
}

/** Forgets everything created from `since` on, for good (no Undo). Returns how many keys were destroyed. */
export const forgetSince = async (
  store: HearthStore,
  key: DataKey,
  since: number,
  now = Date.now(),
): Promise<number> => {
  if (!Number.isFinite(since) || since > now) throw new CommandError('Choose a moment in the past.')
  const what = sinceForgetting(store, since)
  return forgetNow(
    store,
    key,
    what.runIds,
    () => store.commit(events.forgottenSince({ since, at: now, ...what })),
    now,
  )
}
