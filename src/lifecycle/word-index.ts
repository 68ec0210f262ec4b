/**
 * The vocabulary of the word model (`word-model.ts`) as letters in one byte buffer, with an
 * open-addressing hash table from word to symbol. Unpacking 46,750 words this way creates no
 * string per word and no `Map` (which cost about half of the unpacking time): the model is
 * unpacked on the first compression, while the person waits.
 */
export class WordIndex {
  /** The letters (char codes of a–z) of every word, one after another. */
  private readonly letters: Uint8Array
  /** Word `symbol`'s letters are `letters[start[symbol]]` up to `letters[start[symbol + 1]]`. */
  private readonly start: Int32Array
  /** Slot → symbol, 0 for an empty slot (symbol 0 is no word). */
  private readonly slots: Int32Array
  private readonly mask: number
  private length = 0
  private end = 0

  /** Room for `words` words (symbols 1…words) of `letters` letters in all. */
  constructor(words: number, letters: number) {
    this.letters = new Uint8Array(letters)
    this.start = new Int32Array(words + 2)
    let size = 1
    while (size < words * 2) size *= 2
    this.slots = new Int32Array(size)
    this.mask = size - 1
  }

  get size() {
    return this.length
  }

  /**
   * Adds the next word (symbol `size + 1`): the first `shared` letters of the word before it, then
   * the letters of `text` from `from` up to the first character below 'a'. Returns where it stopped.
   * One tight loop over typed arrays: this is most of unpacking the model.
   */
  append(text: string, from: number, shared: number): number {
    const letters = this.letters
    let end = this.end
    const previous = this.start[this.length] ?? 0
    this.start[this.length + 1] = end
    for (let i = 0; i < shared; i += 1) letters[end++] = letters[previous + i] ?? 0
    let hash = 0x811c9dc5
    for (let i = this.start[this.length + 1] ?? 0; i < end; i += 1)
      hash = Math.imul(hash ^ (letters[i] ?? 0), 0x01000193)
    let position = from
    for (; position < text.length; position += 1) {
      const c = text.charCodeAt(position)
      if (c < 97) break
      letters[end++] = c
      hash = Math.imul(hash ^ c, 0x01000193)
    }
    this.end = end
    this.length += 1
    this.start[this.length + 1] = end
    let slot = hash & this.mask
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask
    this.slots[slot] = this.length
    return position
  }

  /** Calls `visit` with each word's symbol and letters (char codes) in the shared buffer. */
  forEachWord(visit: (symbol: number, letters: Uint8Array, from: number, to: number) => void) {
    for (let symbol = 1; symbol <= this.length; symbol += 1) {
      visit(symbol, this.letters, this.start[symbol] ?? 0, this.start[symbol + 1] ?? 0)
    }
  }

  /** The symbol of a lower-case word, 0 when it is not in the vocabulary (FNV-1a, linear probing). */
  lookup(word: string): number {
    let hash = 0x811c9dc5
    for (let i = 0; i < word.length; i += 1) hash = Math.imul(hash ^ (word.charCodeAt(i) & 0xff), 0x01000193)
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const symbol = this.slots[slot] ?? 0
      if (symbol === 0) return 0
      const from = this.start[symbol] ?? 0
      if ((this.start[symbol + 1] ?? 0) - from !== word.length) continue
      let i = 0
      while (i < word.length && this.letters[from + i] === word.charCodeAt(i)) i += 1
      if (i === word.length) return symbol
    }
  }

  /** The letters of word `symbol`, as char codes. */
  lettersOf(symbol: number): Uint8Array {
    return this.letters.subarray(this.start[symbol] ?? 0, this.start[symbol + 1] ?? 0)
  }

  wordAt(symbol: number): string {
    return String.fromCharCode(...this.lettersOf(symbol))
  }
}
