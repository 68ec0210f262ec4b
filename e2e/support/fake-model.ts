import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * The one fake the assistant's tests use: a tiny OpenAI-compatible server on loopback standing in
 * for Ollama or a hosted endpoint. CORS headers as a real local server sends them, `GET /v1/models`,
 * and `POST /v1/chat/completions` streaming SSE `data:` chunks with the `stream_options.include_usage`
 * usage chunk. `mode` decides how it answers the next requests; every request body is recorded.
 */
export type FakeMode =
  | {
      kind: 'reply'
      pieces: string[]
      usage: { prompt_tokens: number; completion_tokens: number }
      delayMs?: number
    }
  | { kind: 'status'; status: number; body: string }
  /** Sends `pieces`, then cuts the connection without finishing. */
  | { kind: 'drop'; pieces: string[] }
  /** Sends `pieces`, then waits (for a cancel). */
  | { kind: 'hang'; pieces: string[] }

export type FakeModel = {
  url: string
  mode: FakeMode
  /** Off: answers without CORS headers, as a server not configured for the app's origin does. */
  cors: boolean
  readonly requests: Array<{
    path: string
    body: Record<string, unknown> | null
    authorization: string | undefined
  }>
  close: () => Promise<void>
}

const WITH_CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const chunk = (model: string, delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`

export const startFakeModel = async (model = 'fake-1'): Promise<FakeModel> => {
  const open = new Set<ServerResponse>()
  const fake: FakeModel = {
    url: '',
    mode: { kind: 'reply', pieces: ['Hello', '!'], usage: { prompt_tokens: 10, completion_tokens: 2 } },
    cors: true,
    requests: [],
    close: async () => {
      for (const res of open) res.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }

  const answer = async (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const CORS = fake.cors ? WITH_CORS : {}
    const path = new URL(req.url ?? '/', 'http://x').pathname
    if (req.method === 'OPTIONS') return res.writeHead(204, CORS).end()
    const body = raw === '' ? null : (JSON.parse(raw) as Record<string, unknown>)
    fake.requests.push({ path, body, authorization: req.headers.authorization })
    const mode = fake.mode
    if (mode.kind === 'status')
      return res.writeHead(mode.status, { ...CORS, 'content-type': 'application/json' }).end(mode.body)
    if (path === '/v1/models') {
      return res
        .writeHead(200, { ...CORS, 'content-type': 'application/json' })
        .end(JSON.stringify({ object: 'list', data: [{ id: model, object: 'model' }] }))
    }
    if (path !== '/v1/chat/completions') return res.writeHead(404, CORS).end('{"error":"not found"}')
    if (body?.stream !== true) {
      const text = mode.kind === 'reply' ? mode.pieces.join('') : 'ok'
      return res.writeHead(200, { ...CORS, 'content-type': 'application/json' }).end(
        JSON.stringify({
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 5, completion_tokens: 1 },
        }),
      )
    }
    open.add(res)
    res.on('close', () => open.delete(res))
    res.writeHead(200, { ...CORS, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    res.write(chunk(model, { role: 'assistant', content: '' }))
    for (const piece of mode.pieces) {
      await sleep(mode.kind === 'reply' ? (mode.delayMs ?? 60) : 60)
      res.write(chunk(model, { content: piece }))
    }
    if (mode.kind === 'drop') {
      await sleep(100)
      res.destroy()
      return
    }
    if (mode.kind === 'hang') return
    res.write(chunk(model, {}, 'stop'))
    res.write(
      `data: ${JSON.stringify({ id: 'chatcmpl-1', model, choices: [], usage: { ...mode.usage, total_tokens: mode.usage.prompt_tokens + mode.usage.completion_tokens } })}\n\n`,
    )
    res.end('data: [DONE]\n\n')
  }

  const server: Server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => {
      raw += c
    })
    req.on('end', () => {
      answer(req, res, raw).catch(() => res.destroy())
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
  return fake
}

/** An address where nothing listens: a port that was just free. */
export const deadEndpoint = async () => {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}/v1`
}
