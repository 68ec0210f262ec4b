import type { RetentionDays } from '../schema/settings.ts'
import { DAY_MS } from './tiers.ts'

/**
 * What retention removes at `now` (docs/LIFECYCLE.md), as SQL over plain columns — no content is
 * opened to decide. `days` are the person's settings (whole days, or `null` for "keep forever");
 * they were validated when saved, so they are written into the SQL as numbers.
 *
 * - memories (not facts): unused (`lastAccessedAt`) for longer than their persona's "keep memories
 *   for" days, or, when the persona leaves that empty, the Settings value;
 * - facts: unused for longer than the Settings value for facts (none by default: kept);
 * - any memory, fact or not, whose `expiresAt` has come;
 * - conversations: no message for longer than the Settings value (archived ones too);
 * - workflow runs: finished longer ago than the Settings value (a run still going is kept);
 * - notifications: posted longer ago than the Settings value, read, unread or dismissed.
 */
export type RetentionQuery = { query: string; bindValues: Record<string, number> }

const days = (n: number | null) => (n === null ? 'NULL' : String(Math.trunc(n)))

export const retentionQueries = (
  retention: RetentionDays,
  now: number,
): Record<'memories' | 'conversations' | 'workflowRuns' | 'notifications', RetentionQuery | null> => {
  const cutoff = (n: number | null) => (n === null ? null : now - n * DAY_MS)
  const conversations = cutoff(retention.conversations)
  const runs = cutoff(retention.workflowRuns)
  const notifications = cutoff(retention.notifications)
  return {
    memories: {
      query: `SELECT m.id FROM memories m LEFT JOIN personas p ON p.id = m.personaId
        WHERE m.deletedAt IS NULL AND (
          (m.expiresAt IS NOT NULL AND m.expiresAt <= $now)
          OR (m.type = 'fact' AND m.lastAccessedAt < $now - ${days(retention.facts)} * ${DAY_MS})
          OR (m.type != 'fact' AND m.lastAccessedAt < $now -
                COALESCE(json_extract(p.memorySettings, '$.retentionDays'), ${days(retention.memories)}) * ${DAY_MS}))
        ORDER BY m.id`,
      bindValues: { now },
    },
    conversations:
      conversations === null
        ? null
        : {
            query:
              'SELECT id FROM conversations WHERE deletedAt IS NULL AND lastMessageAt < $cutoff ORDER BY id',
            bindValues: { cutoff: conversations },
          },
    workflowRuns:
      runs === null
        ? null
        : {
            query:
              'SELECT id FROM workflow_runs WHERE finishedAt IS NOT NULL AND finishedAt < $cutoff ORDER BY id',
            bindValues: { cutoff: runs },
          },
    notifications:
      notifications === null
        ? null
        : {
            query: 'SELECT id FROM notifications WHERE createdAt < $cutoff ORDER BY id',
            bindValues: { cutoff: notifications },
          },
  }
}
