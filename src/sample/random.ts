/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32) with the helpers the
 * sample-data generator needs. Same seed and stream name → same sequence, in every JS engine.
 */

/** 32-bit FNV-1a hash of a string, used to derive independent streams from one seed. */
const hashString = (text: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** splitmix32: spreads one 32-bit seed into well-mixed state words. */
const splitmix32 = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x9e3779b9) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
}

export class Random {
  private a: number
  private b: number
  private c: number
  private d: number

  /** A generator for `seed`; `stream` names an independent sequence derived from the same seed. */
  constructor(seed: number, stream = '') {
    const mix = splitmix32(hashString(`${seed}:${stream}`) ^ Math.imul(seed | 0, 0x27d4eb2d))
    this.a = mix()
    this.b = mix()
    this.c = mix()
    this.d = mix()
    // Warm up so nearby seeds diverge at once.
    for (let i = 0; i < 12; i++) this.next()
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return (t >>> 0) / 4294967296
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min)
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p
  }

  /** A roughly normal value (sum of three uniforms), cheap and bounded to mean ± 3·sd. */
  normal(mean: number, sd: number): number {
    return mean + (this.next() + this.next() + this.next() - 1.5) * 2 * sd
  }

  pick<T>(items: ReadonlyArray<T>): T {
    if (items.length === 0) throw new Error('Random.pick: empty list')
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** Picks one item with probability proportional to its weight. */
  weighted<T>(items: ReadonlyArray<T>, weights: ReadonlyArray<number>): T {
    if (items.length === 0 || items.length !== weights.length) {
      throw new Error('Random.weighted: items and weights must be non-empty and of equal length')
    }
    let total = 0
    for (const w of weights) total += w
    let roll = this.next() * total
    for (let i = 0; i < items.length; i++) {
      roll -= weights[i] ?? 0
      if (roll < 0) return items[i] as T
    }
    return items[items.length - 1] as T
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: ReadonlyArray<T>): T[] {
    const out = [...items]
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      const tmp = out[i] as T
      out[i] = out[j] as T
      out[j] = tmp
    }
    return out
  }

  /** `n` distinct items in random order (all of them if `n` exceeds the list). */
  sample<T>(items: ReadonlyArray<T>, n: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, n))
  }
}

/** A precomputed weighted choice, for tables picked from many times. */
export class WeightedTable<T> {
  private readonly items: T[]
  private readonly cumulative: number[]
  private readonly total: number

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    if (entries.length === 0) throw new Error('WeightedTable: no entries')
    this.items = entries.map(([item]) => item)
    let sum = 0
    this.cumulative = entries.map(([, weight]) => {
      sum += Math.max(0, weight)
      return sum
    })
    this.total = sum
  }

  pick(random: Random): T {
    const roll = random.next() * this.total
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.cumulative[mid] ?? 0) > roll) hi = mid
      else lo = mid + 1
    }
    return this.items[lo] as T
  }
}

/**
 * Splits `total` into integer parts proportional to `weights` (largest remainder), so the parts
 * always add up to exactly `total`.
 */
export const allocate = (total: number, weights: ReadonlyArray<number>): number[] => {
  if (weights.length === 0) return []
  const sum = weights.reduce((s, w) => s + w, 0)
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : total / weights.length))
  const parts = exact.map(Math.floor)
  let left = total - parts.reduce((s, p) => s + p, 0)
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((x, y) => y.rest - x.rest || x.i - y.i)
  for (const { i } of order) {
    if (left <= 0) break
    parts[i] = (parts[i] ?? 0) + 1
    left--
  }
  return parts
}
