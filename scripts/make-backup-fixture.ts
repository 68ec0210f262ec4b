// Writes src/backup/fixtures/v1-small.hbk (see src/backup/fixtures/v1-small.ts for when to run this):
//   npx vite-node scripts/make-backup-fixture.ts
import { writeFileSync } from 'node:fs'
import { makeV1Small } from '../src/backup/fixtures/v1-small.ts'
import { deriveKey } from '../src/vault/kdf.ts'

const target = new URL('../src/backup/fixtures/v1-small.hbk', import.meta.url)
const bytes = await makeV1Small(deriveKey)
writeFileSync(target, bytes)
console.info(`wrote ${bytes.length} bytes to ${target.pathname}`)
