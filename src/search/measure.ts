/**
 * Times the parts of a search on a live index — keyword (BM25), meaning (vectors), hybrid — each
 * beside the unindexed way of answering the same query, and the int8 vector scan's recall against
 * the exact one. `npm run bench` runs it in the search worker on the real index (docs/BENCHMARKS.md).
 */
import type { SearchIndex } from './search-index.ts'

export interface Timing {
  readonly median: number
  readonly p95: number
}

export interface SearchMeasurement {
  readonly documents: number
  readonly vectors: number
  readonly dims: number
  readonly queries: number
  /** `SearchIndex.search` per mode, whole (query parsing, embedding the query, fusing). */
  readonly hybrid: Timing
  readonly keyword: Timing
  readonly meaning: Timing
  /** Embedding the query alone (part of `meaning` and `hybrid`). */
  readonly queryEmbedding: Timing
  /** The int8 SIMD scan of every vector for a query already embedded. */
  readonly vectorScan: Timing
  /** Baseline: every vector scored in float, one by one, with no kernel. */
  readonly exactVectorScan: Timing
  /** Baseline: every document split into terms and compared with the query's, with no index. */
  readonly textScan: Timing
  /** Of the exact top 10, how many the int8 scan also returns, averaged over queries. */
  readonly recallAt10: number
}

const timing = (times: number[]): Timing => {
  const sorted = [...times].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
  return { median: at(0.5), p95: at(0.95) }
}

const timed = async (run: () => unknown): Promise<number> => {
  const start = performance.now()
  await run()
  return performance.now() - start
}

/**
 * `baselineQueries` of the queries also run the unindexed baselines, which take hundreds of
 * milliseconds each at 100k documents.
 */
export const measureSearch = async (
  index: SearchIndex,
  queries: readonly string[],
  { baselineQueries = 5, signal }: { baselineQueries?: number; signal?: AbortSignal } = {},
): Promise<SearchMeasurement> => {
  const times = {
    hybrid: [] as number[],
    keyword: [] as number[],
    meaning: [] as number[],
    queryEmbedding: [] as number[],
    vectorScan: [] as number[],
    exactVectorScan: [] as number[],
    textScan: [] as number[],
  }
  const vectors = index.queryVectors()
  // Warm the JIT, the embedder's word cache and the kernel before the clock runs.
  for (const query of queries.slice(0, 3)) await index.search({ query, limit: 20 })
  let recall = 0
  let recallQueries = 0
  for (const [i, query] of queries.entries()) {
    signal?.throwIfAborted()
    times.hybrid.push(await timed(() => index.search({ query, limit: 20 })))
    times.keyword.push(await timed(() => index.search({ query, limit: 20, mode: 'keyword' })))
    times.meaning.push(await timed(() => index.search({ query, limit: 20, mode: 'meaning' })))
    let vector: Float32Array | undefined
    times.queryEmbedding.push(
      await timed(async () => {
        vector = await index.embedQuery(query, signal)
      }),
    )
    if (vector && vectors && vectors.size > 0) {
      const query = vector
      let approximate: string[] = []
      times.vectorScan.push(
        await timed(() => {
          approximate = vectors.search(query, { limit: 10 }).map((hit) => hit.id)
        }),
      )
      if (i < baselineQueries) {
        let exact: string[] = []
        times.exactVectorScan.push(
          await timed(() => {
            exact = vectors.exactSearch(query, 10).map((hit) => hit.id)
          }),
        )
        const found = new Set(approximate)
        recall += exact.length === 0 ? 1 : exact.filter((id) => found.has(id)).length / exact.length
        recallQueries++
      }
    }
    if (i < baselineQueries) times.textScan.push(await timed(() => index.scanText(query)))
  }
  const stats = index.stats()
  const current = vectors ? stats.vectors.find((v) => v.embedderId === vectors.embedderId) : undefined
  return {
    documents: stats.documents,
    vectors: current?.count ?? 0,
    dims: current?.dims ?? 0,
    queries: queries.length,
    hybrid: timing(times.hybrid),
    keyword: timing(times.keyword),
    meaning: timing(times.meaning),
    queryEmbedding: timing(times.queryEmbedding),
    vectorScan: timing(times.vectorScan),
    exactVectorScan: timing(times.exactVectorScan),
    textScan: timing(times.textScan),
    recallAt10: recallQueries === 0 ? Number.NaN : recall / recallQueries,
  }
}
