// The measurements. Functions taking a plain object run inside the page (page.evaluate) against the
// app's bench handle (`?bench`, present once the vault is unlocked); the others orchestrate pages
// from Node. Functions run in the page are serialised by Playwright, so they cannot use anything
// defined outside their own body.

import { statSync } from 'node:fs'

/** The passphrase every bench profile's vault is set up with. */
export const PASSPHRASE = 'amber kettle orbit meadow'

const setupHeading = (page) => page.getByRole('heading', { name: 'Welcome to Hearth' })
const lockedHeading = (page) => page.getByRole('heading', { name: 'Hearth is locked' })
const mainNav = (page) => page.getByRole('navigation', { name: 'Main' })

/** Types the passphrase on the lock screen and clicks "Unlock" (does not wait for the app). */
const submitPassphrase = async (page) => {
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
}

/**
 * Gets past the vault as a person would (as e2e/support/app.ts does): sets it up on a profile's
 * first visit, unlocks it afterwards; does nothing if the app is already open. Resolves once the
 * main navigation shows. `timeout` bounds each wait (a table-change boot rebuilds for a while).
 */
export const enterVault = async (page, { timeout = 120_000 } = {}) => {
  await setupHeading(page).or(lockedHeading(page)).or(mainNav(page)).first().waitFor({ timeout })
  if (await setupHeading(page).isVisible()) {
    await page.getByLabel('Choose a passphrase').fill(PASSPHRASE)
    await page.getByLabel('Type it again').fill(PASSPHRASE)
    await page.getByRole('button', { name: 'Create my encrypted vault' }).click()
    await page.getByRole('status', { name: 'Recovery code' }).waitFor({ timeout })
    await page.getByLabel('I have saved my recovery code').check()
    await page.getByRole('button', { name: 'Open Hearth' }).click()
  } else if (await lockedHeading(page).isVisible()) {
    await submitPassphrase(page)
  }
  await mainNav(page).waitFor({ timeout })
}

/**
 * Runs before the app (an init script): notes in `window.__times`, in ms since navigation start,
 * when the lock screen shows, the click on "Unlock", the key derivation worker's answer (Argon2id
 * done: the app starts that worker while the lock screen waits, to warm it up, and asks it once
 * per unlock; the last answer after the click is the key), and when the persona
 * list (or its empty state) and a full page of 50 memories are first in the DOM, and whether the
 * boot screen showed (after unlocking: the store was not ready yet). (The lock screen
 * leaving is no mark of the key: when the store is ready it goes in the same commit as the list.)
 */
const VAULT_TIMES = () => {
  const times = {}
  window.__times = times
  const NativeWorker = window.Worker
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options)
      if (String(url).includes('kdf')) {
        this.addEventListener('message', () => {
          if (times.unlockClick !== undefined) times.keyDerived = performance.now()
        })
      }
    }
  }
  document.addEventListener(
    'click',
    (e) => {
      const button = e.target instanceof Element ? e.target.closest('button') : null
      if (times.unlockClick === undefined && button?.textContent?.trim() === 'Unlock') {
        times.unlockClick = performance.now()
      }
    },
    true,
  )
  const watch = (name, done) => {
    const observer = new MutationObserver(() => {
      if (done()) {
        times[name] = performance.now()
        observer.disconnect()
      }
    })
    document.addEventListener('DOMContentLoaded', () =>
      observer.observe(document.body, { childList: true, subtree: true, characterData: true }),
    )
  }
  const lockTitle = () => document.getElementById('vault-title')?.textContent
  watch('lockShown', () => lockTitle() === 'Hearth is locked')
  // The boot screen only shows after unlocking if the store was still booting behind the lock screen.
  watch('bootShown', () => document.querySelector('main.boot') !== null)
  watch('personaList', () => document.querySelector('ul[aria-label="Personas"] li, .empty-state') !== null)
  watch('memoryList', () => document.querySelectorAll('ul[aria-label="Memories"] > li').length >= 50)
}

/** One `v1.MemoryCreated` event per row, each sealed and committed alone: the baseline for batch events. */
export const singleRowEvents = async ({ count }) => {
  const { store, events, seal, whenPersisted } = window.__hearth
  const pick = (record, keys) => Object.fromEntries(keys.map((k) => [k, record[k]]))
  const persona = seal.persona({
    id: 'bench-single',
    name: 'Single',
    description: '',
    avatar: '',
    systemPrompt: '',
    personality: { friendliness: 0.5, formality: 0.5, humour: 0.5, proactiveness: 0.5 },
    modelSettings: { endpoint: '', model: '' },
    memorySettings: { enabled: true, retentionDays: null },
    apiKey: null,
    active: true,
    usageCount: 0,
    lastUsedAt: null,
    createdAt: Date.now(),
  })
  store.commit(
    events.personaCreated(
      pick(persona, [
        'id',
        'name',
        'description',
        'avatar',
        'systemPrompt',
        'personality',
        'modelSettings',
        'memorySettings',
        'createdAt',
      ]),
    ),
  )
  await whenPersisted()
  const memoryArgs = [
    'id',
    'personaId',
    'type',
    'name',
    'content',
    'summary',
    'tags',
    'source',
    'confidence',
    'expiresAt',
    'factCategory',
    'factKey',
    'importance',
    'originKind',
    'originId',
    'createdAt',
  ]
  const t0 = performance.now()
  for (let i = 0; i < count; i++) {
    const now = Date.now()
    // Sealing is part of committing a memory, as in the batch path (the sample is sealed as it is pulled).
    const memory = seal.memory({
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
      tier: 'hot',
      originKind: null,
      originId: null,
      createdAt: now,
      lastAccessedAt: now,
      accessCount: 0,
    })
    store.commit(events.memoryCreated(pick(memory, memoryArgs)))
  }
  await whenPersisted()
  const ms = performance.now() - t0
  return { count, ms, rowsPerSecond: count / (ms / 1000) }
}

/** Memories only, through the app's sample generator (sealed as pulled) and batch commit path. */
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
  const rows = await commitBatches(sample.sealedSample(options))
  const ms = performance.now() - t0
  return { ms, rows, rowsPerSecond: rows / (ms / 1000) }
}

/** A whole sample preset (personas, memories, conversations with messages, workflows with runs), sealed. */
export const importPreset = async ({ preset }) => {
  const { sample, commitBatches } = window.__hearth
  const options = sample.presetOptions(preset, 42, Date.now())
  let events = 0
  let memories = 0
  const counted = async function* () {
    for await (const batch of sample.sealedSample(options)) {
      events++
      if (batch.kind === 'memories') memories += batch.rows
      yield batch
    }
  }
  const t0 = performance.now()
  const rows = await commitBatches(counted())
  return { ms: performance.now() - t0, rows, events, memories }
}

/** The persona with the most memories: the one whose list the probes open. */
export const topPersona = () =>
  window.__hearth.store.query({
    query: 'SELECT id FROM personas WHERE deletedAt IS NULL ORDER BY memoryCount DESC LIMIT 1',
    bindValues: {},
  })[0].id

/** Medians of the app's list queries at the current data size, each against the same SQL without indexes. */
export const queryTimings = async ({ iterations }) => {
  const { store, events, seal, sql, queries, whenPersisted } = window.__hearth
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
      ].map(seal.conversation),
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
      })).map(seal.message),
    }),
  )
  await whenPersisted()

  const none = {
    sort: 'importance',
    type: null,
    minImportance: 0,
    tier: null,
    createdFrom: null,
    createdTo: null,
  }
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
    ['memory list, recently used first', sql.memoryPage(personaId, { ...none, sort: 'recent' }, 0)],
    [
      'memory list, newest first, by type',
      sql.memoryPage(personaId, { ...none, sort: 'newest', type: 'event' }, 0),
    ],
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
  // The same memory list through LiveStore's reactive query, decoding rows as the UI does (the
  // sealed fields stay sealed: opening them is timed by `openingCost`); a different minimum
  // importance each run, so every run is a fresh query.
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

/**
 * Opening (decrypting) one page of 50 memories as the memory list does (`open.memory` per row),
 * against the app's query for that page (fresh each run, as in `queryTimings`).
 */
export const openingCost = async ({ personaId, iterations }) => {
  const { store, queries, open } = window.__hearth
  const none = {
    sort: 'importance',
    type: null,
    minImportance: 0,
    tier: null,
    createdFrom: null,
    createdTo: null,
  }
  const rows = store.query(queries.memoryPage$(personaId, none, 0)).slice(0, 50)
  if (rows.length !== 50) throw new Error(`expected a page of 50 memories, got ${rows.length}`)
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const opening = []
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now()
    const opened = rows.map(open.memory)
    opening.push(performance.now() - t0)
    if (opened.some((row) => row.unreadable)) throw new Error('a sealed memory failed to open')
  }
  const query = []
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now()
    store.query(queries.memoryPage$(personaId, { ...none, minImportance: i + 1 }, 0))
    query.push(performance.now() - t0)
  }
  return { rows: rows.length, median: median(opening), baselineMedian: median(query) }
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
        // Titles are sealed: probe rows are told by their id, and carry their send time in the
        // plain `subjectId` column (no opening on the measured path).
        if (row.id.startsWith('latency-') && !seen.has(row.id)) {
          seen.add(row.id)
          window.__lat.store.push(at - Number(row.subjectId))
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
      const { store, events, seal } = window.__hearth
      const id = `latency-${Date.now()}-${i}`
      const title = seal.field({ table: 'notifications', field: 'title', recordId: id }, 'latency probe')
      const body = seal.field({ table: 'notifications', field: 'body', recordId: id }, '')
      store.commit(
        events.notificationPosted({
          id,
          kind: 'system',
          priority: 'low',
          title,
          body,
          subjectId: String(performance.timeOrigin + performance.now()),
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
  return { median: median(lat.store), baselineMedian: median(lat.channel), samples: lat.store }
}

/** `store.commit` of a memory until it is in the DOM of the open memory list; baseline: the query update. */
export const ownTabRender = async (page, base, { iterations }) => {
  const personaId = await page.evaluate(topPersona)
  await page.goto(`${base}/?bench#/memories/${personaId}`)
  await enterVault(page)
  await page.getByRole('list', { name: 'Memories' }).waitFor({ timeout: 60_000 })
  await page.waitForFunction(() => window.__hearth !== undefined)
  const dom = []
  const query = []
  for (let i = 0; i < iterations; i++) {
    const r = await page.evaluate(
      async ({ i, personaId }) => {
        const { store, events, queries, seal } = window.__hearth
        const id = `render-${Date.now()}-${i}`
        const name = `Render probe ${Date.now()} ${i}`
        const none = {
          sort: 'importance',
          type: null,
          minImportance: 0,
          tier: null,
          createdFrom: null,
          createdTo: null,
        }
        let t0 = 0
        // The list shows opened names: the DOM check finds the plaintext name, so it includes opening.
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
            if (rows.some((row) => row.id === id)) {
              resolve(performance.now() - t0)
              queueMicrotask(() => unsubscribe())
            }
          })
        })
        t0 = performance.now()
        const now = Date.now()
        // Sealing is on the clock: it is part of what creating a memory costs in the app.
        const sealed = seal.memory({
          id,
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
          tier: 'hot',
          originKind: null,
          originId: null,
          createdAt: now,
          lastAccessedAt: now,
          accessCount: 0,
        })
        const event = events.memoryCreated({
          id,
          personaId,
          type: sealed.type,
          name: sealed.name,
          content: sealed.content,
          summary: sealed.summary,
          tags: sealed.tags,
          source: sealed.source,
          confidence: sealed.confidence,
          expiresAt: sealed.expiresAt,
          factCategory: sealed.factCategory,
          factKey: sealed.factKey,
          importance: sealed.importance,
          originKind: sealed.originKind,
          originId: sealed.originId,
          createdAt: sealed.createdAt,
        })
        store.commit(event)
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

/**
 * A fresh browser on an existing profile: navigation start until the persona list is on screen.
 * The vault is locked after a restart, so this includes the lock screen and unlocking (typed at
 * once, as a password manager would); `unlockClick`/`derive` split it up.
 */
export const coldStart = async (context, base, { expectPersonas }) => {
  await context.addInitScript(VAULT_TIMES)
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto(`${base}/#/personas`)
  await enterVault(page, { timeout: 600_000 })
  await page.waitForFunction(() => window.__times.personaList !== undefined, null, { timeout: 600_000 })
  if (expectPersonas) await page.getByRole('list', { name: 'Personas' }).waitFor()
  const t = await page.evaluate(() => window.__times)
  return { ms: t.personaList, unlockClick: t.unlockClick, derive: t.keyDerived - t.unlockClick }
}

/**
 * "Unlock → first list": a fresh browser on the profile opens a persona's memory list and meets
 * the lock screen; the passphrase is typed, then the clock runs from the click on "Unlock" until
 * 50 memories are in the DOM (key derivation, the store if it is still booting, query, opening,
 * render). `derive`: click until the key derivation worker answers (Argon2id).
 */
export const unlockToList = async (context, base, { personaId }) => {
  await context.addInitScript(VAULT_TIMES)
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto(`${base}/#/memories/${personaId}`)
  await lockedHeading(page).waitFor({ timeout: 120_000 })
  await submitPassphrase(page)
  await page.waitForFunction(() => window.__times.memoryList !== undefined, null, { timeout: 120_000 })
  const t = await page.evaluate(() => window.__times)
  return {
    ms: t.memoryList - t.unlockClick,
    derive: t.keyDerived - t.unlockClick,
    lockShown: t.lockShown,
    unlockClick: t.unlockClick,
    storeStillBooting: t.bootShown !== undefined,
  }
}

/**
 * A build with a changed table opens the profile: time to the persona list (through the lock
 * screen: the store rebuilds while it shows), then every memory counted.
 */
export const tableChangeBoot = async (context, base, { expectedMemories }) => {
  await context.addInitScript(VAULT_TIMES)
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto(`${base}/?bench#/personas`)
  await enterVault(page, { timeout: 3_600_000 })
  await page.waitForFunction(() => window.__times.personaList !== undefined, null, { timeout: 3_600_000 })
  const t = await page.evaluate(() => window.__times)
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
  return {
    ms: t.personaList,
    unlockClick: t.unlockClick,
    derive: t.keyDerived - t.unlockClick,
    memories,
    expectedMemories,
  }
}

/** The passphrase the bench's backups are made with. */
export const BACKUP_PASSPHRASE = 'quartz lantern harbour velvet'

/**
 * Makes a backup through the Backup screen as a person would, timed from the click until the file is
 * downloaded; returns its path and size. The page must be open and unlocked.
 */
export const backupThroughUi = async (page, path) => {
  await page.evaluate(() => {
    window.location.hash = '#/backup'
  })
  await page.getByLabel('A passphrase for this backup').fill(BACKUP_PASSPHRASE)
  await page.getByLabel('Type it again').fill(BACKUP_PASSPHRASE)
  // The file arrives as a download (what browsers without the File System Access API do).
  await page.evaluate(() => {
    delete window.showSaveFilePicker
  })
  const download = page.waitForEvent('download', { timeout: 3_600_000 })
  const t0 = Date.now()
  await page.getByRole('button', { name: 'Make a backup' }).click()
  const file = await download
  await file.saveAs(path)
  const ms = Date.now() - t0
  const memories = await page.evaluate(
    () =>
      window.__hearth.store.query({
        query: 'SELECT COUNT(*) AS n FROM memories WHERE deletedAt IS NULL',
        bindValues: {},
      })[0].n,
  )
  return { ms, bytes: statSync(path).size, memories }
}

/**
 * Restores a backup in an empty browser profile from the setup screen, as a person would: check the
 * file (timed: every chunk verified, every row decoded), then "Unlock and restore" (timed until the
 * main navigation shows), then every memory counted through the bench handle.
 */
export const restoreThroughUi = async (context, base, path) => {
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto(`${base}/?bench#/`)
  await page.getByRole('heading', { name: 'Welcome to Hearth' }).waitFor({ timeout: 120_000 })
  await page.getByRole('button', { name: 'Restore from a backup' }).click()
  await page.getByLabel('Backup file').setInputFiles(path)
  await page.getByLabel('The backup’s passphrase').fill(BACKUP_PASSPHRASE)
  let t0 = Date.now()
  await page.getByRole('button', { name: 'Check this backup' }).click()
  await page.getByRole('status').filter({ hasText: 'Every part is intact' }).waitFor({ timeout: 3_600_000 })
  const verifyMs = Date.now() - t0
  await page.getByLabel('Your vault passphrase (from when this backup was made)').fill(PASSPHRASE)
  t0 = Date.now()
  await page.getByRole('button', { name: 'Unlock and restore' }).click()
  await mainNav(page).waitFor({ timeout: 3_600_000 })
  const restoreMs = Date.now() - t0
  await page.waitForFunction(() => window.__hearth !== undefined, null, { timeout: 120_000 })
  const memories = await page.evaluate(
    () =>
      window.__hearth.store.query({
        query: 'SELECT COUNT(*) AS n FROM memories WHERE deletedAt IS NULL',
        bindValues: {},
      })[0].n,
  )
  return { verifyMs, restoreMs, memories }
}

/** Waits until the shared search index holds every searchable row and has embedded them all. */
export const untilSearchable = async ({ expected }) => {
  const { search } = window.__hearth
  const t0 = performance.now()
  for (;;) {
    const status = await search.status()
    if (status.open && status.indexing === null && status.progress === null && status.documents >= expected) {
      return { ms: performance.now() - t0, documents: status.documents, indexBytes: status.indexBytes }
    }
    if (performance.now() - t0 > 3_600_000) throw new Error('search never caught up')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/**
 * Searches as the Search screen does (hybrid: BM25 and vectors fused, full-model re-rank of the top),
 * with two-word queries taken from memories' names; baseline: what search costs without an index,
 * when content is sealed: open every memory and look for the first word.
 */
export const searchTimings = async ({ queries: count, baselineRuns }) => {
  const { store, open, search } = window.__hearth
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const sample = store.query({
    query: `SELECT * FROM memories WHERE deletedAt IS NULL ORDER BY id LIMIT $n`,
    bindValues: { n: count * 7 },
  })
  const queries = []
  for (const [i, row] of sample.entries()) {
    if (i % 7 !== 0) continue
    const words = open
      .memory(row)
      .content.split(/\W+/)
      .filter((w) => w.length > 3)
    if (words.length >= 2) queries.push(`${words[0]} ${words[words.length - 1]}`)
  }
  await search.run({ query: queries[0], limit: 20 }) // warm the model and caches
  const times = []
  let hits = 0
  for (const query of queries) {
    const t0 = performance.now()
    const response = await search.run({ query, limit: 20 })
    times.push(performance.now() - t0)
    hits += response.results.length > 0 ? 1 : 0
  }
  // The Search screen's first pass: the index alone (the re-rank follows and replaces it).
  const firstTimes = []
  for (const query of queries) {
    const t0 = performance.now()
    await search.run({ query, limit: 20, rerank: false })
    firstTimes.push(performance.now() - t0)
  }
  const all = store.query({ query: 'SELECT * FROM memories WHERE deletedAt IS NULL', bindValues: {} })
  const scans = []
  for (let r = 0; r < baselineRuns; r++) {
    const word = queries[r % queries.length].split(' ')[0].toLowerCase()
    const t0 = performance.now()
    let found = 0
    for (const row of all) if (open.memory(row).content.toLowerCase().includes(word)) found++
    scans.push(performance.now() - t0)
    if (found < 0) throw new Error('unreachable')
  }
  return {
    median: median(times),
    p95: [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)],
    queries: queries.length,
    hits,
    baselineMedian: median(scans),
    firstMedian: median(firstTimes),
    firstP95: [...firstTimes].sort((a, b) => a - b)[Math.floor(firstTimes.length * 0.95)],
    rows: all.length,
    queryList: queries,
  }
}

/**
 * The parts of a search timed inside the search worker on the live index (src/search/measure.ts):
 * keyword, meaning and hybrid, the int8 vector scan, each beside an unindexed baseline.
 */
export const searchParts = async ({ queries }) => window.__hearth.search.measure(queries)

/**
 * The profile opened again after a restart: from the click on "Unlock" until the search worker holds
 * the saved index (keyword search answers), and until search by meaning is on too; how many
 * documents that unlock embedded (the saved index should spare all of them).
 */
export const unlockToSearchable = async (context, base) => {
  await context.addInitScript(VAULT_TIMES)
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto(`${base}/?bench#/personas`)
  await enterVault(page)
  await page.waitForFunction(() => window.__hearth !== undefined, null, { timeout: 120_000 })
  return page.evaluate(async () => {
    const { search } = window.__hearth
    const clicked = window.__times.unlockClick
    let keyword
    for (;;) {
      const status = await search.status()
      const now = performance.now()
      if (keyword === undefined && status.open && status.indexing === null && status.documents > 0) {
        keyword = now - clicked
      }
      if (keyword !== undefined && status.semantic.available && status.progress === null) {
        return {
          keyword,
          meaning: now - clicked,
          derive: window.__times.keyDerived - clicked,
          documents: status.documents,
          restored: status.restored,
          embedded: status.embeddedThisSession,
        }
      }
      if (now - clicked > 600_000) throw new Error('search never became ready after unlock')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  })
}

/**
 * Memory of the search index as tabs open: how many search workers the browser runs (over the
 * DevTools protocol, which sees shared workers) and the JS heap each holds, with the tabs' own heaps.
 */
export const searchMemory = async (context, page) => {
  const cdp = await context.newCDPSession(page)
  const { targetInfos } = await cdp.send('Target.getTargets')
  const workers = targetInfos.filter((t) => t.type === 'shared_worker' && t.url.includes('search.worker'))
  // Asks each worker for its heap through a session of the old (non-flat) kind, the one a page's
  // DevTools session can open to another target.
  const heaps = []
  for (const worker of workers) {
    const { sessionId } = await cdp.send('Target.attachToTarget', {
      targetId: worker.targetId,
      flatten: false,
    })
    const answer = new Promise((resolve) => {
      const onMessage = (event) => {
        if (event.sessionId !== sessionId) return
        const message = JSON.parse(event.message)
        if (message.id !== 1) return
        cdp.off('Target.receivedMessageFromTarget', onMessage)
        resolve(message.result)
      }
      cdp.on('Target.receivedMessageFromTarget', onMessage)
    })
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }),
    })
    const result = await answer
    heaps.push(result?.usedSize ?? Number.NaN)
    await cdp.send('Target.detachFromTarget', { sessionId })
  }
  await cdp.detach()
  const status = await page.evaluate(() => window.__hearth.search.status())
  const tabs = await Promise.all(
    context.pages().map((p) => p.evaluate(() => performance.memory?.usedJSHeapSize ?? Number.NaN)),
  )
  return { workers: workers.length, workerHeaps: heaps, indexBytes: status.indexBytes, tabHeaps: tabs }
}
