// Dot products of one int8 query against many int8 vectors: the inner loop of the vector index.
//
// Plain JS does this at roughly one multiply-add per nanosecond, ~50 ms for 100k × 512 here;
// WebAssembly SIMD does 16 per few instructions (sign-extend to i16, i32x4.dot_i16x8_s). There is
// no wat compiler in the build, so the module is assembled below from opcodes (about 150 bytes,
// compiled synchronously: far under the 4 KB limit browsers put on sync compilation). Where SIMD is
// missing, the same contract runs in JS.
//
// Memory layout, in one WebAssembly.Memory so a scan copies nothing:
//   [0, stride)                       the query
//   [vectorBase, + capacity·stride)   the vectors, row after row (row i at vectorBase + i·stride)
//   [scoreBase, + capacity·4)         the i32 results of the last scan (scratch)
// `stride` is the dimension count rounded up to 16; the padding bytes stay zero.

const PAGE = 65_536

// Opcodes used by the kernel.
const I32 = 0x7f
const V128 = 0x7b
const BLOCK = 0x02
const LOOP = 0x03
const END = 0x0b
const BR_IF = 0x0d
const LOCAL_GET = 0x20
const LOCAL_SET = 0x21
const LOCAL_TEE = 0x22
const I32_STORE = 0x36
const I32_CONST = 0x41
const I32_EQZ = 0x45
const I32_LT_U = 0x49
const I32_ADD = 0x6a
const I32_SHL = 0x74
const VOID = 0x40
const SIMD = 0xfd
const V128_LOAD = [SIMD, 0x00, 0x00, 0x00] // align 1, offset 0: rows need not be 16-aligned
const V128_CONST_ZERO = [SIMD, 0x0c, ...new Array(16).fill(0)]
const I32X4_EXTRACT_LANE = (lane: number) => [SIMD, 0x1b, lane]
const I16X8_EXTEND_LOW_I8X16_S = [SIMD, 0x87, 0x01]
const I16X8_EXTEND_HIGH_I8X16_S = [SIMD, 0x88, 0x01]
const I32X4_ADD = [SIMD, 0xae, 0x01]
const I32X4_DOT_I16X8_S = [SIMD, 0xba, 0x01]

// Parameters and locals of `dots(query, base, count, stride, out)`.
const QUERY = 0
const BASE = 1
const COUNT = 2
const STRIDE = 3
const OUT = 4
const I = 5
const J = 6
const ROW = 7
const ACC = 8
const Q = 9
const V = 10

const get = (local: number) => [LOCAL_GET, local]

/** `acc += dot(extend(q), extend(v))` for one half of the 16 lanes. */
const dotHalf = (extend: number[]) => [
  ...get(Q),
  ...extend,
  ...get(V),
  ...extend,
  ...I32X4_DOT_I16X8_S,
  ...I32X4_ADD,
]

const body = [
  // locals: i, j, row as i32; acc, q, v as v128
  2,
  3,
  I32,
  3,
  V128,
  BLOCK,
  VOID,
  ...get(COUNT),
  I32_EQZ,
  BR_IF,
  0,
  ...get(BASE),
  LOCAL_SET,
  ROW,
  LOOP,
  VOID,
  ...V128_CONST_ZERO,
  LOCAL_SET,
  ACC,
  I32_CONST,
  0,
  LOCAL_SET,
  J,
  LOOP,
  VOID,
  ...get(QUERY),
  ...get(J),
  I32_ADD,
  ...V128_LOAD,
  LOCAL_SET,
  Q,
  ...get(ROW),
  ...get(J),
  I32_ADD,
  ...V128_LOAD,
  LOCAL_SET,
  V,
  ...get(ACC),
  ...dotHalf(I16X8_EXTEND_LOW_I8X16_S),
  ...dotHalf(I16X8_EXTEND_HIGH_I8X16_S),
  LOCAL_SET,
  ACC,
  ...get(J),
  I32_CONST,
  16,
  I32_ADD,
  LOCAL_TEE,
  J,
  ...get(STRIDE),
  I32_LT_U,
  BR_IF,
  0,
  END,
  // out[i] = sum of the four lanes
  ...get(OUT),
  ...get(I),
  I32_CONST,
  2,
  I32_SHL,
  I32_ADD,
  ...get(ACC),
  ...I32X4_EXTRACT_LANE(0),
  ...get(ACC),
  ...I32X4_EXTRACT_LANE(1),
  I32_ADD,
  ...get(ACC),
  ...I32X4_EXTRACT_LANE(2),
  I32_ADD,
  ...get(ACC),
  ...I32X4_EXTRACT_LANE(3),
  I32_ADD,
  I32_STORE,
  2,
  0,
  ...get(ROW),
  ...get(STRIDE),
  I32_ADD,
  LOCAL_SET,
  ROW,
  ...get(I),
  I32_CONST,
  1,
  I32_ADD,
  LOCAL_TEE,
  I,
  ...get(COUNT),
  I32_LT_U,
  BR_IF,
  0,
  END,
  END,
  END,
]

const section = (id: number, content: number[]) => [id, ...uleb(content.length), ...content]
const name = (text: string) => [text.length, ...Array.from(text, (c) => c.charCodeAt(0))]
function uleb(value: number): number[] {
  const out: number[] = []
  do {
    let byte = value & 0x7f
    value >>>= 7
    if (value !== 0) byte |= 0x80
    out.push(byte)
  } while (value !== 0)
  return out
}

/** The kernel module: imports `env.memory`, exports `dots`. */
export const KERNEL_WASM = new Uint8Array([
  0x00,
  0x61,
  0x73,
  0x6d,
  0x01,
  0x00,
  0x00,
  0x00,
  ...section(1, [1, 0x60, 5, I32, I32, I32, I32, I32, 0]),
  ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 0x01]),
  ...section(3, [1, 0]),
  ...section(7, [1, ...name('dots'), 0x00, 0]),
  ...section(10, [1, ...uleb(body.length), ...body]),
])

const align = (value: number, to: number) => Math.ceil(value / to) * to

/** Whether this engine runs the SIMD kernel (Chrome 91+, Firefox 89+, Safari 16.4+, Node 16.4+). */
export const simdAvailable = (): boolean =>
  typeof WebAssembly === 'object' && WebAssembly.validate(KERNEL_WASM)

type Dots = (query: number, base: number, count: number, stride: number, out: number) => void

export class Int8Arena {
  readonly stride: number
  readonly simd: boolean
  readonly #vectorBase: number
  #capacity = 0
  #memory: WebAssembly.Memory | undefined
  #buffer: ArrayBuffer
  #dots: Dots | undefined
  #rows!: Int8Array
  #query!: Int8Array
  #scores!: Int32Array

  constructor(dims: number, useSimd = simdAvailable()) {
    this.stride = Math.max(16, align(dims, 16))
    this.#vectorBase = align(this.stride, 64)
    this.simd = useSimd
    if (useSimd) {
      this.#memory = new WebAssembly.Memory({ initial: 1 })
      const instance = new WebAssembly.Instance(new WebAssembly.Module(KERNEL_WASM), {
        env: { memory: this.#memory },
      })
      this.#dots = instance.exports.dots as Dots
      this.#buffer = this.#memory.buffer
    } else {
      this.#buffer = new ArrayBuffer(PAGE)
    }
    this.#views()
  }

  get capacity(): number {
    return this.#capacity
  }

  /** Bytes held (vectors and scratch). */
  get byteLength(): number {
    return this.#buffer.byteLength
  }

  /** All rows; row i is `rows.subarray(i·stride, (i+1)·stride)`. Re-read after `reserve`. */
  get rows(): Int8Array {
    return this.#rows
  }

  /** Room for `count` rows, keeping the existing ones. Invalidates earlier `rows` views. */
  reserve(count: number): void {
    if (count <= this.#capacity) return
    const capacity = Math.max(count, Math.ceil(this.#capacity * 1.5), 256)
    const needed = this.#vectorBase + capacity * this.stride + capacity * 4
    if (this.#memory) {
      const pages = Math.ceil(needed / PAGE) - this.#memory.buffer.byteLength / PAGE
      if (pages > 0) this.#memory.grow(pages)
      this.#buffer = this.#memory.buffer
    } else if (needed > this.#buffer.byteLength) {
      const next = new ArrayBuffer(needed)
      new Uint8Array(next).set(
        new Uint8Array(this.#buffer, 0, this.#vectorBase + this.#capacity * this.stride),
      )
      this.#buffer = next
    }
    this.#capacity = capacity
    this.#views()
  }

  /** Dot products of `query` (int8, stride long) with rows [0, count); valid until the next scan. */
  scan(query: Int8Array, count: number): Int32Array {
    this.#query.set(query.subarray(0, this.stride))
    const scores = this.#scores.subarray(0, count)
    if (this.#dots) {
      this.#dots(0, this.#vectorBase, count, this.stride, this.#vectorBase + this.#capacity * this.stride)
      return scores
    }
    const q = this.#query
    const rows = this.#rows
    const stride = this.stride
    for (let i = 0, row = 0; i < count; i++, row += stride) {
      let sum = 0
      for (let j = 0; j < stride; j++) sum += (q[j] as number) * (rows[row + j] as number)
      scores[i] = sum
    }
    return scores
  }

  #views(): void {
    this.#query = new Int8Array(this.#buffer, 0, this.stride)
    this.#rows = new Int8Array(this.#buffer, this.#vectorBase, this.#capacity * this.stride)
    this.#scores = new Int32Array(
      this.#buffer,
      this.#vectorBase + this.#capacity * this.stride,
      this.#capacity,
    )
  }
}
