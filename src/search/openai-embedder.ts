/**
 * An `Embedder` over an OpenAI-compatible embeddings endpoint — `POST {baseUrl}/v1/embeddings` with
 * `{ model, input: [...] }` — such as a local Ollama, llama.cpp or LM Studio server the person chooses.
 * Texts go in batches; every call has a timeout and honours the caller's AbortSignal; failures are
 * `EmbedderError`s whose `kind` lets the UI say why semantic search is unavailable. Vectors come back
 * L2-normalised, so a dot product is their cosine.
 */
import type { Embedder } from './embedder.ts'

export type EmbedderErrorKind = 'unreachable' | 'timeout' | 'http' | 'bad-response'

export class EmbedderError extends Error {
  override readonly name = 'EmbedderError'
  constructor(
    readonly kind: EmbedderErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message)
  }
}

export type OpenAiEmbedderOptions = {
  /** e.g. `http://127.0.0.1:11434` (a trailing `/v1` is accepted too). */
  baseUrl: string
  model: string
  apiKey?: string
  /** Per request. Default 30 s. */
  timeoutMs?: number
  /** Texts per request. Default 64. */
  batchSize?: number
  fetch?: typeof fetch
}

type EmbeddingsResponse = { data?: Array<{ embedding?: unknown; index?: unknown }> }

const unit = (values: number[]): Float32Array => {
  const v = Float32Array.from(values)
  let norm = 0
  for (const x of v) norm += x * x
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm)
    for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * inv
  }
  return v
}

/** The API's own error text when it gave one (`{ error: { message } }` or `{ error: "…" }`). */
const apiMessage = (body: string): string => {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } | string }
    const message = typeof parsed.error === 'string' ? parsed.error : parsed.error?.message
    if (message) return message
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.slice(0, 200)
}

export class OpenAiEmbedder implements Embedder {
  readonly id: string
  private readonly url: string

  private constructor(
    private readonly options: OpenAiEmbedderOptions,
    readonly dims: number,
  ) {
    const base = options.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '')
    this.url = `${base}/v1/embeddings`
    this.id = `openai:${base}#${options.model}`
  }

  /**
   * Connects to the endpoint and learns the model's dimensions from one short request, so a wrong URL,
   * key or model name fails here, with its reason, rather than in the middle of an import.
   */
  static async connect(options: OpenAiEmbedderOptions, signal?: AbortSignal): Promise<OpenAiEmbedder> {
    const probe = new OpenAiEmbedder(options, 0)
    const [vector] = await probe.request(['dimension probe'], signal)
    if (!vector || vector.length === 0)
      throw new EmbedderError('bad-response', `${probe.url} returned an empty vector`)
    return new OpenAiEmbedder(options, vector.length)
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const size = this.options.batchSize ?? 64
    const out: Float32Array[] = []
    for (let from = 0; from < texts.length; from += size) {
      const vectors = await this.request(texts.slice(from, from + size), signal)
      for (const v of vectors) {
        if (v.length !== this.dims)
          throw new EmbedderError(
            'bad-response',
            `${this.options.model} returned ${v.length} dimensions, expected ${this.dims}`,
          )
        out.push(v)
      }
    }
    return out
  }

  private async request(input: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    signal?.throwIfAborted()
    const timeoutMs = this.options.timeoutMs ?? 30_000
    const timeout = AbortSignal.timeout(timeoutMs)
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`
    let response: Response
    let body: string
    try {
      response = await (this.options.fetch ?? fetch)(this.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: this.options.model, input, encoding_format: 'float' }),
        signal: combined,
      })
      body = await response.text()
    } catch (error) {
      if (signal?.aborted) throw signal.reason
      if (timeout.aborted)
        throw new EmbedderError(
          'timeout',
          `${this.url} did not answer within ${(timeoutMs / 1000).toFixed(1)} s`,
        )
      const cause = (error as { cause?: { code?: string; message?: string } }).cause
      throw new EmbedderError(
        'unreachable',
        `could not reach ${this.url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
      )
    }
    if (!response.ok)
      throw new EmbedderError(
        'http',
        `${this.url} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}: ${apiMessage(body)}`,
        response.status,
      )
    let parsed: EmbeddingsResponse
    try {
      parsed = JSON.parse(body) as EmbeddingsResponse
    } catch {
      throw new EmbedderError('bad-response', `${this.url} did not answer JSON`)
    }
    const data = parsed.data
    if (!Array.isArray(data) || data.length !== input.length)
      throw new EmbedderError(
        'bad-response',
        `${this.url} returned ${Array.isArray(data) ? data.length : 'no'} embeddings for ${input.length} texts`,
      )
    const vectors = new Array<Float32Array>(input.length)
    data.forEach((item, position) => {
      const index = typeof item.index === 'number' ? item.index : position
      const e = item.embedding
      if (!Array.isArray(e) || !e.every((x) => typeof x === 'number') || index < 0 || index >= input.length)
        throw new EmbedderError('bad-response', `${this.url} returned a malformed embedding`)
      vectors[index] = unit(e)
    })
    if (vectors.some((v) => v === undefined))
      throw new EmbedderError('bad-response', `${this.url} returned duplicate indices`)
    return vectors
  }
}
