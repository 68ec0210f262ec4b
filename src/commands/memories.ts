import { nanoid } from '@livestore/livestore'
import { events } from '../schema/index.ts'
import {
  linkedMemories$,
  type MemoryContent,
  memoryById$,
  memoryFields,
  type OriginKind,
} from '../schema/memories.ts'
import { lastEdit$ } from '../schema/memory-history.ts'
import type { DataKey } from '../vault/envelope.ts'
import { CommandError, requireRange, requireText } from './command-error.ts'
import type { HearthStore } from './store.ts'

export type MemoryDraft = MemoryContent & { importance: number }

export const emptyMemoryDraft = (): MemoryDraft => ({
  type: 'knowledge',
  name: '',
  content: '',
  summary: '',
  tags: [],
  source: 'manual',
  confidence: 1,
  expiresAt: null,
  factCategory: null,
  factKey: null,
  importance: 50,
})

/** Tags are typed as one comma-separated string; stored trimmed, lower-case and unique. */
export const parseTags = (text: string): string[] => [
  ...new Set(
    text
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter((t) => t !== ''),
  ),
]

const validDraft = (draft: MemoryDraft): MemoryDraft => {
  const isFact = draft.type === 'fact'
  const factKey = isFact ? (draft.factKey?.trim() ?? '') : ''
  if (isFact && factKey === '') throw new CommandError('A fact needs a key (for example "diet.milk").')
  return {
    ...draft,
    name: requireText(draft.name, 'Name', 500),
    content: requireText(draft.content, 'Content', 100_000),
    summary: draft.summary.trim(),
    tags: draft.tags.map((t) => t.trim()).filter((t) => t !== ''),
    importance: Math.round(requireRange(draft.importance, 'Importance', 0, 100)),
    confidence: requireRange(draft.confidence, 'Confidence', 0, 1),
    factCategory: isFact ? draft.factCategory?.trim() || null : null,
    factKey: isFact ? factKey : null,
  }
}

const contentOf = ({ importance: _importance, ...content }: MemoryDraft): MemoryContent => content

const sealedContent = (key: DataKey, id: string, content: MemoryContent) => ({
  ...content,
  ...memoryFields.seal(key, id, content),
})

/** A memory as the UI holds it after opening: its id and what the person sees and edits. */
export type OpenMemory = MemoryContent & { id: string; personaId: string; importance: number }

export const createMemory = (
  store: HearthStore,
  key: DataKey,
  personaId: string,
  draft: MemoryDraft,
  now = Date.now(),
  /** Where it came from, when not from a person's hands (e.g. the workflow run that wrote it). */
  origin: { kind: OriginKind; id: string } | null = null,
): string => {
  const valid = validDraft(draft)
  const id = nanoid()
  store.commit(
    events.memoryCreated({
      id,
      personaId,
      ...sealedContent(key, id, contentOf(valid)),
      importance: valid.importance,
      originKind: origin?.kind ?? null,
      originId: origin?.id ?? null,
      createdAt: now,
    }),
    // Writing a memory is working with the persona: it moves up in "active personas by last used".
    events.personaUsed({ id: personaId, usedAt: now }),
  )
  return id
}

/** Commits only what changed: an importance-only change is its own event, as history should show it. */
export const editMemory = (
  store: HearthStore,
  key: DataKey,
  before: OpenMemory,
  draft: MemoryDraft,
  now = Date.now(),
) => {
  const valid = validDraft(draft)
  const content = contentOf(valid)
  const contentChanged = (Object.keys(content) as Array<keyof MemoryContent>).some(
    (key) => JSON.stringify(content[key]) !== JSON.stringify(before[key]),
  )
  const changes = [
    ...(contentChanged
      ? [events.memoryEdited({ id: before.id, ...sealedContent(key, before.id, content), updatedAt: now })]
      : []),
    ...(valid.importance !== before.importance
      ? [events.memoryImportanceChanged({ id: before.id, importance: valid.importance, updatedAt: now })]
      : []),
  ]
  // Both changes land in one transaction; saving an unchanged form writes nothing.
  if (changes.length > 0) store.commit(...changes)
  return changes.length
}

export const deleteMemory = (
  store: HearthStore,
  memory: Pick<OpenMemory, 'id' | 'personaId'>,
  now = Date.now(),
) => {
  store.commit(events.memoryDeleted({ id: memory.id, personaId: memory.personaId, deletedAt: now }))
  return now
}

/** Undo of a delete: brings the memory back with the links the delete took with it. */
export const restoreMemory = (
  store: HearthStore,
  memory: Pick<OpenMemory, 'id' | 'personaId'>,
  deletedAt: number,
  now = Date.now(),
) =>
  store.commit(
    events.memoryRestored({ id: memory.id, personaId: memory.personaId, deletedAt, restoredAt: now }),
  )

/** Links two memories of the same persona (links go both ways); linking twice or to itself is refused. */
export const linkMemories = (store: HearthStore, fromId: string, toId: string, now = Date.now()) => {
  if (fromId === toId) throw new CommandError('A memory cannot be linked to itself.')
  const [from, to] = [store.query(memoryById$(fromId)), store.query(memoryById$(toId))]
  if (from === undefined || to === undefined || from.deletedAt !== null || to.deletedAt !== null) {
    throw new CommandError('That memory no longer exists (it may have been deleted in another tab).')
  }
  if (from.personaId !== to.personaId)
    throw new CommandError('Only memories of the same persona can be linked.')
  if (store.query(linkedMemories$(fromId)).some((l) => l.id === toId)) {
    throw new CommandError('These two memories are already linked.')
  }
  const id = nanoid()
  store.commit(events.memoriesLinked({ id, fromId, toId, createdAt: now }))
  return id
}

export const unlinkMemories = (
  store: HearthStore,
  link: { linkId: string; fromId: string; toId: string },
  now = Date.now(),
) =>
  store.commit(
    events.memoriesUnlinked({ id: link.linkId, fromId: link.fromId, toId: link.toId, deletedAt: now }),
  )

/**
 * "Undo last edit": the memory's content goes back to what it was before its newest edit not yet
 * undone (its history keeps that, sealed). One event, so every tab shows it; undoing again goes one
 * edit further back.
 */
export const undoLastEdit = (store: HearthStore, memoryId: string, now = Date.now()) => {
  const [edit] = store.query(lastEdit$(memoryId))
  if (edit === undefined) throw new CommandError('This memory has no edit to undo.')
  store.commit(events.memoryEditUndone({ id: memoryId, historyId: edit.id, undoneAt: now }))
  return edit
}
