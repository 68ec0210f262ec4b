// Writes the backup fixtures (see src/backup/fixtures/ for when to run this, and when never to):
//   npx vite-node scripts/make-backup-fixture.ts [v1-small] [app-v1]
import { existsSync, writeFileSync } from 'node:fs'
import { makeAppV1 } from '../src/backup/fixtures/app-v1.ts'
import { makeV1Small } from '../src/backup/fixtures/v1-small.ts'
import { deriveKey } from '../src/vault/kdf.ts'

const makers = { 'v1-small': makeV1Small, 'app-v1': makeAppV1 }
const wanted = process.argv.slice(2).filter((name): name is keyof typeof makers => name in makers)
for (const name of wanted) {
  const target = new URL(`../src/backup/fixtures/${name}.hbk`, import.meta.url)
  if (name === 'app-v1' && existsSync(target)) {
    throw new Error('app-v1.hbk exists: it is a record of what 0.1.0 wrote and is never regenerated')
  }
  const bytes = await makers[name](deriveKey)
  writeFileSync(target, bytes)
  console.info(`wrote ${bytes.length} bytes to ${target.pathname}`)
}
