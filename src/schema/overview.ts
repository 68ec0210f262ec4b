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
