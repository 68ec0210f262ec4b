// The embedders as the app's search worker will run them: bundled by Vite, files served by the app.
import { StaticEmbedder } from '../../src/search/static-embedder.ts'
import { sampleMemoryTexts } from '../../src/search/testing/sample-texts.ts'
import { STATIC_MODEL_URL, USE_LITE_URLS } from '../../src/search/use-lite-assets.ts'
import { UseLiteEmbedder } from '../../src/search/use-lite-embedder.ts'

const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now()
  const value = await f()
  return [value, performance.now() - t0]
}

self.onmessage = async (event: MessageEvent<{ count: number }>) => {
  try {
    const texts = sampleMemoryTexts(event.data.count)
    const [useLite, useLoadMs] = await time(() => UseLiteEmbedder.fromUrls(USE_LITE_URLS))
    const [staticBytes, staticFetchMs] = await time(() =>
      fetch(STATIC_MODEL_URL).then((r) => r.arrayBuffer()),
    )
    const embedder = StaticEmbedder.fromArrayBuffer(staticBytes, {
      wordEncoder: (words, signal) => useLite.embed(words, signal),
    })
    const [, staticColdMs] = await time(() => embedder.embed(texts))
    const [vectors, staticWarmMs] = await time(() => embedder.embed(texts))
    const sample = texts.slice(0, 50)
    await useLite.embed(sample.slice(0, 2))
    const [, useBatchMs] = await time(() => useLite.embed(sample))
    let useOneMs = 0
    for (const t of sample.slice(0, 10)) useOneMs += (await time(() => useLite.embed([t])))[1] / 10
    self.postMessage({
      ok: true,
      texts: texts.length,
      dims: vectors[0]?.length,
      distinctWordsLearned: embedder.cachedWords,
      useLoadMs,
      staticFetchMs,
      staticColdMs,
      staticWarmMs,
      useBatchMsPerText: useBatchMs / sample.length,
      useOneMsPerText: useOneMs,
    })
  } catch (error) {
    self.postMessage({ ok: false, error: String((error as Error)?.stack ?? error) })
  }
}
