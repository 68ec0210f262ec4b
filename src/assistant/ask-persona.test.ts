import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { recordReply, rememberFromMessages } from '../commands/assistant.ts'
import { addMessage, startConversation } from '../commands/conversations.ts'
import { setDefaultModel, setModelPrices, setPrivacySettings } from '../commands/settings.ts'
import { conversationMessages$, messageFields, usageByDay$ } from '../schema/conversations.ts'
import { events } from '../schema/index.ts'
import { memoryById$ } from '../schema/memories.ts'
import { DEFAULT_PRIVACY } from '../schema/settings.ts'
import type { HostSearchParams, HostSearchResponse } from '../search/search-host.ts'
import { memoryCreatedArgs, personaCreatedArgs, personaProfile, T0, TEST_KEY } from '../testing/builders.ts'
import { freshStorePerTest, only } from '../testing/fresh-store-per-test.ts'
import { askPersona } from './ask-persona.ts'
import { ModelError } from './chat-client.ts'
import { summarizeUsage } from './usage.ts'

// askPersona end to end in Node: a real store, an OpenAI-compatible server on loopback, and a search
// function standing in for the search worker (which needs a browser).
const useStore = freshStorePerTest()
let server: Server | undefined
const bodies: Array<{ messages: Array<{ role: string; content: string }>; model: string }> = []

const serve = async () => {
  bodies.length = 0
  server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => {
      raw += c
    })
    req.on('end', () => {
      const body = JSON.parse(raw)
      bodies.push(body)
      if (body.stream !== true) {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ model: 'tiny', choices: [{ message: { content: 'Mid-May.' } }] }))
        return
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(
        `data: ${JSON.stringify({ model: 'tiny', choices: [{ delta: { content: 'Mid-May.' } }] })}\n\n`,
      )
      res.write(`data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }] })}\n\n`)
      res.write(
        `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 1000, completion_tokens: 200 } })}\n\n`,
      )
      res.end('data: [DONE]\n\n')
    })
  })
  const s = server
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}/v1`
}
afterEach(async () => {
  const s = server
  server = undefined
  if (s) await new Promise<void>((resolve) => s.close(() => resolve()))
})

const hit = (id: string, terms: string[], similarity?: number) => ({
  id,
  kind: 'memory' as const,
  score: 1,
  text: '',
  highlights: [],
  terms,
  ...(similarity === undefined ? {} : { similarity }),
})

/** Plants a persona (pointing at `endpoint`) and three memories; the search finds two by keyword, one weakly by meaning. */
const plant = (endpoint: string) => {
  const store = useStore()
  const persona = personaCreatedArgs({
    ...personaProfile({
      name: 'Sage',
      systemPrompt: 'Talk about gardens.',
      modelSettings: { endpoint, model: 'tiny' },
    }),
  })
  store.commit(events.personaCreated(persona))
  const memory = (name: string, content: string, importance: number) => {
    const args = memoryCreatedArgs({ personaId: persona.id, name, content, importance })
    store.commit(events.memoryCreated(args))
    return args.id
  }
  const tomato = memory('Tomatoes', 'Tomatoes go out after the last frost.', 80)
  const frost = memory('Frost', 'Frost dates in zone 6 end mid-May.', 60)
  const dentist = memory('Dentist', 'Dentist on Friday.', 90)
  const searches: HostSearchParams[] = []
  const search = async (params: HostSearchParams): Promise<HostSearchResponse> => {
    searches.push(params)
    return {
      results: [hit(tomato, ['tomato']), hit(dentist, [], 0.31), hit(frost, [], 0.62)],
      semantic: { available: true, embedderId: 'test' },
      reranked: false,
      tookMs: 1,
    }
  }
  return { store, personaId: persona.id, tomato, frost, dentist, search, searches }
}

describe('askPersona', () => {
  it('sends the persona’s prompt with the relevant memories, and prices the reply', async () => {
    const p = plant(await serve())
    setModelPrices(p.store, [{ model: 'tiny', inputPerMillion: 1, outputPerMillion: 5 }])
    const pieces: string[] = []
    let shown: string[] = []
    const result = await askPersona(p.store, TEST_KEY, {
      personaId: p.personaId,
      prompt: 'When do tomatoes go out?',
      history: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
      ],
      search: p.search,
      stream: true,
      onDelta: (piece) => pieces.push(piece),
      onRemembered: (memories) => {
        shown = memories.map((m) => m.name)
      },
      now: T0,
    })
    expect(p.searches[0]).toEqual({
      query: 'when OR tomatoes OR out',
      scope: { kind: 'memory', personaId: p.personaId },
      limit: 8,
      ranking: 'retrieval',
    })
    expect(result).toMatchObject({
      text: 'Mid-May.',
      model: 'tiny',
      inputTokens: 1000,
      outputTokens: 200,
      cost: 0.002,
      rememberedIds: [p.tomato, p.frost],
      memoryNote: null,
    })
    expect(shown).toEqual(['Tomatoes', 'Frost'])
    expect(pieces).toEqual(['Mid-May.'])
    const sent = bodies[0]?.messages ?? []
    expect(sent.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user'])
    expect(sent[0]?.content).toContain('Talk about gardens.')
    expect(sent[0]?.content).toContain('Tomatoes go out after the last frost.')
    expect(sent[0]?.content).toContain('Frost dates in zone 6 end mid-May.')
    expect(sent[0]?.content).not.toContain('Dentist')
    expect(sent.at(-1)).toEqual({ role: 'user', content: 'When do tomatoes go out?' })
  })

  it('uses no memories when memory is off, and says why', async () => {
    const p = plant(await serve())
    setPrivacySettings(p.store, { ...DEFAULT_PRIVACY, memoryEnabled: false })
    const result = await askPersona(p.store, TEST_KEY, {
      personaId: p.personaId,
      prompt: 'Tomatoes?',
      search: p.search,
    })
    expect(p.searches).toEqual([])
    expect(result.rememberedIds).toEqual([])
    expect(result.memoryNote).toContain('Memory is off in Settings')
  })

  it('falls back to the default endpoint in Settings, and says when there is none', async () => {
    const endpoint = await serve()
    const p = plant('')
    await expect(askPersona(p.store, TEST_KEY, { personaId: p.personaId, prompt: 'Hi' })).rejects.toThrow(
      'No model endpoint is set',
    )
    setDefaultModel(p.store, TEST_KEY, { endpoint, model: 'default-model' }, 'sk-1')
    const result = await askPersona(p.store, TEST_KEY, { personaId: p.personaId, prompt: 'Hi' })
    expect(result.target).toMatchObject({ source: 'settings', model: 'tiny', apiKey: 'sk-1' })
    expect(bodies[0]?.model).toBe('tiny') // the persona's own model name still applies
  })

  it('rejects with a ModelError the screen can show', async () => {
    const p = plant('http://127.0.0.1:9/v1')
    const error = await askPersona(p.store, TEST_KEY, { personaId: p.personaId, prompt: 'Hi' }).catch(
      (e) => e,
    )
    expect(error).toBeInstanceOf(ModelError)
    expect((error as ModelError).kind).toBe('unreachable')
  })
})

describe('recording replies and memories from messages', () => {
  it('stores a reply once with its accounting, and usage adds the replies up per model and day', async () => {
    const p = plant('http://127.0.0.1:9/v1')
    const conversation = startConversation(p.store, TEST_KEY, p.personaId, 'Garden', T0)
    const asked = addMessage(p.store, TEST_KEY, conversation, { role: 'user', content: 'Tomatoes?' }, T0 + 1)
    const reply = (content: string, inputTokens: number, ending: 'finished' | 'cut-off', at: number) =>
      recordReply(
        p.store,
        TEST_KEY,
        conversation,
        {
          content,
          model: 'tiny',
          inputTokens,
          outputTokens: 10,
          cost: ending === 'finished' ? 0.5 : null,
          latencyMs: 812.4,
          toolCalls: [],
          rememberedIds: [p.tomato],
          ending,
        },
        at,
      )
    const first = reply('Mid-May.  \n', 100, 'finished', T0 + 2)
    reply('Half', 50, 'cut-off', T0 + 86_400_000)
    expect(reply('   ', 1, 'finished', T0 + 3)).toBeNull()

    const rows = p.store.query(conversationMessages$(conversation))
    expect(rows.map((r) => r.role)).toEqual(['user', 'assistant', 'assistant'])
    const stored = rows[1]
    expect(stored).toMatchObject({
      id: first,
      model: 'tiny',
      inputTokens: 100,
      latencyMs: 812,
      rememberedIds: [p.tomato],
    })
    expect(stored && messageFields.open(TEST_KEY, stored).content).toBe('Mid-May.')
    expect(rows[2]).toMatchObject({ ending: 'cut-off', cost: null })

    const usage = summarizeUsage(p.store.query(usageByDay$(0)))
    expect(usage.days).toHaveLength(2)
    expect(usage.total).toEqual({ replies: 2, inputTokens: 150, outputTokens: 20, cost: 0.5, unpriced: 1 })

    const [memoryId] = rememberFromMessages(p.store, TEST_KEY, p.personaId, [
      {
        type: 'preference',
        name: 'Tomatoes',
        content: 'Asked about tomatoes.',
        importance: 40,
        messageId: asked,
      },
    ])
    const memory = only([p.store.query(memoryById$(memoryId ?? ''))])
    expect(memory).toMatchObject({
      source: 'chat',
      originKind: 'message',
      originId: asked,
      type: 'preference',
    })
  })
})
