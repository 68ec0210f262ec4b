import type { Store } from '@livestore/livestore'
import type { schema } from '../schema/index.ts'

/** The store every command writes to: the app's store, or a test store with the same schema. */
export type HearthStore = Store<typeof schema>
