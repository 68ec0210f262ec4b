import { readFileSync } from 'node:fs'
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'
import { deflateSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { BackupError, type BackupErrorCode } from './backup-error.ts'
import { type BackupSection, chunkAad, FORMAT_VERSION, MAX_LINE_BYTES } from './backup-format.ts'
import { bytesOf, cachedDerive, FLOOR_COST, layoutOf, readAll, seeded } from './backup-test-kit.ts'
import { type CreateBackupOptions, createBackup, createBackupStream } from './create-backup.ts'
import {
  makeV1Small,
  V1_SMALL_CHUNK_SIZE,
  V1_SMALL_CREATED_AT,
  V1_SMALL_META,
  V1_SMALL_PASSPHRASE,
  v1SmallSections,
} from './fixtures/v1-small.ts'
import { type OpenBackupOptions, openBackup } from './open-backup.ts'

const PASSPHRASE = 'correct horse battery staple'
const META = { appVersion: '0.1.0', schemaVersion: 3 }
const derive = cachedDerive()

const make = (sections: CreateBackupOptions['sections'], extra: Partial<CreateBackupOptions> = {}) =>
  createBackup({ passphrase: PASSPHRASE, sections, meta: META, kdf: FLOOR_COST, derive, ...extra })

const open = (file: Blob | Uint8Array, options: OpenBackupOptions = {}, passphrase = PASSPHRASE) =>
  openBackup(file instanceof Blob ? file : new Blob([file.slice()]), passphrase, { derive, ...options })

/** The code `run` is refused with; fails the test if it is not refused, or not with a BackupError. */
const refusal = async (run: () => Promise<unknown>): Promise<BackupErrorCode> => {
  try {
    await run()
  } catch (error) {
    if (error instanceof BackupError) return error.code
    throw error
  }
  throw new Error('expected a refusal, but it succeeded')
}

const refusalOf = async (file: Blob | Uint8Array, options: OpenBackupOptions = {}) =>
  refusal(() => open(file, options))

const messageOf = async (file: Uint8Array) => {
  try {
    await open(file)
  } catch (error) {
    return (error as Error).message
  }
  return ''
}

const flatten = (sections: BackupSection[]) =>
  sections.flatMap(({ kind, rows }) => rows.map((row): [string, unknown] => [kind, row]))

const memoryRow = (i: number) => ({
  id: `m-${i}`,
  personaId: 'p-1',
  type: ['fact', 'event', 'preference'][i % 3],
  content: `Memory number ${i}: ${'the quick brown fox jumps over the lazy dog '.repeat(4)}`,
  importance: i % 101,
  tags: ['a', `t${i % 17}`],
  createdAt: 1_767_225_600_000 + i,
})

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** A copy of `file` with a new header JSON, its length and digest recomputed as a careful editor would. */
const withHeader = async (file: Uint8Array, edit: (header: Record<string, unknown>) => void, version = 1) => {
  const { headerLength, bodyStart } = layoutOf(file)
  const header = JSON.parse(new TextDecoder().decode(file.subarray(14, 14 + headerLength)))
  edit(header)
  const json = new TextEncoder().encode(JSON.stringify(header))
  const preamble = new Uint8Array(14)
  preamble.set(file.subarray(0, 8))
  new DataView(preamble.buffer).setUint16(8, version)
  new DataView(preamble.buffer).setUint32(10, json.length)
  const head = concat(preamble, json)
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', head))
  return concat(head, digest, file.subarray(bodyStart))
}

describe('backup round trip', () => {
  const roundTrip = async (sections: BackupSection[], extra: Partial<CreateBackupOptions> = {}) => {
    const backup = await open(await make(sections, extra))
    expect(await readAll(backup)).toEqual(flatten(sections))
    return backup
  }

  it('keeps nothing when given nothing', async () => {
    const backup = await roundTrip([])
    expect(backup.manifest).toMatchObject({ counts: {}, rows: 0, chunks: 0, contentBytes: 0 })
    // The SHA-256 of no bytes.
    expect(backup.manifest.digest).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })

  it('a section without rows is counted as nothing and reads back as nothing', async () => {
    const backup = await roundTrip([{ kind: 'memories', rows: [] }])
    expect(backup.manifest.counts).toEqual({})
  })

  it('one section, with the header and manifest describing it', async () => {
    const before = Date.now()
    const backup = await roundTrip([{ kind: 'personas', rows: [{ id: 'p1', name: 'Ada' }] }])
    expect(backup.header).toMatchObject({
      formatVersion: FORMAT_VERSION,
      appVersion: '0.1.0',
      schemaVersion: 3,
      chunkSize: 1024 * 1024,
      kdf: { algorithm: 'argon2id', ...FLOOR_COST },
    })
    expect(backup.header.createdAt).toBeGreaterThanOrEqual(before)
    expect(backup.manifest).toMatchObject({ counts: { personas: 1 }, rows: 1, chunks: 1 })
    expect(backup.manifest.createdAt).toBe(backup.header.createdAt)
  })

  it('many sections, a kind coming back several times, and every JSON shape', async () => {
    const sections: BackupSection[] = [
      { kind: 'personas', rows: [{ id: 'p1' }, { id: 'p2' }] },
      { kind: 'memories', rows: [1, 'two', null, true, [3, [4]], { nested: { deep: [] } }] },
      { kind: 'personas', rows: [{ id: 'p3', n: -0.5, big: 1e300, small: 5e-324 }] },
      { kind: 'keyring', rows: [{ keyId: 'k', wrapped: 'x'.repeat(100) }] },
    ]
    const backup = await roundTrip(sections)
    expect(backup.manifest.counts).toEqual({ personas: 3, memories: 6, keyring: 1 })
    expect(backup.manifest.rows).toBe(10)
  })

  it('unicode of every width, separators and control characters, also split across small chunks', async () => {
    const text = 'Zürich 東京 🦉👩‍👩‍👧 عربى e\u0301 \u2028\u2029 \u0000 \n\t "quoted" \\ \ud83d\ude00'
    const rows = Array.from({ length: 40 }, (_, i) => ({ id: i, text: text.slice(i % 7) }))
    const sections = [{ kind: 'мемории 🧠', rows }]
    const backup = await roundTrip(sections, { chunkSize: 256 })
    expect(backup.manifest.chunks).toBeGreaterThan(5)
  })

  it('a row larger than a chunk spans chunks', async () => {
    const sections = [{ kind: 'documents', rows: [{ text: 'ü'.repeat(3000) }, { text: 'end' }] }]
    const backup = await roundTrip(sections, { chunkSize: 256 })
    expect(backup.manifest.chunks).toBeGreaterThan(20)
  })

  it('several default-size (1 MiB) chunks, from an async source, with progress', async () => {
    async function* pages() {
      for (let page = 0; page < 12; page++) {
        yield { kind: 'memories', rows: Array.from({ length: 1000 }, (_, i) => memoryRow(page * 1000 + i)) }
      }
    }
    const written: number[] = []
    const file = await make(pages(), { onProgress: ({ rows }) => written.push(rows) })
    const read: number[] = []
    const backup = await open(file, { onProgress: ({ bytes }) => read.push(bytes) })
    expect(backup.manifest.counts).toEqual({ memories: 12_000 })
    expect(backup.manifest.chunks).toBeGreaterThanOrEqual(3)
    expect(written.at(-1)).toBe(12_000)
    expect(written).toEqual([...written].sort((a, b) => a - b))
    expect(read.at(-1)).toBe(file.size)
    let n = 0
    let sections = 0
    for await (const { kind, rows } of backup.sections()) {
      sections += 1
      for (const row of rows) expect([kind, row]).toEqual(['memories', memoryRow(n++)])
    }
    expect(n).toBe(12_000)
    // One section per chunk of rows: what a restore commits as one batch event.
    expect(sections).toBe(backup.manifest.chunks)
  })

  it('the stream variant writes the same format, and stops when cancelled', async () => {
    const sections = [{ kind: 'memories', rows: [memoryRow(1), memoryRow(2)] }]
    const options = { passphrase: PASSPHRASE, sections, meta: META, kdf: FLOOR_COST, derive }
    const blob = await new Response(createBackupStream(options)).blob()
    expect(await readAll(await open(blob))).toEqual(flatten(sections))

    let pulled = 0
    function* endless() {
      for (;;) {
        pulled += 1
        yield { kind: 'memories', rows: [memoryRow(pulled)] }
      }
    }
    const reader = createBackupStream({ ...options, sections: endless(), chunkSize: 256 }).getReader()
    await reader.read()
    await reader.read()
    await reader.cancel()
    const afterCancel = pulled
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(pulled).toBe(afterCancel)
  })

  it('each backup has its own salt and nonces', async () => {
    const sections = [{ kind: 'memories', rows: [memoryRow(1)] }]
    const [a, b] = await Promise.all([make(sections), make(sections)])
    expect(await bytesOf(a)).not.toEqual(await bytesOf(b))
    expect((await open(a)).header.kdf.salt).not.toBe((await open(b)).header.kdf.salt)
  })

  it('sections() can be read again, and not after close()', async () => {
    const sections = [{ kind: 'memories', rows: [memoryRow(1)] }]
    const backup = await open(await make(sections))
    expect(await readAll(backup)).toEqual(await readAll(backup))
    backup.close()
    await expect(readAll(backup)).rejects.toThrow(/closed/)
  })
})

describe('writing refuses', () => {
  it('a short passphrase', async () => {
    expect(await refusal(() => make([], { passphrase: 'short' }))).toBe('weak-passphrase')
  })

  it('key settings below the floor', async () => {
    expect(await refusal(() => make([], { kdf: { ...FLOOR_COST, iterations: 1 } }))).toBe('weak-kdf')
    expect(await refusal(() => make([], { kdf: { ...FLOOR_COST, memoryKiB: 1024 } }))).toBe('weak-kdf')
  })

  it('rows JSON cannot hold, and a row over the line limit', async () => {
    await expect(make([{ kind: 'm', rows: [undefined] }])).rejects.toThrow(TypeError)
    await expect(make([{ kind: 'm', rows: [{ n: 1n }] }])).rejects.toThrow(TypeError)
    await expect(make([{ kind: '', rows: [1] }])).rejects.toThrow(TypeError)
    await expect(make([{ kind: 'm', rows: ['x'.repeat(MAX_LINE_BYTES)] }])).rejects.toThrow(RangeError)
  })

  it('to go on once aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    expect(await refusal(() => make([], { signal: controller.signal }))).toBe('aborted')
    const midway = new AbortController()
    const code = await refusal(() =>
      make([{ kind: 'memories', rows: Array.from({ length: 50 }, (_, i) => memoryRow(i)) }], {
        chunkSize: 256,
        signal: midway.signal,
        onProgress: () => midway.abort(),
      }),
    )
    expect(code).toBe('aborted')
  })
})

describe('opening refuses', () => {
  let small: Uint8Array
  const sections = [
    { kind: 'personas', rows: [{ id: 'p1', name: 'Ada' }] },
    { kind: 'memories', rows: Array.from({ length: 12 }, (_, i) => memoryRow(i)) },
  ]
  beforeAll(async () => {
    small = await bytesOf(await make(sections, { chunkSize: 512 }))
  })

  it('the fixture used below has several chunks', () => {
    expect(layoutOf(small).chunks.length).toBeGreaterThanOrEqual(4)
    expect(layoutOf(small).chunks.at(-1)).toMatchObject({ final: true, end: small.length })
  })

  it('a wrong passphrase, distinctly and before reading any chunk', async () => {
    const progress: number[] = []
    const code = await refusal(() =>
      openBackup(new Blob([small.slice()]), 'correct horse battery stable', {
        derive,
        onProgress: ({ bytes }) => progress.push(bytes),
      }),
    )
    expect(code).toBe('wrong-passphrase')
    expect(progress).toEqual([])
    // The vault's passphrase rules do not apply: the right one opens it.
    expect((await open(small)).manifest.rows).toBe(13)
  })

  it('truncation anywhere: in the magic, the header, between and inside chunks, one byte short', async () => {
    const { bodyStart, chunks } = layoutOf(small)
    const cuts = [4, 12, 100, bodyStart - 1, bodyStart, bodyStart + 10, small.length - 1]
    for (const { start, end } of chunks) cuts.push(start, start + 29, Math.floor((start + end) / 2))
    for (const cut of cuts) {
      expect([cut, await refusalOf(small.slice(0, cut))]).toEqual([cut, 'truncated'])
    }
  })

  it('two chunks swapped, naming the part', async () => {
    const [first, second] = layoutOf(small).chunks
    if (first === undefined || second === undefined) throw new Error('needs two chunks')
    const swapped = concat(
      small.subarray(0, first.start),
      small.subarray(second.start, second.end),
      small.subarray(first.start, first.end),
      small.subarray(second.end),
    )
    expect(await refusalOf(swapped)).toBe('corrupt')
    expect(await messageOf(swapped)).toMatch(/part 1 \(from byte \d+\) failed its integrity check/)
  })

  it('a chunk duplicated, or dropped', async () => {
    const { chunks } = layoutOf(small)
    const second = chunks[1]
    if (second === undefined) throw new Error('needs two chunks')
    const duplicated = concat(small.subarray(0, second.end), small.subarray(second.start))
    expect(await refusalOf(duplicated)).toBe('corrupt')
    expect(await messageOf(duplicated)).toMatch(/part 3 /)
    const dropped = concat(small.subarray(0, second.start), small.subarray(second.end))
    expect(await refusalOf(dropped)).toBe('corrupt')
  })

  it('the final chunk missing, or a data chunk where the final one should be', async () => {
    const { chunks } = layoutOf(small)
    const last = chunks.at(-1)
    if (last === undefined) throw new Error('needs chunks')
    expect(await refusalOf(small.subarray(0, last.start))).toBe('truncated')
    // A data chunk's final flag set: its associated data no longer matches.
    const flagged = small.slice(0, last.start)
    flagged[(chunks.at(-2)?.start as number) + 4] = 1
    expect(await refusalOf(flagged)).toBe('corrupt')
  })

  it('anything appended after the end', async () => {
    for (const tail of [new Uint8Array([0]), new TextEncoder().encode('garbage'), small.subarray(-100)]) {
      expect(await refusalOf(concat(small, tail))).toBe('corrupt')
    }
    expect(await messageOf(concat(small, new Uint8Array(7)))).toMatch(/7 unexpected bytes follow its end/)
  })

  it('files that are not backups', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
    const json = new TextEncoder().encode(JSON.stringify({ memories: [memoryRow(1)] }))
    for (const file of [
      new Uint8Array(0),
      png,
      json,
      new TextEncoder().encode('HEARTHBX'),
      small.subarray(1),
    ]) {
      expect(await refusalOf(file)).toBe('not-a-backup')
    }
  })

  it('a header edited to a cheaper KDF, without ever deriving with it', async () => {
    for (const change of [
      { memoryKiB: 1024 },
      { iterations: 1 },
      { algorithm: 'pbkdf2' },
      { salt: 'AAAA' },
    ]) {
      const edited = await withHeader(small, (header) => Object.assign(header.kdf as object, change))
      const before = derive.calls()
      expect(await refusalOf(edited)).toBe('weak-kdf')
      expect(derive.calls()).toBe(before)
    }
    const edited = await withHeader(small, (header) => Object.assign(header.kdf as object, { iterations: 1 }))
    expect(await messageOf(edited)).toMatch(/1 pass is below the minimum of 2/)
  })

  it('a header edited any other way: the chunks are bound to it', async () => {
    const edited = await withHeader(small, (header) => {
      header.appVersion = '9.9.9'
    })
    expect(await refusalOf(edited)).toBe('corrupt')
    expect(await messageOf(edited)).toMatch(/part 1 .* failed its integrity check/)
  })

  it('a newer format version, and a flipped version bit, differently', async () => {
    const newer = await withHeader(small, () => {}, FORMAT_VERSION + 1)
    expect(await refusalOf(newer)).toBe('unsupported-version')
    expect(await messageOf(newer)).toMatch(/newer version of Hearth \(backup format 2/)
    const flipped = small.slice()
    flipped[9] = (flipped[9] as number) ^ 2
    expect(await refusalOf(flipped)).toBe('corrupt')
    expect(await refusalOf(await withHeader(small, () => {}, 0))).toBe('corrupt')
  })

  it('an oversized file, before deriving a key', async () => {
    const before = derive.calls()
    expect(await refusalOf(small, { maxBytes: small.length - 1 })).toBe('too-large')
    expect(derive.calls()).toBe(before)
    expect((await open(small, { maxBytes: small.length })).manifest.rows).toBe(13)
  })

  it('to go on once aborted: before, and between chunks', async () => {
    const controller = new AbortController()
    controller.abort()
    expect(await refusalOf(small, { signal: controller.signal })).toBe('aborted')
    const midway = new AbortController()
    const progress: number[] = []
    const code = await refusalOf(small, {
      signal: midway.signal,
      onProgress: ({ bytes }) => {
        progress.push(bytes)
        if (progress.length === 2) midway.abort()
      },
    })
    expect(code).toBe('aborted')
    expect(progress.length).toBe(2)
  })

  it('a file the browser can no longer read, and a file changed after it was verified', async () => {
    // A Blob stand-in whose bytes are given by `bytesNow()` at each read, as a File changed on disk.
    const fileOf = (bytesNow: () => Uint8Array | Error) =>
      ({
        size: small.length,
        slice: (start: number, end: number) => ({
          arrayBuffer: async () => {
            const bytes = bytesNow()
            if (bytes instanceof Error) throw bytes
            return bytes.slice(start, end).buffer
          },
        }),
      }) as unknown as Blob
    expect(
      await refusal(() =>
        openBackup(
          fileOf(() => new Error('NotReadable')),
          PASSPHRASE,
          { derive },
        ),
      ),
    ).toBe('unreadable')

    let current = small
    const backup = await openBackup(
      fileOf(() => current),
      PASSPHRASE,
      { derive },
    )
    const changed = small.slice()
    const lastByte = (layoutOf(small).chunks[1]?.end as number) - 1
    changed[lastByte] = (changed[lastByte] as number) ^ 1
    current = changed
    expect(await refusal(() => readAll(backup))).toBe('corrupt')
    current = small
    expect(await readAll(backup)).toEqual(flatten(sections))
  })

  it('a manifest that does not describe the content, though sealed with the right key', async () => {
    const { bodyStart, chunks } = layoutOf(small)
    const last = chunks.at(-1)
    if (last === undefined) throw new Error('needs chunks')
    const header = JSON.parse(new TextDecoder().decode(small.subarray(14, bodyStart - 32)))
    const key = await derive(PASSPHRASE, header.kdf)
    const digest = small.subarray(bodyStart - 32, bodyStart)
    const { manifest } = await open(small)
    const resealed = (changed: object) => {
      const nonce = new Uint8Array(24).fill(9)
      const plaintext = new TextEncoder().encode(JSON.stringify({ ...manifest, ...changed }))
      const sealed = xchacha20poly1305(key, nonce, chunkAad(digest, chunks.length - 1, true)).encrypt(
        deflateSync(plaintext),
      )
      const head = new Uint8Array(29)
      new DataView(head.buffer).setUint32(0, sealed.length)
      head[4] = 1
      head.set(nonce, 5)
      return concat(small.subarray(0, last.start), head, sealed)
    }
    expect((await open(resealed({}))).manifest).toEqual(manifest)
    for (const changed of [
      { counts: { ...manifest.counts, memories: 11 } },
      { counts: { ...manifest.counts, documents: 1 } },
      { rows: 14 },
      { chunks: manifest.chunks + 1 },
      { digest: '0'.repeat(64) },
      { createdAt: manifest.createdAt + 1 },
    ]) {
      expect([changed, await refusalOf(resealed(changed))]).toEqual([changed, 'manifest-mismatch'])
    }
    expect(await messageOf(resealed({ counts: { ...manifest.counts, memories: 11 } }))).toMatch(
      /lists 11 "memories" records and holds 12/,
    )
  })
})

describe('the format 1 fixture', () => {
  const fixture = new Uint8Array(readFileSync(new URL('./fixtures/v1-small.hbk', import.meta.url)))

  it('still opens, with everything it was made with', async () => {
    const backup = await openBackup(new Blob([fixture]), V1_SMALL_PASSPHRASE, { derive })
    expect(backup.header).toMatchObject({
      formatVersion: 1,
      createdAt: V1_SMALL_CREATED_AT,
      chunkSize: V1_SMALL_CHUNK_SIZE,
      ...V1_SMALL_META,
    })
    expect(backup.manifest.counts).toEqual({ personas: 1, memories: 3, keyring: 1 })
    expect(await readAll(backup)).toEqual(flatten(v1SmallSections()))
  })

  it('is what this writer makes from the same input, byte for byte (update only with a new format)', async () => {
    expect(await makeV1Small(derive)).toEqual(fixture)
  })

  it('seeded writing is reproducible, and the seed matters, so the comparison above means something', async () => {
    const write = (seed: number) =>
      createBackup(
        { passphrase: PASSPHRASE, sections: [], meta: META, kdf: FLOOR_COST, derive },
        seeded(seed, 5),
      )
    const [a, b, c] = await Promise.all(
      [write(1), write(1), write(2)].map(async (blob) => bytesOf(await blob)),
    )
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
  })

  it('refuses every single-bit flip, each for what it is', async () => {
    const small = fixture
    expect(layoutOf(small).chunks.length).toBeGreaterThanOrEqual(4)
    const { bodyStart } = layoutOf(small)
    const seen = new Map<string, number>()
    const started = Date.now()
    const flip = async (bit: number) => {
      const flipped = small.slice()
      flipped[bit >> 3] = (flipped[bit >> 3] as number) ^ (1 << (bit & 7))
      const code = await refusal(() => openBackup(new Blob([flipped]), V1_SMALL_PASSPHRASE, { derive }))
      const byte = bit >> 3
      const region = byte < 8 ? 'magic' : byte < bodyStart ? 'header' : 'body'
      seen.set(`${region}:${code}`, (seen.get(`${region}:${code}`) ?? 0) + 1)
    }
    // A few at a time: each open waits on the thread pool (SHA-256) now and then.
    const bits = small.length * 8
    for (let bit = 0; bit < bits; bit += 16) {
      await Promise.all(Array.from({ length: Math.min(16, bits - bit) }, (_, i) => flip(bit + i)))
    }
    const regions = Object.fromEntries(seen)
    // The magic says "not ours"; damage anywhere else is damage (or, in a length field, a file that
    // now seems to end early), never a wrong passphrase or a newer version.
    expect(Object.keys(regions)).toEqual(
      expect.arrayContaining(['body:corrupt', 'header:corrupt', 'magic:not-a-backup']),
    )
    for (const key of Object.keys(regions)) {
      expect([
        'magic:not-a-backup',
        'header:corrupt',
        'header:truncated',
        'body:corrupt',
        'body:truncated',
      ]).toContain(key)
    }
    expect(regions['magic:not-a-backup']).toBe(64)
    expect(Object.values(regions).reduce((a, b) => a + b)).toBe(bits)
    console.info(
      `${bits} single-bit flips of a ${small.length}-byte backup refused in ${Date.now() - started} ms`,
      regions,
    )
  }, 120_000)
})
