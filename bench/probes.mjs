// The measurements. Functions taking a plain object run inside the page (page.evaluate) against the
// app's bench handle (`?bench`); the others orchestrate pages from Node. Functions run in the page
// are serialised by Playwright, so they cannot use anything defined outside their own body.

/** One `v1.MemoryCreated` event per row, each committed alone: the baseline for batch events. */
export const singleRowEvents = async ({ count }) => {
  const { store, events, whenPersisted } = window.__hearth
  const personality = { friendliness: 0.5, formality: 0.5, humour: 0.5, proactiveness: 0.5 }
  store.commit(
    events.personaCreated({
      id: 'bench-single',
      name: 'Single',
      description: '',
      avatar: '',
      systemPrompt: '',
      personality,
      modelSettings: { endpoint: '', model: '' },
      memorySettings: { enabled: true, retentionDays: null },
      createdAt: Date.now(),
    }),
  )
  await whenPersisted()
  const t0 = performance.now()
  for (let i = 0; i < count; i++) {
    store.commit(
      events.memoryCreated({
        id: `single-${i}`,
        personaId: 'bench-single',
        type: 'knowledge',
        name: `Single row ${i}`,
        content: `A memory committed as its own event, number ${i}.`,
        summary: '',
        tags: [],
        source: 'manual',
        confidence: 1,
        expiresAt: null,
        factCategory: null,
        factKey: null,
        importance: 50,
        originKind: null,
        originId: null,
        createdAt: Date.now(),
      }),
    )
  }
  await whenPersisted()
  const ms = performance.now() - t0
  return { count, ms, rowsPerSecond: count / (ms / 1000) }
}

/** Memories only, through the app's sample generator and batch commit path. */
export const importMemories = async ({ memories, batchSize }) => {
  const { sample, commitBatches } = window.__hearth
  const options = {
    seed: 7,
    personas: 5,
    memories,
    conversations: 0,
    messagesPerConversation: 0,
    workflows: 0,
    runsPerWorkflow: 0,
    now: Date.now(),
    batchSize,
  }
  const t0 = performance.now()
  const rows = await commitBatches(sample.generateSample(options))
  const ms = performance.now() - t0
  return { ms, rows, rowsPerSecond: rows / (ms / 1000) }
}

/** A whole sample preset (personas, memories, conversations with messages, workflows with runs). */
export const importPreset = async ({ preset }) => {
  const { sample, commitBatches } = window.__hearth
  const options = sample.presetOptions(preset, 42, Date.now())
  let events = 0
  let memories = 0
  const counted = function* () {
    for (const batch of sample.generateSample(options)) {
      events++
      if (batch.kind === 'memories') memories += batch.rows
      yield batch
    }
  }
  const t0 = performance.now()
  const rows = await commitBatches(counted())
  return { ms: performance.now() - t0, rows, events, memories }
}

/** Medians of the app's list queries at the current data size, each against the same SQL without indexes. */
export const queryTimings = async ({ iterations }) => {
  const { store, events, sql, queries, whenPersisted } = window.__hearth
  const DAY = 24 * 3600_000
  const now = Date.now()
  const [top] = store.query({
    query: 'SELECT id FROM personas WHERE deletedAt IS NULL ORDER BY memoryCount DESC LIMIT 1',
    bindValues: {},
  })
  const personaId = top.id
  // A conversation with exactly 50 messages, for "conversation load".
  const conversationId = `bench-conv-${now}`
  store.commit(
    events.conversationsImported({
      conversations: [
        {
          id: conversationId,
          personaId,
          title: 'Fifty messages',
          summary: '',
          topics: [],
          sentiment: null,
          importance: 50,
          archivedAt: null,
          createdAt: now - DAY,
        },
      ],
      messages: Array.from({ length: 50 }, (_, i) => ({
        id: `${conversationId}-${i}`,
        conversationId,
        role: i % 2 ? 'assistant' : 'user',
        content: `Message ${i} of a long conversation about planning the week.`,
        toolCalls: [],
        attachments: [],
        model: null,
        inputTokens: null,
        outputTokens: null,
        cost: null,
        latencyMs: null,
        createdAt: now - DAY + i * 60_000,
      })),
    }),
  )
  await whenPersisted()

  const none = { type: null, minImportance: 0, tier: null, createdFrom: null, createdTo: null }
  const cases = [
    ['persona list (active, by last used)', sql.activePersonas()],
    ['memory list, no filter, page 1', sql.memoryPage(personaId, none, 0)],
    [
      'memory list, type + min importance',
      sql.memoryPage(personaId, { ...none, type: 'preference', minImportance: 40 }, 0),
    ],
    [
      'memory list, tier + date range',
      sql.memoryPage(
        personaId,
        { ...none, tier: 'warm', createdFrom: now - 365 * DAY, createdTo: now - 30 * DAY },
        0,
      ),
    ],
    ['memory list, page 20', sql.memoryPage(personaId, none, 19)],
    ['recent conversations, page 1', sql.recentConversations({ personaId: null, archived: false, page: 0 })],
    ['conversation load (50 messages)', sql.conversationMessages(conversationId)],
  ]
  const time = (query, bindValues, i) => {
    // A distinct comment each run: LiveStore caches results per SQL text and bind values.
    const text = `${query} /* run ${i} ${Math.random()} */`
    const t0 = performance.now()
    store.query({ query: text, bindValues })
    return performance.now() - t0
  }
  const withoutIndex = (query) => query.replace(/FROM\s+(['"`]?)(\w+)\1/, 'FROM $1$2$1 NOT INDEXED')
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b)
    return s[Math.floor(s.length / 2)]
  }
  const out = []
  for (const [name, { query, bindValues }] of cases) {
    const runs = []
    const base = []
    for (let i = 0; i < iterations; i++) runs.push(time(query, bindValues, i))
    for (let i = 0; i < Math.min(iterations, 7); i++) base.push(time(withoutIndex(query), bindValues, i))
    out.push({ name, median: median(runs), baselineMedian: median(base) })
  }
  // The same memory list through LiveStore's reactive query, decoding rows as the UI does;
  // a different minimum importance each run, so every run is a fresh query.
  const reactive = []
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now()
    store.query(queries.memoryPage$(personaId, { ...none, minImportance: i + 1 }, 0))
    reactive.push(performance.now() - t0)
  }
  const { query, bindValues } = sql.memoryPage(personaId, { ...none, minImportance: 1 }, 0)
  const reactiveBase = []
  for (let i = 0; i < 7; i++) reactiveBase.push(time(withoutIndex(query), bindValues, i))
  out.push({
    name: "memory list via the app's query (decoded)",
    median: median(reactive),
    baselineMedian: median(reactiveBase),
  })
  return out
}

/** A commit in tab A until tab B's subscribed query sees it; baseline: BroadcastChannel A → B. */
export const crossTab = async (a, b, { iterations }) => {
  await b.evaluate(() => {
    const { store, queries } = window.__hearth
    window.__lat = { store: [], channel: [] }
    const seen = new Set()
    store.subscribe(queries.inbox$, (rows) => {
      const at = performance.timeOrigin + performance.now()
      for (const row of rows) {
        if (row.title === 'latency probe' && !seen.has(row.id)) {
          seen.add(row.id)
          window.__lat.store.push(at - Number(row.body))
        }
      }
    })
    new BroadcastChannel('hearth-bench').onmessage = (e) =>
      window.__lat.channel.push(performance.timeOrigin + performance.now() - e.data)
  })
  await a.evaluate(() => {
    window.__benchChannel = new BroadcastChannel('hearth-bench')
  })
  for (let i = 0; i < iterations; i++) {
    await a.evaluate((i) => {
      const { store, events } = window.__hearth
      store.commit(
        events.notificationPosted({
          id: `latency-${Date.now()}-${i}`,
          kind: 'system',
          priority: 'low',
          title: 'latency probe',
          body: String(performance.timeOrigin + performance.now()),
          subjectId: null,
          createdAt: Date.now(),
        }),
      )
    }, i)
    await a.waitForTimeout(150)
    await a.evaluate(() => window.__benchChannel.postMessage(performance.timeOrigin + performance.now()))
    await a.waitForTimeout(50)
  }
  await b.waitForFunction((n) => window.__lat.store.length >= n, iterations, { timeout: 30_000 })
  const lat = await b.evaluate(() => window.__lat)
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]
  return { median: median(lat.store), baselineMedian: median(lat.channel) }
}

/** `store.commit` of a memory until it is in the DOM of the open memory list; baseline: the query update. */
export const ownTabRender = async (page, base, { iterations }) => {
  const personaId = await page.evaluate(
    () =>
      window.__hearth.store.query({
        query: 'SELECT id FROM personas WHERE deletedAt IS NULL ORDER BY memoryCount DESC LIMIT 1',
        bindValues: {},
      })[0].id,
  )
  await page.goto(`${base}/?bench#/memories/${personaId}`)
  await page.getByRole('list', { name: 'Memories' }).waitFor({ timeout: 60_000 })
  const dom = []
  const query = []
  for (let i = 0; i < iterations; i++) {
    const r = await page.evaluate(
      async ({ i, personaId }) => {
        const { store, events, queries } = window.__hearth
        const name = `Render probe ${Date.now()} ${i}`
        const none = { type: null, minImportance: 0, tier: null, createdFrom: null, createdTo: null }
        let t0 = 0
        const inDom = new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (document.querySelector(`[aria-label="${name}"]`) !== null) {
              observer.disconnect()
              resolve(performance.now() - t0)
            }
          })
          observer.observe(document.body, { childList: true, subtree: true })
        })
        const inQuery = new Promise((resolve) => {
          let unsubscribe = () => {}
          unsubscribe = store.subscribe(queries.memoryPage$(personaId, none, 0), (rows) => {
            if (rows.some((row) => row.name === name)) {
              resolve(performance.now() - t0)
              queueMicrotask(() => unsubscribe())
            }
          })
        })
        t0 = performance.now()
        store.commit(
          events.memoryCreated({
            id: `render-${Date.now()}-${i}`,
            personaId,
            type: 'event',
            name,
            content: 'Appears at the top of the list: importance 100, used just now.',
            summary: '',
            tags: [],
            source: 'manual',
            confidence: 1,
            expiresAt: null,
            factCategory: null,
            factKey: null,
            importance: 100,
            originKind: null,
            originId: null,
            createdAt: Date.now(),
          }),
        )
        return { dom: await inDom, query: await inQuery }
      },
      { i, personaId },
    )
    dom.push(r.dom)
    query.push(r.query)
    await page.waitForTimeout(100)
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]
  return { median: median(dom), baselineMedian: median(query) }
}

const FIRST_LIST = () => {
  // Runs before the app: notes the moment the persona list (or its empty state) first appears.
  const observer = new MutationObserver(() => {
    if (document.querySelector('ul[aria-label="Personas"] li, .empty-state') !== null) {
      window.__firstList = performance.now()
      observer.disconnect()
    }
  })
  document.addEventListener('DOMContentLoaded', () =>
    observer.observe(document.body, { childList: true, subtree: true }),
  )
}

/** A fresh browser on an existing profile: navigation start until the persona list is on screen. */
export const coldStart = async (context, base, { expectPersonas }) => {
  await context.addInitScript(FIRST_LIST)
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto(`${base}/#/personas`)
  await page.waitForFunction(() => window.__firstList !== undefined, null, { timeout: 600_000 })
  if (expectPersonas) await page.getByRole('list', { name: 'Personas' }).waitFor()
  return page.evaluate(() => window.__firstList)
}

/** A build with a changed table opens the profile: time to the persona list, then every memory counted. */
export const tableChangeBoot = async (context, base, { expectedMemories }) => {
  await context.addInitScript(FIRST_LIST)
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto(`${base}/?bench#/personas`)
  await page.waitForFunction(() => window.__firstList !== undefined, null, { timeout: 3_600_000 })
  const ms = await page.evaluate(() => window.__firstList)
  await page.waitForFunction(() => window.__hearth !== undefined)
  const { memories, hasColumn } = await page.evaluate(() => {
    const { store } = window.__hearth
    const [{ n }] = store.query({
      query: "SELECT COUNT(*) AS n FROM memories WHERE deletedAt IS NULL AND id NOT LIKE 'render-%'",
      bindValues: {},
    })
    const columns = store.query({ query: 'PRAGMA table_info(memories)', bindValues: {} })
    return { memories: n, hasColumn: columns.some((c) => c.name === 'reviewAt') }
  })
  if (!hasColumn) throw new Error('the table-change build did not change the table')
  return { ms, memories, expectedMemories }
}
