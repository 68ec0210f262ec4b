import { describe, expect, it } from 'vitest'
import { encodeStaticModel, parseStaticModel, StaticEmbedder, type StaticModel } from './static-embedder.ts'

// A tiny model: 2 dims, pieces with chosen rows; the "full model" space has 3 dims.
// Every letter is a piece too (as in a real vocabulary), rare enough never to beat a whole word.
const LETTERS = [...'abcefghijklmnopqrstuvwxyz']
const PIECES = [
  '<unk>',
  '<s>',
  '</s>',
  'x1',
  'x2',
  'x3',
  '▁the',
  '▁cat',
  '▁dog',
  '▁car',
  'd',
  '▁zz',
  ...LETTERS,
]
const SCORES = [0, 0, 0, 0, 0, 0, -1, -5, -5, -5, -6, -4, ...LETTERS.map(() => -20)]
const ROWS: Record<string, [number, number]> = {
  '▁the': [0, 1],
  '▁cat': [1, 0],
  '▁dog': [0.8, 0.6],
  '▁car': [-1, 0],
  d: [0, -1],
  '▁zz': [0.5, 0.5],
}

const tinyModel = (): StaticModel => {
  const v = PIECES.length
  const scales = new Float32Array(v).fill(1)
  const rows = new Int8Array(v * 2)
  PIECES.forEach((p, i) => {
    const row = ROWS[p]
    if (!row) return
    scales[i] = 1 / 127
    rows[i * 2] = Math.round(row[0] * 127)
    rows[i * 2 + 1] = Math.round(row[1] * 127)
  })
  return {
    header: {
      id: 'tiny',
      dims: 2,
      sourceDims: 3,
      vocabSize: v,
      pieces: PIECES,
      sifA: 0.001,
      lowercase: true,
      source: {},
    },
    scores: Float64Array.from(SCORES),
    scales,
    rows,
    mean: Float32Array.from([0, 0, 1]),
    // Keeps the first two of three dimensions.
    components: Float32Array.from([1, 0, 0, 0, 1, 0]),
  }
}

const bytes = (model: StaticModel) => {
  const b = encodeStaticModel(model)
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer
}
const close = (a: Float32Array, b: number[]) => {
  a.forEach((x, i) => {
    expect(x).toBeCloseTo(b[i] as number, 2)
  })
}

describe('StaticEmbedder', () => {
  it('round-trips its file format and rejects other bytes', () => {
    const model = tinyModel()
    const back = parseStaticModel(bytes(model))
    expect(back.header).toEqual(model.header)
    expect(back.rows).toEqual(model.rows)
    expect(back.components).toEqual(model.components)
    expect(() => parseStaticModel(new ArrayBuffer(16))).toThrow(/not a Hearth static embedder/)
    const whole = bytes(model)
    expect(() => parseStaticModel(whole.slice(0, whole.byteLength - 8))).toThrow(/truncated/)
    expect(() => parseStaticModel(whole.slice(0, 40))).toThrow(/truncated/)
  })

  it('embeds a one-piece word as its row, unit length, case folded', async () => {
    const e = StaticEmbedder.fromArrayBuffer(bytes(tinyModel()))
    expect(e.dims).toBe(2)
    expect(e.id).toBe('tiny:pieces')
    const [cat, Cat] = await e.embed(['cat', 'CAT!'])
    close(cat as Float32Array, [1, 0])
    expect(Cat).toEqual(cat)
  })

  it('weights frequent words down (SIF) and averages the rest', async () => {
    const e = StaticEmbedder.fromArrayBuffer(bytes(tinyModel()))
    // "the" has p = e^-1: weight ≈ 0.0027; "cat" p = e^-5: weight ≈ 0.13. The mean leans to cat.
    const [v] = await e.embed(['the cat'])
    expect((v as Float32Array)[0]).toBeGreaterThan(0.99)
    const [both] = await e.embed(['cat car dog'])
    // cat + car cancel; dog remains.
    close(both as Float32Array, [0.8, 0.6])
  })

  it('without the full model, a word of several pieces is the mean of their rows', async () => {
    const e = StaticEmbedder.fromArrayBuffer(bytes(tinyModel()))
    // "dogd" → ▁dog + d: the mean of [0.8, 0.6] and [0, −1] is [0.4, −0.2].
    const [v] = await e.embed(['dogd'])
    const n = Math.hypot(0.4, -0.2)
    close(v as Float32Array, [0.4 / n, -0.2 / n])
    const [nothing] = await e.embed(['¿¿'])
    close(nothing as Float32Array, [0, 0])
  })

  it('asks the full model once per unknown word, projects it, and caches it', async () => {
    const asked: string[][] = []
    const e = StaticEmbedder.fromArrayBuffer(bytes(tinyModel()), {
      wordEncoder: async (words) => {
        asked.push(words)
        return words.map(() => Float32Array.from([0, 3, 5]))
      },
    })
    expect(e.id).toBe('tiny:words')
    const [a, b] = await e.embed(['dogd dogd', 'cat dogd'])
    // (0,3,5) − mean (0,0,1) → first two: (0,3).
    close(a as Float32Array, [0, 1])
    expect((b as Float32Array)[1]).toBeGreaterThan(0)
    await e.embed(['dogd'])
    expect(asked).toEqual([['dogd']])
    expect(e.cachedWords).toBe(1)
  })

  it('stops when aborted', async () => {
    const e = StaticEmbedder.fromArrayBuffer(bytes(tinyModel()))
    const c = new AbortController()
    c.abort()
    await expect(e.embed(['cat'], c.signal)).rejects.toThrow()
  })
})
