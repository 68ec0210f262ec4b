import { describe, expect, it } from 'vitest'
import { assemblePrompt, describePersonality, estimateTokens, retrievalQuery } from './prompt.ts'

const PERSONA = {
  name: 'Sage',
  description: 'a gardening helper',
  systemPrompt: 'Answer about gardens.',
  personality: { friendliness: 0.9, formality: 0.1, humour: 0.5, proactiveness: 0.2 },
}
const memory = (id: string, words: number) => ({
  id,
  type: 'knowledge',
  name: `Memory ${id}`,
  content: 'word '.repeat(words).trim(),
  importance: 60,
})

describe('estimateTokens', () => {
  it('counts about four characters per token, one per CJK character', () => {
    expect(estimateTokens('abcdefgh')).toBe(2)
    expect(estimateTokens('日本語')).toBe(3)
    expect(estimateTokens('')).toBe(0)
  })
})

describe('describePersonality', () => {
  it('turns each slider into words at its end of the scale', () => {
    const text = describePersonality(PERSONA.personality)
    expect(text).toContain('warm and encouraging')
    expect(text).toContain('casual in tone')
    expect(text).toContain('lightly humorous')
    expect(text).toContain('wait to be asked')
  })
})

describe('assemblePrompt', () => {
  it('puts who the persona is, its manner and the memories in the system message', () => {
    const prompt = assemblePrompt({
      persona: PERSONA,
      memories: [memory('m1', 5)],
      history: [{ role: 'user', content: 'When do I plant tomatoes?' }],
      userName: 'Ada',
      today: 'Monday, November 23, 2026',
    })
    const system = prompt.messages[0]
    expect(system?.role).toBe('system')
    expect(system?.content).toContain('You are Sage: a gardening helper')
    expect(system?.content).toContain('Answer about gardens.')
    expect(system?.content).toContain('warm and encouraging')
    expect(system?.content).toContain('You are talking with Ada.')
    expect(system?.content).toContain('Memory m1: word word')
    expect(prompt.messages.at(-1)).toEqual({ role: 'user', content: 'When do I plant tomatoes?' })
    expect(prompt.rememberedIds).toEqual(['m1'])
  })

  it('takes memories best first while they fit their budget, skipping one too big for what is left', () => {
    const prompt = assemblePrompt({
      persona: PERSONA,
      memories: [memory('a', 100), memory('big', 400), memory('b', 100)],
      history: [{ role: 'user', content: 'hi' }],
      budget: { contextTokens: 6_000, memoryTokens: 300 },
    })
    expect(prompt.rememberedIds).toEqual(['a', 'b'])
    expect(prompt.messages[0]?.content).not.toContain('Memory big')
  })

  it('keeps the newest turns that fit and always the last message; tool messages are left out', () => {
    const long = 'x'.repeat(4_000) // ~1,000 tokens
    const prompt = assemblePrompt({
      persona: PERSONA,
      memories: [],
      history: [
        { role: 'user', content: `old ${long}` },
        { role: 'assistant', content: `older reply ${long}` },
        { role: 'tool', content: '{"result": 1}' },
        { role: 'user', content: `recent ${long}` },
        { role: 'assistant', content: 'short reply' },
        { role: 'user', content: `now ${'y'.repeat(14_000)}` },
      ],
      budget: { contextTokens: 4_500, memoryTokens: 500 },
    })
    expect(prompt.messages.map((m) => m.content.slice(0, 6))).toEqual([
      'You ar',
      'short ',
      `now ${'y'.repeat(2)}`,
    ])
    expect(prompt.omittedMessages).toBe(3)
  })
})

describe('retrievalQuery', () => {
  it('ORs the meaningful words once each, without search operators', () => {
    expect(retrievalQuery('What did I say about "Misty" — my cat? (the cat)')).toBe(
      'what OR did OR say OR about OR misty OR cat OR the',
    )
    expect(retrievalQuery('a b')).toBe('')
  })
})
