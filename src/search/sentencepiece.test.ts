import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { SentencePieceTokenizer } from './sentencepiece.ts'
import { sampleMemoryTexts } from './testing/sample-texts.ts'
import { readUseLiteVocab } from './use-lite-node.ts'

// The reference: the tokenizer that ships with the model's own package.
const require = createRequire(import.meta.url)
type Reference = { tokenizer: { encode(text: string): number[] } }
const { EmbeddingsModel } = require('@energetic-ai/embeddings') as {
  EmbeddingsModel: new (data: { vocabulary: Array<[string, number]>; model: null }) => Reference
}

describe('SentencePieceTokenizer', () => {
  it('segments exactly as the reference tokenizer of USE Lite', async () => {
    const vocab = await readUseLiteVocab()
    const reference = new EmbeddingsModel({ vocabulary: vocab, model: null }).tokenizer
    const ours = new SentencePieceTokenizer(
      vocab.map((v) => v[0]),
      vocab.map((v) => v[1]),
    )
    const texts = [
      ...sampleMemoryTexts(400),
      'Hello world, unbelievable things happen!',
      'Ünïcödé café naïve façade — “quotes” and emoji 🎉🎉 after',
      'Meet at 10:00, then 12:30; costs €45.50 (approx.)',
      'ALL CAPS SHOUTING and camelCaseWords and snake_case_words',
      '日本語のテキスト and Ελληνικά',
      'a',
    ]
    for (const text of texts) {
      const normal = text.trim().replace(/\s+/g, ' ')
      expect(ours.encode(text), normal).toEqual(reference.encode(normal))
    }
  })

  it('treats any whitespace run as one word break', async () => {
    const vocab = await readUseLiteVocab()
    const t = new SentencePieceTokenizer(
      vocab.map((v) => v[0]),
      vocab.map((v) => v[1]),
    )
    expect(t.encode('  the\n\tdog  ')).toEqual(t.encode('the dog'))
    expect(t.encode('')).toEqual([])
  })

  it('prefers the likelier segmentation on a tiny vocabulary', () => {
    const pieces = ['<unk>', '<s>', '</s>', 'x1', 'x2', 'x3', '▁', '▁a', 'b', 'ab', '▁ab', 'c']
    const scores = [0, 0, 0, 0, 0, 0, -5, -2, -2, -1, -6, -3]
    const t = new SentencePieceTokenizer(pieces, scores)
    // ▁ab (−6) loses to ▁a + b (−4); c is known; z is no piece's start, so unknown.
    expect(t.encode('ab')).toEqual([7, 8])
    expect(t.encode('abc zz')).toEqual([7, 8, 11, 6, 0])
  })
})
