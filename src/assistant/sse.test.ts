import { describe, expect, it } from 'vitest'
import { SseParser, sseData } from './sse.ts'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('SseParser', () => {
  it('yields each event’s data when its empty line arrives, however the chunks cut', () => {
    const parser = new SseParser()
    expect(parser.push('data: {"a"')).toEqual([])
    expect(parser.push(':1}\n')).toEqual([])
    expect(parser.push('\ndata: second\n\n')).toEqual(['{"a":1}', 'second'])
  })

  it('reads CRLF and CR line ends, also when a CRLF is split between chunks', () => {
    const parser = new SseParser()
    expect(parser.push('data: one\r')).toEqual([])
    expect(parser.push('\n\r\ndata: two\r\r')).toEqual(['one', 'two'])
  })

  it('joins multi-line data, ignores comments and other fields, keeps a value’s own spaces', () => {
    const parser = new SseParser()
    expect(parser.push(': keep-alive\nevent: x\nid: 3\ndata: line 1\ndata:  two spaces\ndata\n\n')).toEqual([
      'line 1\n two spaces\n',
    ])
  })

  it('decodes a UTF-8 character split between chunks', () => {
    const parser = new SseParser()
    const all = bytes('data: café ☕\n\n')
    expect(parser.push(all.slice(0, 10))).toEqual([])
    expect(parser.push(all.slice(10))).toEqual(['café ☕'])
  })

  it('drops an event the stream ended inside (no empty line after it)', () => {
    const parser = new SseParser()
    expect(parser.push('data: whole\n\ndata: half')).toEqual(['whole'])
    expect(parser.end()).toEqual([])
  })
})

describe('sseData', () => {
  it('reads a byte stream to its end', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes('data: 1\n\ndata: '))
        controller.enqueue(bytes('2\n\n'))
        controller.close()
      },
    })
    const seen: string[] = []
    for await (const data of sseData(body)) seen.push(data)
    expect(seen).toEqual(['1', '2'])
  })

  it('passes a stream error on to the reader', async () => {
    let pulls = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(bytes('data: 1\n\n'))
        else controller.error(new TypeError('terminated'))
      },
    })
    const seen: string[] = []
    await expect(
      (async () => {
        for await (const data of sseData(body)) seen.push(data)
      })(),
    ).rejects.toThrow('terminated')
    expect(seen).toEqual(['1'])
  })
})
