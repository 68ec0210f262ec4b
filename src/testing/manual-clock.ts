import type { Clock } from '../workflows/clock.ts'

/** A clock that moves only when a test says so; timers fire in time order as it passes them. */
export class ManualClock implements Clock {
  #now: number
  #timers: Array<{ at: number; fn: () => void; id: number }> = []
  #nextId = 0

  constructor(start: number) {
    this.#now = start
  }

  now = () => this.#now

  setTimeout = (fn: () => void, ms: number) => {
    const id = this.#nextId++
    this.#timers.push({ at: this.#now + Math.max(0, ms), fn, id })
    return () => {
      this.#timers = this.#timers.filter((t) => t.id !== id)
    }
  }

  /** How many timers are waiting. */
  get pending() {
    return this.#timers.length
  }

  /** Moves time on by `ms`, firing each timer due on the way at its own moment, then lets promises settle. */
  async advance(ms: number) {
    const end = this.#now + ms
    for (;;) {
      const next = this.#timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0]
      if (next === undefined) break
      this.#timers = this.#timers.filter((t) => t.id !== next.id)
      this.#now = Math.max(this.#now, next.at)
      next.fn()
      await settle()
    }
    this.#now = end
    await settle()
  }
}

/** Lets pending promise callbacks (and LiveStore's own microtasks) run. */
export const settle = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0))
}
