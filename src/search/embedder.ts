export interface Embedder {
  readonly id: string
  readonly dims: number
  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>
}
