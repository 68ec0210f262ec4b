import { describe, expect, it } from 'vitest'
import { ModelError } from './chat-client.ts'
import { jsonObjectIn, parseInsights, parseProposals, transcript } from './upkeep.ts'

const MESSAGES = [
  { id: 'm1', role: 'user' as const, content: 'My sister Ana\nmoves to Lisbon in May.' },
  { id: 'm2', role: 'assistant' as const, content: 'That is exciting!' },
  { id: 'm3', role: 'tool' as const, content: '{}' },
  { id: 'm4', role: 'user' as const, content: 'I am allergic to peanuts.' },
]

describe('transcript', () => {
  it('numbers what the person and the persona said, one line each', () => {
    expect(transcript(MESSAGES)).toBe(
      '[1] user: My sister Ana moves to Lisbon in May.\n[2] assistant: That is exciting!\n[3] user: I am allergic to peanuts.',
    )
  })

  it('keeps the newest lines when too long, numbers unchanged', () => {
    expect(transcript(MESSAGES, 70)).toBe(
      '[2] assistant: That is exciting!\n[3] user: I am allergic to peanuts.',
    )
  })
})

describe('jsonObjectIn', () => {
  it('finds the object inside prose or a code fence, and says so when there is none', () => {
    expect(jsonObjectIn('Sure!\n```json\n{"a": 1}\n```')).toEqual({ a: 1 })
    expect(() => jsonObjectIn('no json here')).toThrow(ModelError)
    expect(() => jsonObjectIn('{"a": }')).toThrow('not valid JSON')
  })
})

describe('parseInsights', () => {
  it('reads title, summary, topics and sentiment, tidying them', () => {
    expect(
      parseInsights(
        '{"title": "“Ana moves”", "summary": "News.", "topics": ["Family", "family", " Moving "], "sentiment": "Positive"}',
      ),
    ).toEqual({ title: 'Ana moves', summary: 'News.', topics: ['family', 'moving'], sentiment: 'positive' })
  })

  it('falls back to neutral for an unknown sentiment and refuses an answer without a title', () => {
    expect(parseInsights('{"title": "T", "sentiment": "meh"}').sentiment).toBe('neutral')
    expect(() => parseInsights('{"summary": "x"}')).toThrow('no title')
  })
})

describe('parseProposals', () => {
  it('ties each proposal to the message it names, and drops malformed ones', () => {
    const answer = JSON.stringify({
      memories: [
        {
          type: 'person',
          name: 'Ana',
          content: 'Sister, moves to Lisbon in May.',
          importance: 70,
          message: 1,
        },
        { type: 'fact', name: 'Peanuts', content: 'Allergic to peanuts.', importance: 140, message: '3' },
        { type: 'preference', name: '', content: 'nameless' },
        { type: 'weird', name: 'Guess', content: 'No number.', message: 99 },
      ],
    })
    expect(parseProposals(answer, MESSAGES)).toEqual([
      {
        type: 'person',
        name: 'Ana',
        content: 'Sister, moves to Lisbon in May.',
        importance: 70,
        messageId: 'm1',
      },
      {
        type: 'knowledge',
        name: 'Peanuts',
        content: 'Allergic to peanuts.',
        importance: 100,
        messageId: 'm4',
      },
      { type: 'knowledge', name: 'Guess', content: 'No number.', importance: 50, messageId: 'm4' },
    ])
  })

  it('is empty for an empty list', () => {
    expect(parseProposals('{"memories": []}', MESSAGES)).toEqual([])
  })
})
