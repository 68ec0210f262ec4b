import { Schema } from '@livestore/livestore'

export { Sealed } from '../vault/envelope.ts'

/**
 * Value types shared by events and columns. Timestamps are epoch milliseconds and ids are
 * strings made by the caller (`nanoid`), so materializers stay deterministic.
 */
export const Id = Schema.String
export const Millis = Schema.Number
export const Tags = Schema.Array(Schema.String)

/** A 0–1 slider value, e.g. a personality trait or a confidence. */
export const Unit = Schema.Number.pipe(Schema.between(0, 1))
/** A 0–100 score, e.g. a memory's importance. */
export const Percent = Schema.Number.pipe(Schema.between(0, 100))

/** Sorting a boolean flag with `ORDER BY` needs a number, so flags are stored as 0/1 integers. */
export const flag = (value: boolean): 0 | 1 => (value ? 1 : 0)
