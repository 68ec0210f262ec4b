import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { EmbedderError, OpenAiEmbedder } from './openai-embedder.ts'

// A fake of the endpoint we do not own: an OpenAI-compatible server on 127.0.0.1.
type Handler = (body: { model: string; input: string[] }, req: IncomingMessage, res: ServerResponse) => void
let server: Server | undefined
const requests: Array<{ body: { model: string; input: string[] }; auth: string | undefined }> = []

const serve = async (handler: Handler): Promise<string> => {
  requests.length = 0
  server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => {
      raw += c
    })
    req.on('end', () => {
      const body = JSON.parse(raw)
      requests.push({ body, auth: req.headers.authorization })
      if (req.url !== '/v1/embeddings' || req.method !== 'POST') {
        res.writeHead(404).end('{"error":"not found"}')
        return
      }
      handler(body, req, res)
    })
  })
  const listening = server
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(listening.address() as AddressInfo).port}`
}

/** Answers with 3-dim vectors [len, 1, 0] per input, in reverse order with indices (as the API may). */
const answer: Handler = (body, _req, res) => {
  const data = body.input.map((t, index) => ({ object: 'embedding', index, embedding: [t.length, 1, 0] }))
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: data.reverse() }))
}

afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  server = undefined
})

const kindOf = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(EmbedderError)
  return { kind: (error as EmbedderError).kind, message: (error as EmbedderError).message }
}

describe('OpenAiEmbedder', () => {
  it('learns the dimensions, batches, keeps order, normalises and sends the key', async () => {
    const base = await serve(answer)
    const e = await OpenAiEmbedder.connect({
      baseUrl: `${base}/v1/`,
      model: 'nomic',
      apiKey: 'k1',
      batchSize: 2,
    })
    expect(e.dims).toBe(3)
    expect(e.id).toBe(`openai:${base}#nomic`)
    const vectors = await e.embed(['abc', 'a', 'abcd'])
    const expected = [3, 1, 4].map((a) => [a / Math.hypot(a, 1), 1 / Math.hypot(a, 1), 0])
    vectors.forEach((v, i) => {
      Array.from(v).forEach((x, k) => {
        expect(x).toBeCloseTo(expected[i]?.[k] as number, 5)
      })
    })
    expect(requests.map((r) => r.body.input)).toEqual([['dimension probe'], ['abc', 'a'], ['abcd']])
    expect(requests.every((r) => r.auth === 'Bearer k1' && r.body.model === 'nomic')).toBe(true)
  })

  it('reports an HTTP error with the API’s own message', async () => {
    const base = await serve((_b, _q, res) => {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"error":{"message":"model \\"x\\" not found"}}')
    })
    const { kind, message } = await kindOf(OpenAiEmbedder.connect({ baseUrl: base, model: 'x' }))
    expect(kind).toBe('http')
    expect(message).toContain('404')
    expect(message).toContain('model "x" not found')
  })

  it('times out a server that does not answer', async () => {
    const base = await serve(() => {
      // never answers
    })
    const { kind, message } = await kindOf(
      OpenAiEmbedder.connect({ baseUrl: base, model: 'm', timeoutMs: 200 }),
    )
    expect(kind).toBe('timeout')
    expect(message).toContain('0.2 s')
  })

  it('stops when the caller aborts, with the caller’s reason', async () => {
    const base = await serve(() => {
      // never answers
    })
    const controller = new AbortController()
    const pending = OpenAiEmbedder.connect({ baseUrl: base, model: 'm' }, controller.signal)
    setTimeout(() => controller.abort(new Error('person cancelled')), 50)
    await expect(pending).rejects.toThrow('person cancelled')
  })

  it('says so when nothing listens', async () => {
    const base = await serve(answer)
    server?.close()
    const { kind, message } = await kindOf(OpenAiEmbedder.connect({ baseUrl: base, model: 'm' }))
    expect(kind).toBe('unreachable')
    expect(message).toContain('ECONNREFUSED')
  })

  it('rejects answers of the wrong shape', async () => {
    let dims = 3
    const base = await serve((body, _q, res) => {
      const data = body.input.map((_t, index) => ({
        index,
        embedding: Array.from({ length: dims }, () => 1),
      }))
      res.writeHead(200).end(JSON.stringify({ data }))
    })
    const e = await OpenAiEmbedder.connect({ baseUrl: base, model: 'm' })
    dims = 4
    expect((await kindOf(e.embed(['a']))).kind).toBe('bad-response')
    server?.removeAllListeners('request')
    server?.on('request', (_req, res) => res.writeHead(200).end('{"data":[]}'))
    expect((await kindOf(e.embed(['a']))).message).toContain('0 embeddings for 1 texts')
  })
})
