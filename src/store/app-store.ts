import { storeOptions } from '@livestore/livestore'
import { useStore } from '@livestore/react'
import { unstable_batchedUpdates as batchUpdates } from 'react-dom'
import { schema } from '../schema/index.ts'
import { adapter } from './adapter.ts'
import { bootStatus } from './boot-status.ts'

/** One store per browser profile: everything a person keeps in Hearth lives in it. */
export const STORE_ID = 'hearth'

export const appStoreOptions = storeOptions({
  storeId: STORE_ID,
  schema,
  adapter,
  batchUpdates,
  disableDevtools: true,
  onBootStatus: bootStatus.set,
})

export const useAppStore = () => useStore(appStoreOptions)

export type AppStore = ReturnType<typeof useAppStore>
