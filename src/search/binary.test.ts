import { describe, expect, it } from 'vitest'
import { ByteReader, ByteWriter } from './binary.ts'

describe('ByteWriter / ByteReader', () => {
  it('round-trips every kind of value past the initial buffer size', () => {
    const w = new ByteWriter()
    const big = new Int8Array(200_000).map((_, i) => (i % 255) - 127)
    w.u8(7)
    w.u32(0xfffffffe)
    w.f64(-1.5e300)
    w.string('crème 🍮')
    w.strings(['', 'a', 'héllo', '東京'])
    w.typed(new Int32Array([-1, 2, 2 ** 31 - 1]))
    w.typed(new Float32Array([0.25, -3]))
    w.typed(new Float64Array([Math.PI]))
    w.typed(big)
    const r = new ByteReader(w.finish())
    expect(r.u8()).toBe(7)
    expect(r.u32()).toBe(0xfffffffe)
    expect(r.f64()).toBe(-1.5e300)
    expect(r.string()).toBe('crème 🍮')
    expect(r.strings()).toEqual(['', 'a', 'héllo', '東京'])
    expect([...r.int32s()]).toEqual([-1, 2, 2 ** 31 - 1])
    expect([...r.float32s()]).toEqual([0.25, -3])
    expect([...r.float64s()]).toEqual([Math.PI])
    expect(r.int8s()).toEqual(big)
    expect(r.done).toBe(true)
  })

  it('throws on truncated input instead of reading garbage', () => {
    const w = new ByteWriter()
    w.string('hello world')
    const bytes = w.finish()
    expect(() => new ByteReader(bytes.subarray(0, bytes.length - 1)).string()).toThrow(RangeError)
    expect(() => new ByteReader(new Uint8Array(2)).u32()).toThrow(RangeError)
  })

  it('rejects a float array whose byte length is not a multiple of its width', () => {
    const w = new ByteWriter()
    w.bytes(new Uint8Array(6))
    expect(() => new ByteReader(w.finish()).float64s()).toThrow(RangeError)
  })
})
