import type { MemoryDraft } from '../../commands/memories.ts'
import type { OpenMemoryRow } from '../../schema/memories.ts'

/** The editable part of an opened memory, as the memory form takes it. */
export const draftOf = (m: OpenMemoryRow): MemoryDraft => ({
  type: m.type,
  name: m.name,
  content: m.content,
  summary: m.summary,
  tags: m.tags,
  source: m.source,
  confidence: m.confidence,
  expiresAt: m.expiresAt,
  factCategory: m.factCategory,
  factKey: m.factKey,
  importance: m.importance,
})
