import { sseData } from './sse.ts'

/**
 * A client for OpenAI-compatible chat completions (`POST {base}/chat/completions`): OpenAI itself,
 * Ollama, llama.cpp's server, LM Studio, vLLM… Streams with `stream_options.include_usage` so the
 * last chunk carries the token counts, stops on an `AbortSignal`, and turns every failure into a
 * `ModelError` whose `kind` says what went wrong and whose message says it to a person.
 */

export type ChatRole = 'system' | 'user' | 'assistant'
export type ChatMessage = { readonly role: ChatRole; readonly content: string }

/** Where to send a request: a base URL (`http://127.0.0.1:11434/v1`), a model, an optional key. */
export type ModelTarget = {
  readonly endpoint: string
  readonly model: string
  readonly apiKey: string | null
}

export type TokenUsage = { readonly inputTokens: number; readonly outputTokens: number }

export type StreamedToolCall = { readonly id: string; readonly name: string; readonly arguments: string }

export type ChatResult = {
  readonly content: string
  /** What the server reported; `null` when it reported no usage. */
  readonly usage: TokenUsage | null
  /** The model that answered, as the server names it (falls back to the one asked for). */
  readonly model: string
  readonly finishReason: string | null
  readonly toolCalls: ReadonlyArray<StreamedToolCall>
  /** From sending the request to the last byte. */
  readonly latencyMs: number
}

export const MODEL_ERROR_KINDS = [
  'not-configured',
  'bad-endpoint',
  'offline',
  'unreachable',
  'cors',
  'unauthorized',
  'forbidden',
  'model-not-found',
  'rate-limited',
  'bad-request',
  'server',
  'timeout',
  'dropped',
  'bad-response',
  'cancelled',
] as const
export type ModelErrorKind = (typeof MODEL_ERROR_KINDS)[number]

export class ModelError extends Error {
  override readonly name = 'ModelError'
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
    /** What had arrived of the reply before it failed (streaming only). */
    readonly partial = '',
    readonly status: number | null = null,
  ) {
    super(message)
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

export type ChatOptions = {
  readonly messages: ReadonlyArray<ChatMessage>
  readonly signal?: AbortSignal | undefined
  /** Stream the reply, calling `onDelta` with each new piece of text. */
  readonly stream?: boolean
  readonly onDelta?: ((text: string) => void) | undefined
  readonly maxTokens?: number | undefined
  readonly temperature?: number | undefined
  /** Ask for a JSON object (`response_format`); servers that do not know it ignore it. */
  readonly json?: boolean
  /** No byte for this long (before or during the reply) fails with `timeout`. Default 60 s. */
  readonly idleTimeoutMs?: number
  readonly fetch?: FetchLike
  readonly now?: () => number
  /** Whether the browser believes it is online (defaults to `navigator.onLine`). */
  readonly online?: () => boolean
}

/** `http://host:port/v1` from what a person typed: a bare host gets `/v1`, a full `…/chat/completions` is cut back. */
export const baseUrlOf = (endpoint: string): URL => {
  const trimmed = endpoint.trim()
  if (trimmed === '') throw new ModelError('not-configured', 'No model endpoint is set.')
  let url: URL
  try {
    // `localhost:11434` parses as a URL of scheme "localhost:"; without `//` it is not a web address.
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) throw new TypeError('no scheme')
    url = new URL(trimmed)
  } catch {
    throw new ModelError(
      'bad-endpoint',
      `“${trimmed}” is not a web address. Write it like http://127.0.0.1:11434/v1 or https://api.openai.com/v1.`,
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ModelError(
      'bad-endpoint',
      `The endpoint must start with http:// or https:// (not ${url.protocol}).`,
    )
  }
  let path = url.pathname.replace(/\/+$/, '')
  path = path.replace(/\/(chat\/completions|completions|models)$/, '')
  if (path === '') path = '/v1'
  url.pathname = path
  url.search = ''
  url.hash = ''
  return url
}

const urlFor = (base: URL, path: string) => `${base.href.replace(/\/+$/, '')}/${path}`

/** Loopback and private hosts work without the internet, so being offline does not rule them out. */
export const isLocalHost = (hostname: string) =>
  hostname === 'localhost' ||
  hostname.endsWith('.localhost') ||
  hostname === '[::1]' ||
  /^127\./.test(hostname) ||
  /^10\./.test(hostname) ||
  /^192\.168\./.test(hostname) ||
  /^172\.(1[6-9]|2\d|3[01])\./.test(hostname) ||
  hostname.endsWith('.local')

const headersFor = (apiKey: string | null): Record<string, string> => ({
  'content-type': 'application/json',
  ...(apiKey !== null && apiKey !== '' ? { authorization: `Bearer ${apiKey}` } : {}),
})

const isAbort = (error: unknown) =>
  (error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError')) ||
  (error instanceof Error && error.name === 'AbortError')

/** The server's own words about an error, from an OpenAI-style `{ error: { message } }` body or plain text. */
export const serverSaid = (body: string): string => {
  let said = body.trim()
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown; detail?: unknown }
    const error = parsed.error
    if (typeof error === 'string') said = error
    else if (
      error !== null &&
      typeof error === 'object' &&
      typeof (error as { message?: unknown }).message === 'string'
    )
      said = (error as { message: string }).message
    else if (typeof parsed.message === 'string') said = parsed.message
    else if (typeof parsed.detail === 'string') said = parsed.detail
  } catch {
    // Not JSON: the text itself.
  }
  said = said.replace(/\s+/g, ' ')
  return said.length > 240 ? `${said.slice(0, 240)}…` : said
}

/** How servers say a model does not exist (OpenAI, Ollama, vLLM, LM Studio…). */
const MODEL_MISSING =
  /model.*(not found|does not exist|doesn't exist|not exist|unknown|no such|not available|invalid)|(unknown|no such|invalid) model|model_not_found/i

/** A failed HTTP status as a `ModelError`, with what the server said. */
export const errorForStatus = (status: number, body: string, host: string, model: string): ModelError => {
  const said = serverSaid(body)
  const tail = said === '' ? '' : ` The server said: “${said}”`
  if (status === 401)
    return new ModelError(
      'unauthorized',
      `${host} refused the API key (401 Unauthorized): check the key in the persona's model settings.${tail}`,
      '',
      status,
    )
  if (status === 403)
    return new ModelError(
      'forbidden',
      `${host} does not allow this key to use “${model}” (403 Forbidden).${tail}`,
      '',
      status,
    )
  if ((status === 404 || status === 400) && MODEL_MISSING.test(said))
    return new ModelError(
      'model-not-found',
      `${host} has no model named “${model}”: check the model name (for Ollama, \`ollama list\`).${tail}`,
      '',
      status,
    )
  if (status === 404 || status === 405)
    return new ModelError(
      'bad-endpoint',
      `${host} has no chat completions at this address (${status}): the endpoint usually ends in /v1.${tail}`,
      '',
      status,
    )
  if (status === 429)
    return new ModelError(
      'rate-limited',
      `${host} says too many requests (429): wait a little and try again.${tail}`,
      '',
      status,
    )
  if (status >= 500)
    return new ModelError('server', `${host} failed to answer (${status} server error).${tail}`, '', status)
  return new ModelError('bad-request', `${host} refused the request (${status}).${tail}`, '', status)
}

/**
 * A fetch that never got a response: the network said no. A browser does not say why, so a second,
 * `no-cors` request tells them apart: if that one gets through, the server is there and the browser
 * blocked the reply (CORS); if not, nothing answered (or the device is offline).
 */
const networkError = async (
  url: string,
  host: URL,
  doFetch: FetchLike,
  online: boolean,
  signal: AbortSignal,
): Promise<ModelError> => {
  let reachable = false
  try {
    await doFetch(url, { method: 'GET', mode: 'no-cors', signal })
    reachable = true
  } catch {
    reachable = false
  }
  if (reachable)
    return new ModelError(
      'cors',
      `${host.host} answered, but the browser blocked its reply (CORS): the server must allow requests from ${
        typeof location === 'undefined' ? 'this app' : location.origin
      } (for Ollama, set OLLAMA_ORIGINS; for llama.cpp's server, --cors or a proxy).`,
    )
  if (!online && !isLocalHost(host.hostname))
    return new ModelError(
      'offline',
      `You are offline, and ${host.host} is on the internet: your message is kept, ask again when you are back online.`,
    )
  return new ModelError(
    'unreachable',
    `Could not reach ${host.host}: nothing answered there. Is the server running, and is the address right?`,
  )
}

type ChunkChoice = {
  delta?: {
    content?: string | null
    tool_calls?: Array<{ index?: number; id?: string; function?: { name?: string; arguments?: string } }>
  }
  message?: { content?: string | null }
  finish_reason?: string | null
}
type Chunk = {
  model?: string
  choices?: ChunkChoice[]
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null
  error?: unknown
}

const usageOf = (usage: Chunk['usage']): TokenUsage | null =>
  usage !== null &&
  usage !== undefined &&
  typeof usage.prompt_tokens === 'number' &&
  typeof usage.completion_tokens === 'number'
    ? { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens }
    : null

/** Sends one chat completion request; see the file's header. */
export const chatCompletion = async (target: ModelTarget, options: ChatOptions): Promise<ChatResult> => {
  const base = baseUrlOf(target.endpoint)
  const model = target.model.trim()
  if (model === '')
    throw new ModelError('not-configured', 'No model name is set (for example llama3.1 or gpt-4o-mini).')
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init))
  const now = options.now ?? (() => performance.now())
  const online = options.online ?? (() => typeof navigator === 'undefined' || navigator.onLine)
  const stream = options.stream ?? false
  const url = urlFor(base, 'chat/completions')
  const host = base.host

  // One controller for the request: the caller's signal and the idle timer both stop it.
  const controller = new AbortController()
  let timedOut = false
  const idleMs = options.idleTimeoutMs ?? 60_000
  let timer: ReturnType<typeof setTimeout> | undefined
  const touch = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(() => {
      timedOut = true
      controller.abort(new DOMException('idle', 'TimeoutError'))
    }, idleMs)
  }
  const onAbort = () => controller.abort(options.signal?.reason)
  if (options.signal?.aborted) throw new ModelError('cancelled', 'Cancelled.')
  options.signal?.addEventListener('abort', onAbort, { once: true })

  let content = ''
  const stopped = (error: unknown): ModelError => {
    if (error instanceof ModelError) return error
    if (timedOut)
      return new ModelError(
        'timeout',
        `${host} stopped answering (nothing for ${Math.round(idleMs / 1000)} s).`,
        content,
      )
    if (options.signal?.aborted) return new ModelError('cancelled', 'Cancelled.', content)
    if (isAbort(error)) return new ModelError('cancelled', 'Cancelled.', content)
    return new ModelError('dropped', `The connection to ${host} dropped in the middle of the reply.`, content)
  }

  const started = now()
  touch()
  try {
    let response: Response
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: headersFor(target.apiKey),
        signal: controller.signal,
        body: JSON.stringify({
          model,
          messages: options.messages,
          stream,
          ...(stream ? { stream_options: { include_usage: true } } : {}),
          ...(options.maxTokens !== undefined ? { max_tokens: options.maxTokens } : {}),
          ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
          ...(options.json ? { response_format: { type: 'json_object' } } : {}),
        }),
      })
    } catch (error) {
      if (timedOut || controller.signal.aborted) throw stopped(error)
      throw await networkError(url, base, doFetch, online(), controller.signal)
    }
    touch()
    if (!response.ok) {
      const body = await response.text().catch(() => '')
      throw errorForStatus(response.status, body, host, model)
    }

    if (!stream) {
      const text = await response.text()
      let parsed: Chunk
      try {
        parsed = JSON.parse(text) as Chunk
      } catch {
        throw new ModelError('bad-response', `${host} did not answer with a chat completion (not JSON).`)
      }
      const message = parsed.choices?.[0]?.message
      if (message === undefined)
        throw new ModelError('bad-response', `${host} answered without a reply (no choices in the response).`)
      return {
        content: message.content ?? '',
        usage: usageOf(parsed.usage),
        model: parsed.model ?? model,
        finishReason: parsed.choices?.[0]?.finish_reason ?? null,
        toolCalls: [],
        latencyMs: now() - started,
      }
    }

    if (response.body === null) throw new ModelError('bad-response', `${host} sent an empty reply.`)
    let usage: TokenUsage | null = null
    let answered = model
    let finishReason: string | null = null
    let done = false
    const calls = new Map<number, { id: string; name: string; arguments: string }>()
    for await (const data of sseData(response.body)) {
      touch()
      if (data.trim() === '[DONE]') {
        done = true
        break
      }
      let chunk: Chunk
      try {
        chunk = JSON.parse(data) as Chunk
      } catch {
        throw new ModelError(
          'bad-response',
          `${host} streamed something that is not a chat completion chunk.`,
          content,
        )
      }
      if (chunk.error !== undefined)
        throw new ModelError(
          'server',
          `${host} failed during the reply: ${serverSaid(JSON.stringify(chunk))}`,
          content,
        )
      if (typeof chunk.model === 'string' && chunk.model !== '') answered = chunk.model
      usage = usageOf(chunk.usage) ?? usage
      const choice = chunk.choices?.[0]
      if (choice === undefined) continue
      const piece = choice.delta?.content
      if (typeof piece === 'string' && piece !== '') {
        content += piece
        options.onDelta?.(piece)
      }
      for (const call of choice.delta?.tool_calls ?? []) {
        const index = call.index ?? 0
        const known = calls.get(index) ?? { id: '', name: '', arguments: '' }
        calls.set(index, {
          id: call.id ?? known.id,
          name: known.name + (call.function?.name ?? ''),
          arguments: known.arguments + (call.function?.arguments ?? ''),
        })
      }
      if (choice.finish_reason) finishReason = choice.finish_reason
    }
    if (options.signal?.aborted) throw new ModelError('cancelled', 'Cancelled.', content)
    if (!done && finishReason === null)
      throw new ModelError(
        'dropped',
        `The connection to ${host} dropped in the middle of the reply.`,
        content,
      )
    return {
      content,
      usage,
      model: answered,
      finishReason,
      toolCalls: [...calls.entries()]
        .sort(([a], [b]) => a - b)
        .map(([index, c]) => ({ ...c, id: c.id === '' ? `call-${index}` : c.id })),
      latencyMs: now() - started,
    }
  } catch (error) {
    throw stopped(error)
  } finally {
    if (timer !== undefined) clearTimeout(timer)
    options.signal?.removeEventListener('abort', onAbort)
  }
}

export type ConnectionCheck =
  | { readonly ok: true; readonly message: string; readonly models: ReadonlyArray<string> }
  | {
      readonly ok: false
      readonly kind: ModelErrorKind
      readonly message: string
      readonly models: ReadonlyArray<string>
    }

/**
 * "Test connection": lists the server's models (`GET {base}/models`) to check that it answers, that
 * the key is accepted and that the model exists, then asks the model for one token. Says what failed.
 */
export const testConnection = async (
  target: ModelTarget,
  options: { fetch?: FetchLike; signal?: AbortSignal; online?: () => boolean; now?: () => number } = {},
): Promise<ConnectionCheck> => {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init))
  const online = options.online ?? (() => typeof navigator === 'undefined' || navigator.onLine)
  const signal = options.signal ?? new AbortController().signal
  let models: string[] = []
  try {
    const base = baseUrlOf(target.endpoint)
    const model = target.model.trim()
    if (model === '')
      throw new ModelError('not-configured', 'No model name is set (for example llama3.1 or gpt-4o-mini).')
    const url = urlFor(base, 'models')
    let response: Response
    try {
      response = await doFetch(url, { method: 'GET', headers: headersFor(target.apiKey), signal })
    } catch {
      if (signal.aborted) throw new ModelError('cancelled', 'Cancelled.')
      throw await networkError(url, base, doFetch, online(), signal)
    }
    if (response.ok) {
      try {
        const list = (await response.json()) as {
          data?: Array<{ id?: unknown }>
          models?: Array<{ name?: unknown }>
        }
        models = [...(list.data ?? []).map((m) => m.id), ...(list.models ?? []).map((m) => m.name)].filter(
          (m): m is string => typeof m === 'string',
        )
      } catch {
        models = []
      }
      if (models.length > 0 && !models.includes(model))
        throw new ModelError(
          'model-not-found',
          `${base.host} has no model named “${model}”. It has: ${models.slice(0, 12).join(', ')}${models.length > 12 ? ', …' : ''}.`,
        )
    } else if (response.status !== 404 && response.status !== 405) {
      // Some servers have no model list (404/405); any other failure is the answer.
      throw errorForStatus(response.status, await response.text().catch(() => ''), base.host, model)
    }
    const reply = await chatCompletion(target, {
      messages: [{ role: 'user', content: 'Reply with the word ok.' }],
      maxTokens: 1,
      fetch: doFetch,
      signal,
      online,
      ...(options.now ? { now: options.now } : {}),
    })
    return {
      ok: true,
      models,
      message: `Connected: ${reply.model} at ${base.host} answered in ${Math.round(reply.latencyMs).toLocaleString('en')} ms.`,
    }
  } catch (error) {
    if (error instanceof ModelError) return { ok: false, kind: error.kind, message: error.message, models }
    throw error
  }
}
