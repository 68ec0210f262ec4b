import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { baseUrlOf, chatCompletion, type FetchLike, ModelError, testConnection } from './chat-client.ts'

// A stand-in for the endpoint we do not own: an OpenAI-compatible server on 127.0.0.1.
type Handler = (body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse) => void
let server: Server | undefined
const seen: Array<{ url: string; body: Record<string, unknown>; auth: string | undefined }> = []

const serve = async (handler: Handler): Promise<string> => {
  seen.length = 0
  server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => {
      raw += c
    })
    req.on('end', () => {
      const body = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>)
      seen.push({ url: req.url ?? '', body, auth: req.headers.authorization })
      handler(body, req, res)
    })
  })
  const listening = server
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(listening.address() as AddressInfo).port}/v1`
}

afterEach(async () => {
  const s = server
  server = undefined
  if (s) await new Promise<void>((resolve) => s.close(() => resolve()))
})

const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  `data: ${JSON.stringify({ model: 'tiny-1', choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`

const streamReply = (res: ServerResponse, pieces: string[], { done = true, usage = true } = {}) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' })
  for (const piece of pieces) res.write(chunk({ content: piece }))
  if (!done) {
    // Let the pieces reach the client first, then cut the connection.
    setTimeout(() => res.destroy(), 50)
    return
  }
  res.write(
    `data: ${JSON.stringify({ model: 'tiny-1', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`,
  )
  if (usage)
    res.write(
      `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 42, completion_tokens: 7 } })}\n\n`,
    )
  res.end('data: [DONE]\n\n')
}

const failure = async (promise: Promise<unknown>): Promise<ModelError> => {
  try {
    await promise
  } catch (error) {
    if (error instanceof ModelError) return error
    throw error
  }
  throw new Error('expected a ModelError')
}

const USER = [{ role: 'user' as const, content: 'Hello?' }]

describe('baseUrlOf', () => {
  it('adds /v1 to a bare host, cuts a pasted /chat/completions, refuses what is not http(s)', () => {
    expect(baseUrlOf('http://localhost:11434').href).toBe('http://localhost:11434/v1')
    expect(baseUrlOf('https://api.openai.com/v1/chat/completions/').href).toBe('https://api.openai.com/v1')
    expect(baseUrlOf(' http://127.0.0.1:8080/v1 ').href).toBe('http://127.0.0.1:8080/v1')
    expect(() => baseUrlOf('localhost:11434')).toThrow('not a web address')
    expect(() => baseUrlOf('ftp://x/v1')).toThrow('must start with http')
    expect(() => baseUrlOf('')).toThrow('No model endpoint')
  })
})

describe('chatCompletion', () => {
  it('streams the reply piece by piece and reads the usage chunk', async () => {
    const endpoint = await serve((_body, _req, res) => streamReply(res, ['Hel', 'lo', ' there']))
    const pieces: string[] = []
    const result = await chatCompletion(
      { endpoint, model: 'tiny', apiKey: 'sk-test' },
      { messages: USER, stream: true, onDelta: (p) => pieces.push(p) },
    )
    expect(pieces).toEqual(['Hel', 'lo', ' there'])
    expect(result).toMatchObject({
      content: 'Hello there',
      usage: { inputTokens: 42, outputTokens: 7 },
      model: 'tiny-1',
      finishReason: 'stop',
    })
    expect(result.latencyMs).toBeGreaterThanOrEqual(0)
    expect(seen[0]?.url).toBe('/v1/chat/completions')
    expect(seen[0]?.auth).toBe('Bearer sk-test')
    expect(seen[0]?.body).toMatchObject({
      model: 'tiny',
      stream: true,
      stream_options: { include_usage: true },
    })
  })

  it('assembles streamed tool calls', async () => {
    const endpoint = await serve((_body, _req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(
        chunk({ tool_calls: [{ index: 0, id: 'c1', function: { name: 'get_', arguments: '{"ci' } }] }),
      )
      res.write(
        chunk({ tool_calls: [{ index: 0, function: { name: 'weather', arguments: 'ty":"Oslo"}' } }] }),
      )
      res.end(
        `data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'tool_calls' }] })}\n\ndata: [DONE]\n\n`,
      )
    })
    const result = await chatCompletion(
      { endpoint, model: 'tiny', apiKey: null },
      { messages: USER, stream: true },
    )
    expect(result.toolCalls).toEqual([{ id: 'c1', name: 'get_weather', arguments: '{"city":"Oslo"}' }])
    expect(result.usage).toBeNull()
    expect(seen[0]?.auth).toBeUndefined()
  })

  it('answers without streaming too', async () => {
    const endpoint = await serve((_body, _req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          model: 'tiny-1',
          choices: [{ message: { role: 'assistant', content: '{"title":"x"}' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 5, completion_tokens: 3 },
        }),
      )
    })
    const result = await chatCompletion(
      { endpoint, model: 'tiny', apiKey: null },
      { messages: USER, json: true },
    )
    expect(result).toMatchObject({ content: '{"title":"x"}', usage: { inputTokens: 5, outputTokens: 3 } })
    expect(seen[0]?.body).toMatchObject({ stream: false, response_format: { type: 'json_object' } })
  })

  it('says 401 is the key, 404 naming a model is the model name, 500 is the server', async () => {
    let status = 401
    let body = '{"error":{"message":"Incorrect API key provided"}}'
    const endpoint = await serve((_b, _req, res) => res.writeHead(status).end(body))
    const target = { endpoint, model: 'tiny', apiKey: 'bad' }
    const unauthorized = await failure(chatCompletion(target, { messages: USER, stream: true }))
    expect(unauthorized.kind).toBe('unauthorized')
    expect(unauthorized.message).toContain('refused the API key (401 Unauthorized)')
    expect(unauthorized.message).toContain('Incorrect API key provided')

    status = 404
    body = '{"error":{"message":"model \\"tiny\\" not found, try pulling it first"}}'
    const missing = await failure(chatCompletion(target, { messages: USER }))
    expect(missing.kind).toBe('model-not-found')
    expect(missing.message).toContain('no model named “tiny”')

    status = 404
    body = 'Not Found'
    expect((await failure(chatCompletion(target, { messages: USER }))).kind).toBe('bad-endpoint')
    status = 503
    expect((await failure(chatCompletion(target, { messages: USER }))).kind).toBe('server')
    status = 429
    expect((await failure(chatCompletion(target, { messages: USER }))).kind).toBe('rate-limited')
  })

  it('a stream that breaks off is "dropped" and keeps what arrived', async () => {
    const endpoint = await serve((_b, _req, res) => streamReply(res, ['Part', 'ial'], { done: false }))
    const error = await failure(
      chatCompletion({ endpoint, model: 'tiny', apiKey: null }, { messages: USER, stream: true }),
    )
    expect(error.kind).toBe('dropped')
    expect(error.partial).toBe('Partial')
    expect(error.message).toContain('dropped in the middle of the reply')
  })

  it('cancelling keeps the partial reply', async () => {
    const endpoint = await serve((_b, _req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(chunk({ content: 'Once upon' }))
      // …and never finishes.
    })
    const controller = new AbortController()
    const error = await failure(
      chatCompletion(
        { endpoint, model: 'tiny', apiKey: null },
        { messages: USER, stream: true, signal: controller.signal, onDelta: () => controller.abort() },
      ),
    )
    expect(error.kind).toBe('cancelled')
    expect(error.partial).toBe('Once upon')
  })

  it('a server that goes quiet fails with a timeout', async () => {
    const endpoint = await serve((_b, _req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(chunk({ content: 'Hm' }))
    })
    const error = await failure(
      chatCompletion(
        { endpoint, model: 'tiny', apiKey: null },
        { messages: USER, stream: true, idleTimeoutMs: 150 },
      ),
    )
    expect(error.kind).toBe('timeout')
    expect(error.partial).toBe('Hm')
  })

  it('nothing listening is "unreachable"; offline with an internet host is "offline"', async () => {
    const endpoint = await serve(() => {})
    const s = server
    server = undefined
    await new Promise<void>((resolve) => s?.close(() => resolve()))
    const error = await failure(chatCompletion({ endpoint, model: 'tiny', apiKey: null }, { messages: USER }))
    expect(error.kind).toBe('unreachable')
    expect(error.message).toContain('Could not reach 127.0.0.1')

    const refuse: FetchLike = async () => {
      throw new TypeError('Failed to fetch')
    }
    const offline = await failure(
      chatCompletion(
        { endpoint: 'https://api.example.com/v1', model: 'm', apiKey: null },
        { messages: USER, fetch: refuse, online: () => false },
      ),
    )
    expect(offline.kind).toBe('offline')
  })

  it('tells CORS apart: the request fails but a no-cors probe gets through', async () => {
    const browserLike: FetchLike = async (_url, init) => {
      if (init?.mode === 'no-cors') return new Response(null, { status: 200 })
      throw new TypeError('Failed to fetch')
    }
    const error = await failure(
      chatCompletion(
        { endpoint: 'http://127.0.0.1:9/v1', model: 'm', apiKey: null },
        { messages: USER, fetch: browserLike },
      ),
    )
    expect(error.kind).toBe('cors')
    expect(error.message).toContain('blocked its reply (CORS)')
  })
})

describe('testConnection', () => {
  const models = (res: ServerResponse) =>
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ object: 'list', data: [{ id: 'tiny' }, { id: 'small' }] }))

  it('lists models, checks the name, then asks for one token', async () => {
    const endpoint = await serve((body, req, res) => {
      if (req.url === '/v1/models') return models(res)
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ model: body.model, choices: [{ message: { content: 'ok' } }] }))
    })
    const check = await testConnection({ endpoint, model: 'tiny', apiKey: null })
    expect(check.ok).toBe(true)
    expect(check.message).toMatch(/^Connected: tiny at 127\.0\.0\.1:\d+ answered in \d+ ms\.$/)
    expect(seen.map((s) => s.url)).toEqual(['/v1/models', '/v1/chat/completions'])
    expect(seen[1]?.body).toMatchObject({ max_tokens: 1 })
  })

  it('names the models there when the model name is wrong', async () => {
    const endpoint = await serve((_b, _req, res) => models(res))
    const check = await testConnection({ endpoint, model: 'tiyn', apiKey: null })
    expect(check).toMatchObject({ ok: false, kind: 'model-not-found' })
    expect(check.message).toContain('has no model named “tiyn”. It has: tiny, small.')
  })

  it('says a 401 on the model list is the key', async () => {
    const endpoint = await serve((_b, _req, res) => res.writeHead(401).end('{"error":"invalid key"}'))
    const check = await testConnection({ endpoint, model: 'tiny', apiKey: 'nope' })
    expect(check).toMatchObject({ ok: false, kind: 'unauthorized' })
  })

  it('goes on to the model when the server has no model list', async () => {
    const endpoint = await serve((_b, req, res) => {
      if (req.url === '/v1/models') return res.writeHead(404).end()
      res.writeHead(404).end('{"error":{"message":"The model `tiny` does not exist"}}')
    })
    const check = await testConnection({ endpoint, model: 'tiny', apiKey: null })
    expect(check).toMatchObject({ ok: false, kind: 'model-not-found' })
  })
})
