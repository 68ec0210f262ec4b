import { queryDb, Schema } from '@livestore/livestore'

const Overview = Schema.Struct({
  personas: Schema.Number,
  memories: Schema.Number,
  conversations: Schema.Number,
  workflows: Schema.Number,
  documents: Schema.Number,
})
export type Overview = typeof Overview.Type

/**
 * Counts for the home page. Memories are summed from the personas' maintained counters: a
 * COUNT(*) over 100k memories would run again on every memory write.
 */
export const overview$ = queryDb(
  {
    query: `SELECT
      (SELECT COUNT(*) FROM personas WHERE deletedAt IS NULL) AS personas,
      (SELECT COALESCE(SUM(memoryCount), 0) FROM personas WHERE deletedAt IS NULL) AS memories,
      (SELECT COUNT(*) FROM conversations WHERE deletedAt IS NULL) AS conversations,
      (SELECT COUNT(*) FROM workflows WHERE deletedAt IS NULL AND isTemplate = 0) AS workflows,
      (SELECT COUNT(*) FROM documents WHERE deletedAt IS NULL) AS documents`,
    schema: Schema.Array(Overview).pipe(Schema.headOrElse()),
    queriedTables: new Set(['personas', 'conversations', 'workflows', 'documents']),
  },
  { label: 'overview' },
)

const RecordCounts = Schema.Struct({
  personas: Schema.Number,
  memories: Schema.Number,
  memoryLinks: Schema.Number,
  conversations: Schema.Number,
  messages: Schema.Number,
  workflows: Schema.Number,
  runs: Schema.Number,
  documents: Schema.Number,
  chunks: Schema.Number,
  notifications: Schema.Number,
})
export type RecordCounts = typeof RecordCounts.Type

/**
 * What is stored, per kind, for the storage page (only mounted there). Kept counters stand in for
 * COUNT(*) where a domain maintains one (memories, messages, chunks).
 */
export const recordCounts$ = queryDb(
  {
    query: `SELECT
      (SELECT COUNT(*) FROM personas WHERE deletedAt IS NULL) AS personas,
      (SELECT COALESCE(SUM(memoryCount), 0) FROM personas WHERE deletedAt IS NULL) AS memories,
      (SELECT COUNT(*) FROM memory_links WHERE deletedAt IS NULL) AS memoryLinks,
      (SELECT COUNT(*) FROM conversations WHERE deletedAt IS NULL) AS conversations,
      (SELECT COALESCE(SUM(messageCount), 0) FROM conversations WHERE deletedAt IS NULL) AS messages,
      (SELECT COUNT(*) FROM workflows WHERE deletedAt IS NULL AND isTemplate = 0) AS workflows,
      (SELECT COUNT(*) FROM workflow_runs) AS runs,
      (SELECT COUNT(*) FROM documents WHERE deletedAt IS NULL) AS documents,
      (SELECT COALESCE(SUM(chunkCount), 0) FROM documents WHERE deletedAt IS NULL) AS chunks,
      (SELECT COUNT(*) FROM notifications WHERE dismissedAt IS NULL) AS notifications`,
    schema: Schema.Array(RecordCounts).pipe(Schema.headOrElse()),
    queriedTables: new Set([
      'personas',
      'memory_links',
      'conversations',
      'workflows',
      'workflow_runs',
      'documents',
      'notifications',
    ]),
  },
  { label: 'recordCounts' },
)
