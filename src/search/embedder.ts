// The one seam between the search engine and whatever turns text into vectors (the shipped model,
// a distilled static embedder, an OpenAI-compatible endpoint). The engine never loads a model itself.

export interface Embedder {
  /** Stable name of the model and its settings: every stored vector records it, and vectors made by
   *  different ids are never compared (their spaces differ even when the dimensions match). */
  readonly id: string
  readonly dims: number
  /** One vector per text, in order, each of length `dims` and L2-normalised (the index relies on it:
   *  cosine similarity is then a dot product). */
  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>
}

/** Scales `vector` in place to unit length; a zero vector stays zero. For embedders and tests. */
export const normalize = (vector: Float32Array): Float32Array => {
  let sum = 0
  for (let i = 0; i < vector.length; i++) sum += (vector[i] as number) ** 2
  if (sum === 0) return vector
  const inverse = 1 / Math.sqrt(sum)
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) * inverse
  return vector
}
