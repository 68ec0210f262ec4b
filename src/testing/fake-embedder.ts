// A deterministic stand-in for a sentence embedder in unit tests: words of one concept share a
// dimension (so "puppy" is near "dog" with no shared word), other words hash into the rest.
// Counts calls and texts, and can be told to fail, so tests can check what gets (re-)embedded.
import { type Embedder, normalize } from '../search/embedder.ts'
import { terms } from '../search/text.ts'

const CONCEPTS = [
  ['dog', 'puppy', 'hound', 'canine'],
  ['car', 'vehicle', 'automobile'],
  ['doctor', 'physician', 'gp', 'clinic'],
  ['birthday', 'anniversary', 'celebration'],
  ['coffee', 'espresso', 'latte'],
]

export class FakeEmbedder implements Embedder {
  calls = 0
  texts = 0
  failWith: string | undefined

  constructor(
    readonly id = 'fake-v1',
    readonly dims = 32,
  ) {}

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    signal?.throwIfAborted()
    await Promise.resolve()
    if (this.failWith) throw new Error(this.failWith)
    this.calls++
    this.texts += texts.length
    return texts.map((text) => {
      const vector = new Float32Array(this.dims)
      for (const term of terms(text)) {
        const concept = CONCEPTS.findIndex((words) => words.includes(term))
        if (concept >= 0) vector[concept] = (vector[concept] as number) + 3
        else {
          let h = 7
          for (let i = 0; i < term.length; i++) h = (h * 31 + term.charCodeAt(i)) >>> 0
          const at = CONCEPTS.length + (h % (this.dims - CONCEPTS.length))
          vector[at] = (vector[at] as number) + 1
        }
      }
      return normalize(vector)
    })
  }
}
