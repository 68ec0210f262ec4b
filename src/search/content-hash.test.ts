import { describe, expect, it } from 'vitest'
import { contentHash } from './content-hash.ts'

describe('contentHash', () => {
  it('is stable and tells near-identical texts apart', () => {
    expect(contentHash('walk the dog')).toBe(contentHash('walk the dog'))
    const hashes = new Set<string>()
    for (let i = 0; i < 20_000; i++) hashes.add(contentHash(`memory ${i}`))
    hashes.add(contentHash(''))
    hashes.add(contentHash('walk the dog '))
    expect(hashes.size).toBe(20_002)
  })
})
