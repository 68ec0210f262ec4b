import { Events, Schema, State } from '@livestore/livestore'
import { Millis } from './shared.ts'

/** The tables a "Replace" restore empties: every domain table (settings are upserted, not cleared). */
export const CLEARED_TABLES = [
  'personas',
  'memories',
  'memory_links',
  'conversations',
  'messages',
  'workflows',
  'workflow_runs',
  'documents',
  'document_chunks',
  'notifications',
] as const

export const restoreEvents = {
  /**
   * "Replace" restore: every domain row is removed from the tables (not soft-deleted), so the
   * backup's records can come back under their own ids. The event log still holds the sealed
   * history before it; the restore took a safety backup first (docs/BACKUP_FORMAT.md).
   */
  allDataCleared: Events.synced({
    name: 'v1.AllDataCleared',
    schema: Schema.Struct({ clearedAt: Millis }),
  }),
}

export const restoreMaterializers = State.SQLite.materializers(restoreEvents, {
  'v1.AllDataCleared': () =>
    CLEARED_TABLES.map((table) => ({
      sql: `DELETE FROM '${table}'`,
      bindValues: {},
      writeTables: new Set([table]),
    })),
})
