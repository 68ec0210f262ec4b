// Measures the search core in Node (not the browser): BM25 build/query/heap, the int8 vector scan
// (SIMD and JS) with recall against exact float32, and a hybrid query. Short runs on purpose: the
// machine is shared, so read medians beside the baseline measured in the same run.
//   npx vite-node bench/search-core.ts -- [--docs 100000] [--dims 512]
import v8 from 'node:v8'
import vm from 'node:vm'
import { Bm25Index } from '../src/search/bm25.ts'
import { type Embedder, normalize } from '../src/search/embedder.ts'
import { SearchIndex } from '../src/search/search-index.ts'
import { VectorIndex } from '../src/search/vector-index.ts'
import { clusteredVectors, exactTopK, randomUnitVector, seededRandom } from '../src/testing/vectors.ts'
import { memoryCorpus } from './search-corpus.ts'

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? Number(process.argv[at + 1]) : fallback
}
const DOCS = arg('docs', 100_000)
const DIMS = arg('dims', 512)
const ONLY = process.argv.includes('--text')
  ? 'text'
  : process.argv.includes('--vector')
    ? 'vector'
    : process.argv.includes('--hybrid')
      ? 'hybrid'
      : 'all'

// heapUsed alone misleads here: vite-node frees its own transform garbage while we build, so the
// heap can shrink. RSS after a full GC is the honest (if coarse) figure for what an index adds.
const heap = () => {
  gc()
  gc()
  return process.memoryUsage().rss
}
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number
}
const time = (run: () => unknown, repeats: number) => {
  for (let i = 0; i < Math.min(5, repeats); i++) run() // warm the JIT first
  const times: number[] = []
  for (let i = 0; i < repeats; i++) {
    const start = performance.now()
    run()
    times.push(performance.now() - start)
  }
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95) }
}
const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(2))

if (ONLY === 'all' || ONLY === 'text') {
  const docs = memoryCorpus(DOCS)
  // The sample generator's vocabulary is small (~2k words); real notes are not. Two words per
  // memory from a Zipf-distributed pool of 80k invented words give the index a realistic tail.
  const random = seededRandom(11)
  const rare = (i: number) => `w${Math.floor(80_000 ** random()) + (i % 2)}x`
  const texts = docs.map((doc, i) => ({ ...doc, text: `${doc.text} ${rare(i)} ${rare(i + 1)}` }))
  const before = heap()
  const start = performance.now()
  const index = new Bm25Index()
  for (const doc of texts) index.upsert(doc)
  const build = performance.now() - start
  const bytes = heap() - before
  console.info(
    `BM25 ${DOCS} docs: build ${f(build)} ms, RSS +${f(bytes / 1e6)} MB (typed arrays ${f(index.approximateBytes / 1e6)} MB), vocabulary ${index.vocabularySize}`,
  )
  const queries = [
    'dinner',
    'dinner friday',
    'walk OR run',
    '"emergency contacts"',
    'pre*',
    'coffee -tea',
    'project deadline',
    'climbing partner Singapore',
    'w1x',
    'a*',
  ]
  const lowered = texts.map((doc) => doc.text.toLowerCase())
  const all: number[] = []
  for (const query of queries) {
    const t = time(() => index.search(query, { limit: 100 }), 25)
    all.push(t.median)
    console.info(`  ${query.padEnd(28)} median ${f(t.median)} ms  p95 ${f(t.p95)} ms`)
  }
  const scan = time(
    () => lowered.filter((text) => text.includes('dinner') && text.includes('friday')).length,
    10,
  )
  console.info(
    `  median over queries ${f(quantile(all, 0.5))} ms; baseline substring scan (2 words) ${f(scan.median)} ms`,
  )
}

if (ONLY === 'all' || ONLY === 'vector') {
  const start = performance.now()
  const vectors = clusteredVectors(DOCS, DIMS, { clusters: 1000, spread: 0.6, seed: 2 })
  console.info(`vectors: generated ${DOCS} × ${DIMS} in ${f(performance.now() - start)} ms`)
  const noise = seededRandom(4)
  const queries = Array.from({ length: 40 }, (_, i) => {
    const near = vectors[(i * 2477) % DOCS] as Float32Array
    const offset = randomUnitVector(DIMS, noise)
    return normalize(near.map((value, j) => value + 0.5 * (offset[j] as number)))
  })
  const truths = queries.map((query) => new Set(exactTopK(vectors, query, 10)))
  const exactScan = time(() => exactTopK(vectors, queries[0] as Float32Array, 10), 3)
  for (const [label, options] of [
    ['int8 SIMD', { simd: true }],
    ['int8 JS', { simd: false }],
    ['int8 SIMD + float32 copies', { simd: true, keepFloat: true }],
  ] as const) {
    const before = heap()
    const buildStart = performance.now()
    const index = new VectorIndex('bench', DIMS, options)
    vectors.forEach((vector, i) => {
      index.upsert(String(i), vector)
    })
    const build = performance.now() - buildStart
    const bytes = heap() - before
    let found = 0
    let foundInt8 = 0
    queries.forEach((query, q) => {
      const truth = truths[q] as Set<number>
      found += index.search(query, { limit: 10 }).filter((hit) => truth.has(Number(hit.id))).length
      foundInt8 += index
        .search(query, { limit: 10, rerank: 10 })
        .filter((hit) => truth.has(Number(hit.id))).length
    })
    let q = 0
    const t = time(
      () => index.search(queries[q++ % queries.length] as Float32Array, { limit: 10 }),
      options.simd ? 40 : 8,
    )
    console.info(
      `${label}: build ${f(build)} ms, vectors ${f(index.byteLength / 1e6)} MB (RSS +${f(bytes / 1e6)} MB), query median ${f(t.median)} ms p95 ${f(t.p95)} ms, ` +
        `recall@10 ${(found / 400).toFixed(3)} (no rerank ${(foundInt8 / 400).toFixed(3)})`,
    )
  }
  console.info(`baseline exact float32 scan + sort: median ${f(exactScan.median)} ms`)
}

if (ONLY === 'all' || ONLY === 'hybrid') {
  // The whole facade at DOCS memories with DIMS-dim vectors from a table (embedding cost is the
  // embedders' business and measured there): hybrid query, persistence size and load time.
  const docs = memoryCorpus(DOCS)
  const vectors = clusteredVectors(DOCS, DIMS, { clusters: 1000, spread: 0.6, seed: 2 })
  let next = 0
  let queryVector = vectors[0] as Float32Array
  const table: Embedder = {
    id: 'table',
    dims: DIMS,
    embed: async (texts) =>
      texts.length === 1 && next >= DOCS ? [queryVector] : texts.map(() => vectors[next++] as Float32Array),
  }
  const before = heap()
  const start = performance.now()
  const index = new SearchIndex({ embedder: table, batchSize: 1000, minSimilarity: 0 })
  await index.upsert(docs)
  const build = performance.now() - start
  const bytes = heap() - before
  const stats = index.stats()
  console.info(
    `hybrid facade ${DOCS} docs: build ${f(build)} ms (text + storing given vectors), RSS +${f(bytes / 1e6)} MB, ` +
      `vectors ${f((stats.vectors[0]?.bytes ?? 0) / 1e6)} MB`,
  )
  const queries = ['dinner friday', 'climbing partner', 'project deadline', 'coffee', 'emergency contacts']
  const times: number[] = []
  for (let round = 0; round < 8; round++) {
    for (const [q, query] of queries.entries()) {
      queryVector = vectors[(q * 7919 + round * 104729) % DOCS] as Float32Array
      const t0 = performance.now()
      await index.search({ query, limit: 20 })
      if (round > 0) times.push(performance.now() - t0)
    }
  }
  console.info(
    `  hybrid query (BM25 + vector + RRF + highlights) median ${f(quantile(times, 0.5))} ms p95 ${f(quantile(times, 0.95))} ms`,
  )
  const t1 = performance.now()
  const saved = index.serialize()
  const serializeMs = performance.now() - t1
  const t2 = performance.now()
  const loaded = SearchIndex.deserialize(saved, { embedder: table })
  const loadMs = performance.now() - t2
  const t3 = performance.now()
  await loaded.search({ query: 'dinner friday', limit: 20 })
  console.info(
    `  serialize ${f(serializeMs)} ms → ${f(saved.length / 1e6)} MB; deserialize ${f(loadMs)} ms; first query after load ${f(performance.now() - t3)} ms`,
  )
}
