// The LiveStore leader: owns the event log and state database in OPFS. One runs per store,
// elected among tabs by LiveStore's shared worker.
import { makeWorker } from '@livestore/adapter-web/worker'
import { schema } from '../schema/index.ts'

makeWorker({ schema })
