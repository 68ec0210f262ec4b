/**
 * Server-sent events, as OpenAI-compatible servers stream a chat completion: lines of `data: …`,
 * an empty line ending each event, `: comments` ignored, `\n`, `\r\n` or `\r` line ends, and chunks
 * that cut anywhere (inside a line, inside a UTF-8 character). Only the `data` field matters here;
 * `event:`, `id:` and `retry:` are read past. See the WHATWG HTML "server-sent events" parsing rules.
 */
export class SseParser {
  #buffer = ''
  #data: string[] = []
  #decoder = new TextDecoder()
  #afterCr = false

  /** Feeds bytes (or text); returns the `data` of every event this completed. */
  push(chunk: Uint8Array | string): string[] {
    let text = typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true })
    // A `\r\n` split across chunks: the `\r` ended the line already, so drop the `\n`.
    if (this.#afterCr && text.startsWith('\n')) text = text.slice(1)
    this.#afterCr = text.endsWith('\r')
    this.#buffer += text
    const events: string[] = []
    const lines = this.#buffer.split(/\r\n|\r|\n/)
    this.#buffer = lines.pop() ?? ''
    for (const line of lines) this.#line(line, events)
    return events
  }

  /** The stream ended: an event not closed by an empty line is dropped, as the standard says. */
  end(): string[] {
    const tail = this.#decoder.decode()
    const events = tail === '' ? [] : this.push(tail)
    this.#buffer = ''
    this.#data = []
    return events
  }

  #line(line: string, events: string[]) {
    if (line === '') {
      if (this.#data.length > 0) events.push(this.#data.join('\n'))
      this.#data = []
      return
    }
    if (line.startsWith(':')) return
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    let value = colon === -1 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'data') this.#data.push(value)
  }
}

/** The `data` of each event of a byte stream, in order, until it ends. */
export async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string, void, undefined> {
  const parser = new SseParser()
  const reader = body.getReader()
  let finished = false
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      yield* parser.push(value)
    }
    finished = true
    yield* parser.end()
  } finally {
    // The reader stopped early (it had what it needed, or failed): stop the download too.
    if (!finished) reader.cancel().catch(() => {})
    reader.releaseLock()
  }
}
