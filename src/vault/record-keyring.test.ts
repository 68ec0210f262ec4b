import { describe, expect, it } from 'vitest'
import { memoryKeyPages, sharedOrigin } from '../testing/key-pages.ts'
import { type DataKey, open, seal } from './envelope.ts'
import { openRecordKeys } from './record-keyring.ts'
import { decodeKeyPage } from './record-keys.ts'
import { VaultError } from './vault-error.ts'

const DATA_KEY: DataKey = { id: 'datakey1', bytes: new Uint8Array(32).fill(3) }
const CONTEXT = { table: 'memories', field: 'content', recordId: 'm1' }

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

const twoTabs = async () => {
  const { pages, storage } = memoryKeyPages()
  const origin = sharedOrigin()
  const a = await openRecordKeys(DATA_KEY, { storage, share: origin.tab() })
  await a.reserve(1)
  const b = await openRecordKeys(DATA_KEY, { storage, share: origin.tab() })
  await b.reserve(1)
  return { pages, a, b }
}

const storedIds = (pages: Map<string, Uint8Array>) =>
  [...pages.values()].flatMap((bytes) => decodeKeyPage(DATA_KEY, bytes).map((k) => k.id))

describe('record keys in a tab', () => {
  it('are ready for new records as soon as the vault opens, without a reserve first', async () => {
    const { pages, storage } = memoryKeyPages()
    const keys = await openRecordKeys(DATA_KEY, { storage, share: sharedOrigin().tab() })
    const key = keys.keyFor('m1')
    expect(storedIds(pages)).toContain(key.id)
  })

  it('give a new record a key already saved, and the same key to it ever after', async () => {
    const { pages, a } = await twoTabs()
    const first = a.keyFor('m1')
    expect(storedIds(pages)).toContain(first.id)
    expect(a.keyFor('m1')).toBe(first)
    expect(a.keyFor('m2').id).not.toBe(first.id)
  })

  it('find the key a record already has through the resolver (another tab sealed it)', async () => {
    const { a, b } = await twoTabs()
    const key = a.keyFor('m1')
    await settle()
    b.setResolver((owner) => (owner === 'm1' ? key.id : undefined))
    expect(b.keyFor('m1').id).toBe(key.id)
  })

  it('seal new records (an import) without asking the store, still one key per owner', async () => {
    const { a } = await twoTabs()
    const asked: string[] = []
    a.setResolver((owner) => {
      asked.push(owner)
      return undefined
    })
    const fresh = a.forNewRecords()
    const doc = fresh.keyFor('d1')
    expect(fresh.keyFor('d1')).toBe(doc) // a document's chunks share its key
    expect(fresh.keyFor('d2').id).not.toBe(doc.id)
    expect(asked).toEqual([])
    expect(a.keyFor('d1')).toBe(doc) // and the record keeps it in the tab's own keys
    const before = fresh.version
    await a.destroy([doc.id])
    expect(fresh.version).toBeGreaterThan(before)
    expect(fresh.get(doc.id)).toBeUndefined()
  })

  it('share new keys with other tabs, and forget destroyed ones in every tab and in storage', async () => {
    const { pages, a, b } = await twoTabs()
    const key = a.keyFor('m1')
    const sealed = seal(key, CONTEXT, 'the canary')
    await settle()
    const inB: DataKey = { ...DATA_KEY, records: b }
    expect(open(inB, CONTEXT, sealed)).toBe('the canary')

    expect(await a.destroy([key.id])).toBe(1)
    await settle()
    expect(storedIds(pages)).not.toContain(key.id)
    expect(b.get(key.id)).toBeUndefined()
    // Even the data key cannot open it now: the field names a key that is gone.
    expect(() => open({ ...DATA_KEY, records: a }, CONTEXT, sealed)).toThrow(/record was forgotten/)
    expect(() => open(inB, CONTEXT, sealed)).toThrow(VaultError)
    // A new vault session (a reload) reads storage: the key is not there either.
    const reopened = await openRecordKeys(DATA_KEY, {
      storage: memoryKeyPagesOf(pages),
      share: sharedOrigin().tab(),
    })
    expect(reopened.get(key.id)).toBeUndefined()
    expect(reopened.get(b.keyFor('m2').id)).toBeDefined()
  })

  it('say plainly when sealing outruns the spares, and have more ready soon after', async () => {
    const { a } = await twoTabs()
    let made = 0
    const tooMany = () => {
      for (let i = 0; i < 5_000; i++) {
        a.keyFor(`bulk-${i}`)
        made++
      }
    }
    expect(tooMany).toThrow(/preparing the encryption keys/)
    expect(made).toBeGreaterThan(100)
    await a.reserve(10)
    expect(() => a.keyFor('one-more')).not.toThrow()
  })

  it('wipe every key from memory on lock', async () => {
    const { a } = await twoTabs()
    const key = a.keyFor('m1')
    a.close()
    expect(key.bytes.every((byte) => byte === 0)).toBe(true)
    expect(a.get(key.id)).toBeUndefined()
  })
})

const memoryKeyPagesOf = (pages: Map<string, Uint8Array>) => ({
  list: async () => [...pages.keys()],
  read: async (page: string) => pages.get(page),
  write: async (page: string, bytes: Uint8Array) => {
    pages.set(page, bytes)
  },
  remove: async (page: string) => {
    pages.delete(page)
  },
})
