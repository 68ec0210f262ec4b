import { Events, queryDb, Schema, State } from '@livestore/livestore'
import { removeMemoriesOps } from './memories.ts'
import { Id, Millis } from './shared.ts'

/**
 * What each cleanup removed (docs/LIFECYCLE.md): one row per run of the retention job, counts only.
 * Numbers and dates are not content: plain.
 */
export const cleanups = State.SQLite.table({
  name: 'cleanups',
  columns: {
    id: State.SQLite.text({ primaryKey: true }),
    ranAt: State.SQLite.integer(),
    memories: State.SQLite.integer({ default: 0 }),
    facts: State.SQLite.integer({ default: 0 }),
    conversations: State.SQLite.integer({ default: 0 }),
    workflowRuns: State.SQLite.integer({ default: 0 }),
    notifications: State.SQLite.integer({ default: 0 }),
  },
  indexes: [{ name: 'cleanups_recent', columns: ['ranAt'] }],
})
export type CleanupRow = typeof cleanups.Type

const Ids = Schema.Array(Id)

export const lifecycleEvents = {
  /**
   * "Forget this persona": the persona and everything of hers, soft-deleted at `at` like a delete by
   * hand but with no Undo; the forgetting job then destroys their record keys
   * (src/lifecycle/forgetting.ts). The ids are listed by the command, so replaying means the same.
   */
  personaForgotten: Events.synced({
    name: 'v1.PersonaForgotten',
    schema: Schema.Struct({
      id: Id,
      at: Millis,
      memoryIds: Ids,
      conversationIds: Ids,
      documentIds: Ids,
      // The runs of workflows acting for her (their results can quote her conversations): removed.
      // Optional: events written before runs were forgotten with her have none.
      runIds: Schema.optional(Ids),
    }),
  }),
  /** "Forget everything since …": what was created from `since` on, of every kind, soft-deleted at `at`. */
  forgottenSince: Events.synced({
    name: 'v1.ForgottenSince',
    schema: Schema.Struct({
      since: Millis,
      at: Millis,
      personaIds: Ids,
      memoryIds: Ids,
      conversationIds: Ids,
      messageIds: Ids,
      documentIds: Ids,
      notificationIds: Ids,
      runIds: Schema.optional(Ids),
    }),
  }),
  /**
   * One batch of a cleanup: what retention and expiry remove (at most ~1,000 ids of each kind per
   * event; a larger cleanup is several events with the same `cleanupId`). Memories (facts too) and
   * conversations (with their messages) are soft-deleted like a delete by hand; workflow runs and
   * notifications have no undo or history to keep and their rows go.
   */
  retentionApplied: Events.synced({
    name: 'v1.RetentionApplied',
    schema: Schema.Struct({
      cleanupId: Id,
      at: Millis,
      memoryIds: Schema.Array(Id),
      conversationIds: Schema.Array(Id),
      runIds: Schema.Array(Id),
      notificationIds: Schema.Array(Id),
    }),
  }),
}

const op = (sql: string, bindValues: Record<string, string | number>, tables: string[]) => ({
  sql,
  bindValues,
  writeTables: new Set(tables),
})

const IDS = '(SELECT value FROM json_each($ids))'

/** Counts what this batch really changed into the cleanup's row (a repeated event counts nothing). */
const count = (column: string, fromSql: string, ids: ReadonlyArray<string>, cleanupId: string, at: number) =>
  op(
    `UPDATE cleanups SET ${column} = ${column} + (SELECT count(*) ${fromSql}) WHERE id = $cleanupId`,
    { ids: JSON.stringify(ids), cleanupId, at },
    ['cleanups'],
  )

/** Conversations soft-deleted at `at`, with their messages (retention and forgetting alike). */
const forgetConversationsOps = (conversationIds: ReadonlyArray<string>, at: number) => [
  op(
    `UPDATE conversations SET deletedAt = $at WHERE id IN ${IDS} AND deletedAt IS NULL`,
    { ids: JSON.stringify(conversationIds), at },
    ['conversations'],
  ),
  op(
    `UPDATE messages SET deletedAt = $at WHERE conversationId IN ${IDS} AND deletedAt IS NULL`,
    { ids: JSON.stringify(conversationIds), at },
    ['messages'],
  ),
]

/** Conversations (with their messages) and documents soft-deleted at `at`. */
const forgetOps = (
  conversationIds: ReadonlyArray<string>,
  documentIds: ReadonlyArray<string>,
  at: number,
) => [
  ...forgetConversationsOps(conversationIds, at),
  op(
    `UPDATE documents SET deletedAt = $at WHERE id IN ${IDS} AND deletedAt IS NULL`,
    { ids: JSON.stringify(documentIds), at },
    ['documents'],
  ),
]

/** Runs have no undo or history to keep: forgetting one removes its row (its key then goes too). */
const removeRunsOp = (runIds: ReadonlyArray<string>) =>
  op(`DELETE FROM workflow_runs WHERE id IN ${IDS}`, { ids: JSON.stringify(runIds) }, ['workflow_runs'])

export const lifecycleMaterializers = State.SQLite.materializers(lifecycleEvents, {
  'v1.PersonaForgotten': ({ id, at, memoryIds, conversationIds, documentIds, runIds = [] }) => [
    ...removeMemoriesOps(memoryIds, at),
    ...forgetOps(conversationIds, documentIds, at),
    removeRunsOp(runIds),
    op('UPDATE personas SET deletedAt = $at WHERE id = $id AND deletedAt IS NULL', { id, at }, ['personas']),
  ],
  'v1.ForgottenSince': ({
    at,
    personaIds,
    memoryIds,
    conversationIds,
    messageIds,
    documentIds,
    notificationIds,
    runIds = [],
  }) => [
    ...removeMemoriesOps(memoryIds, at),
    ...forgetOps(conversationIds, documentIds, at),
    removeRunsOp(runIds),
    // Messages said since then in conversations begun before: gone, and their conversations recounted.
    op(
      `UPDATE messages SET deletedAt = $at WHERE id IN ${IDS} AND deletedAt IS NULL`,
      { ids: JSON.stringify(messageIds), at },
      ['messages'],
    ),
    op(
      `UPDATE conversations SET messageCount =
         (SELECT count(*) FROM messages m WHERE m.conversationId = conversations.id AND m.deletedAt IS NULL)
       WHERE id IN (SELECT conversationId FROM messages WHERE id IN ${IDS})`,
      { ids: JSON.stringify(messageIds) },
      ['conversations'],
    ),
    op(
      `UPDATE personas SET deletedAt = $at WHERE id IN ${IDS} AND deletedAt IS NULL`,
      { ids: JSON.stringify(personaIds), at },
      ['personas'],
    ),
    op(`DELETE FROM notifications WHERE id IN ${IDS}`, { ids: JSON.stringify(notificationIds) }, [
      'notifications',
    ]),
  ],
  'v1.RetentionApplied': ({ cleanupId, at, memoryIds, conversationIds, runIds, notificationIds }) => [
    cleanups.insert({ id: cleanupId, ranAt: at }).onConflict('id', 'ignore'),
    // Runs and notifications: counted while they are still there, then removed.
    count('workflowRuns', `FROM workflow_runs WHERE id IN ${IDS}`, runIds, cleanupId, at),
    removeRunsOp(runIds),
    count('notifications', `FROM notifications WHERE id IN ${IDS}`, notificationIds, cleanupId, at),
    op(`DELETE FROM notifications WHERE id IN ${IDS}`, { ids: JSON.stringify(notificationIds) }, [
      'notifications',
    ]),
    // Memories and conversations: soft-deleted at `at`, then counted by that mark.
    ...removeMemoriesOps(memoryIds, at),
    count(
      'memories',
      `FROM memories WHERE id IN ${IDS} AND deletedAt = $at AND type != 'fact'`,
      memoryIds,
      cleanupId,
      at,
    ),
    count(
      'facts',
      `FROM memories WHERE id IN ${IDS} AND deletedAt = $at AND type = 'fact'`,
      memoryIds,
      cleanupId,
      at,
    ),
    ...forgetConversationsOps(conversationIds, at),
    count(
      'conversations',
      `FROM conversations WHERE id IN ${IDS} AND deletedAt = $at`,
      conversationIds,
      cleanupId,
      at,
    ),
  ],
})

/** The latest cleanup, for the Storage screen's "Cleanup removed … on …". */
export const lastCleanup$ = queryDb(
  cleanups.orderBy([{ col: 'ranAt', direction: 'desc' }]).first({ behaviour: 'undefined' }),
  { label: 'lifecycle.lastCleanup' },
)
