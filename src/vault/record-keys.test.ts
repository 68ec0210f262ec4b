import { describe, expect, it } from 'vitest'
import type { DataKey } from './envelope.ts'
import {
  decodeKeyPage,
  encodeKeyPage,
  isRecordKeyId,
  keysToDestroy,
  newRecordKeys,
  type RecordKey,
  SPARE_TTL_MS,
} from './record-keys.ts'

const DATA_KEY: DataKey = { id: 'datakey1', bytes: new Uint8Array(32).fill(3) }
const OTHER: DataKey = { id: 'datakey2', bytes: new Uint8Array(32).fill(4) }
const NOW = Date.UTC(2026, 10, 23)

describe('record key pages', () => {
  it('round-trip sealed with the data key, and nothing of a key is readable in the file', () => {
    const keys = newRecordKeys(3, NOW)
    const page = encodeKeyPage(DATA_KEY, keys)
    expect(decodeKeyPage(DATA_KEY, page)).toEqual(keys)
    const text = Buffer.from(page).toString('latin1')
    for (const key of keys) {
      expect(text).not.toContain(key.id)
      expect(Buffer.from(page).includes(Buffer.from(key.bytes))).toBe(false)
    }
  })

  it('refuse another data key and any changed byte', () => {
    const page = encodeKeyPage(DATA_KEY, newRecordKeys(2, NOW))
    expect(() => decodeKeyPage(OTHER, page)).toThrow(/another key/)
    const altered = page.slice()
    altered[altered.length - 5] = (altered[altered.length - 5] as number) ^ 1
    expect(() => decodeKeyPage(DATA_KEY, altered)).toThrow(/integrity/)
  })

  it('make distinct random keys with ids that cannot be mistaken for a data key id', () => {
    const keys = newRecordKeys(2_000, NOW)
    expect(new Set(keys.map((k) => k.id)).size).toBe(2_000)
    expect(keys.every((k) => isRecordKeyId(k.id) && k.bytes.length === 32)).toBe(true)
    expect(isRecordKeyId(DATA_KEY.id)).toBe(false)
  })
})

describe('keysToDestroy', () => {
  const [live, dead, spare] = newRecordKeys(3, NOW) as [RecordKey, RecordKey, RecordKey]
  const oldSpare: RecordKey = { ...(newRecordKeys(1, NOW)[0] as RecordKey), madeAt: NOW - SPARE_TTL_MS }

  it('takes the keys of deleted records at once, and spares only once nobody can be using them', () => {
    const refs = { live: new Set([live.id]), dead: new Set([dead.id]) }
    expect(keysToDestroy([live, dead, spare, oldSpare], refs, NOW).sort()).toEqual(
      [dead.id, oldSpare.id].sort(),
    )
    // A key still used by a kept record is never taken, even if a deleted record names it too.
    expect(keysToDestroy([live], { live: new Set([live.id]), dead: new Set([live.id]) }, NOW)).toEqual([])
  })
})
