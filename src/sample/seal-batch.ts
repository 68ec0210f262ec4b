import type { Batch } from '../commands/bulk.ts'
import { sealConversationRecord, sealMessageRecord } from '../schema/conversations.ts'
import { events } from '../schema/index.ts'
import { sealMemoryRecord } from '../schema/memories.ts'
import { sealPersonaRecord } from '../schema/personas.ts'
import { sealRunRecord, sealWorkflowRecord } from '../schema/workflows.ts'
import type { DataKey } from '../vault/envelope.ts'
import { forNewRecords } from '../vault/record-codec.ts'
import { generateSample, type SampleBatch, type SampleOptions } from './generate.ts'

/**
 * The event `def(args)` would make, without its validation pass: that pass costs more than writing
 * the rows, and `store.commit` encodes (so checks) every event anyway; the tests decode each one.
 */
const batchEvent = <N extends string, A>(
  def: { readonly name: N; (args: A): { name: N; args: A } },
  args: A,
) => ({
  name: def.name,
  args,
})

/** The batch event for a batch of sample records, each record sealed with the vault's key. */
const sealedEvent = (key: DataKey, batch: SampleBatch): Batch['event'] => {
  switch (batch.kind) {
    case 'personas':
      return batchEvent(events.personasImported, {
        personas: batch.data.personas.map((p) => sealPersonaRecord(key, p)),
      })
    case 'memories':
      return batchEvent(events.memoriesImported, {
        memories: batch.data.memories.map((m) => sealMemoryRecord(key, m)),
      })
    case 'conversations':
      return batchEvent(events.conversationsImported, {
        conversations: batch.data.conversations.map((c) => sealConversationRecord(key, c)),
        messages: batch.data.messages.map((m) => sealMessageRecord(key, m)),
      })
    case 'workflows':
      return batchEvent(events.workflowsImported, {
        workflows: batch.data.workflows.map((w) => sealWorkflowRecord(key, w)),
        runs: batch.data.runs.map((r) => sealRunRecord(key, r)),
      })
  }
}

/** Seals a batch of sample records with the vault's key: the batch event the store commits. */
export const sealSampleBatch = (key: DataKey, batch: SampleBatch): Batch & { kind: SampleBatch['kind'] } => ({
  kind: batch.kind,
  rows: batch.rows,
  label: batch.label,
  // Sample ids are new: no record can have a key yet.
  event: sealedEvent(forNewRecords(key), batch),
})

/**
 * Sample data as the store takes it: each batch sealed as it is pulled, so 100k rows never sit in
 * memory, with a record key for each of its records reserved first.
 */
export async function* sealedSample(
  key: DataKey,
  options: SampleOptions,
): AsyncGenerator<Batch, void, undefined> {
  for (const batch of generateSample(options)) {
    await key.records?.reserve(batch.rows)
    yield sealSampleBatch(key, batch)
  }
}
