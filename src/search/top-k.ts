// The k best (index, score) pairs of a stream, in a binary min-heap over typed arrays: scanning
// 100k scores keeps only k entries and allocates nothing per candidate. Ties go to the lower index
// (older document), so equal scores rank the same way on every run.

export class TopK {
  readonly #indexes: Int32Array
  readonly #scores: Float64Array
  #size = 0

  constructor(readonly k: number) {
    this.#indexes = new Int32Array(Math.max(k, 0))
    this.#scores = new Float64Array(Math.max(k, 0))
  }

  get size(): number {
    return this.#size
  }

  /** A candidate must beat this to enter; -Infinity while there is room. Lets callers skip work. */
  get threshold(): number {
    return this.#size < this.k ? Number.NEGATIVE_INFINITY : (this.#scores[0] as number)
  }

  push(index: number, score: number): void {
    if (this.k <= 0 || Number.isNaN(score)) return
    if (this.#size < this.k) {
      this.#indexes[this.#size] = index
      this.#scores[this.#size] = score
      this.#up(this.#size++)
      return
    }
    if (!this.#worse(0, index, score)) return
    this.#indexes[0] = index
    this.#scores[0] = score
    this.#down(0)
  }

  /** Best first. Empties the heap. */
  drain(): { indexes: Int32Array; scores: Float64Array } {
    const n = this.#size
    const indexes = new Int32Array(n)
    const scores = new Float64Array(n)
    for (let out = n - 1; out >= 0; out--) {
      indexes[out] = this.#indexes[0] as number
      scores[out] = this.#scores[0] as number
      this.#size--
      if (this.#size > 0) {
        this.#indexes[0] = this.#indexes[this.#size] as number
        this.#scores[0] = this.#scores[this.#size] as number
        this.#down(0)
      }
    }
    return { indexes, scores }
  }

  /** Whether heap entry `at` ranks below the candidate (index, score). */
  #worse(at: number, index: number, score: number): boolean {
    const s = this.#scores[at] as number
    return s < score || (s === score && (this.#indexes[at] as number) > index)
  }

  #up(at: number): void {
    while (at > 0) {
      const parent = (at - 1) >> 1
      if (!this.#worse(at, this.#indexes[parent] as number, this.#scores[parent] as number)) return
      this.#swap(at, parent)
      at = parent
    }
  }

  #down(at: number): void {
    for (;;) {
      const left = 2 * at + 1
      if (left >= this.#size) return
      const right = left + 1
      let lowest = left
      if (
        right < this.#size &&
        this.#worse(right, this.#indexes[left] as number, this.#scores[left] as number)
      ) {
        lowest = right
      }
      if (!this.#worse(lowest, this.#indexes[at] as number, this.#scores[at] as number)) return
      this.#swap(at, lowest)
      at = lowest
    }
  }

  #swap(a: number, b: number): void {
    const index = this.#indexes[a] as number
    const score = this.#scores[a] as number
    this.#indexes[a] = this.#indexes[b] as number
    this.#scores[a] = this.#scores[b] as number
    this.#indexes[b] = index
    this.#scores[b] = score
  }
}
