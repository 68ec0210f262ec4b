import { makeAdapter } from '@livestore/adapter-node'
import { createStorePromise, nanoid } from '@livestore/livestore'
import { schema } from '../schema/index.ts'

/** A real LiveStore store on LiveStore's own in-memory Node adapter: same schema, materializers and queries as the app. */
export const makeTestStore = () =>
  createStorePromise({
    adapter: makeAdapter({ storage: { type: 'in-memory' } }),
    schema,
    storeId: `test-${nanoid()}`,
    disableDevtools: true,
  })

export type TestStore = Awaited<ReturnType<typeof makeTestStore>>
