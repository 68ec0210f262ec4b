import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'
import { createMemory, createPersona, openApp, personaCard, reloadApp } from './support/app.ts'
import { deadEndpoint, type FakeModel, startFakeModel } from './support/fake-model.ts'
import { shootEverywhere } from './support/screens.ts'

// The assistant against a fake OpenAI-compatible server on loopback (e2e/support/fake-model.ts):
// streaming, token counts, latency and cost stored with the reply; the memories the test planted
// retrieved into the prompt and shown; failures said clearly with the person's message kept; the
// usage page adding up the replies.

let fake: FakeModel
test.beforeEach(async () => {
  fake = await startFakeModel('fake-1')
})
test.afterEach(async () => {
  await fake.close()
})

const messageItems = (page: Page) => page.getByRole('list', { name: 'Messages' }).locator(':scope > li')
const composer = (page: Page) => page.getByRole('form', { name: /^Write to / })
const replyAlert = (page: Page) => page.getByRole('alert').filter({ hasText: 'No reply.' })

/** Gives a persona an endpoint and model through its edit form, checking "Test connection" on the way. */
const pointPersonaAt = async (page: Page, name: string, endpoint: string, { test: check = false } = {}) => {
  await page.getByRole('link', { name: 'Personas' }).click()
  await personaCard(page, name).getByRole('button', { name: 'Edit' }).click()
  const dialog = page.getByRole('dialog', { name: `Edit ${name}` })
  await dialog.getByLabel('Endpoint (OpenAI-compatible)').fill(endpoint)
  await dialog.getByLabel('Model', { exact: true }).fill('fake-1')
  await dialog.getByLabel('API key').fill('sk-test-key')
  if (check) {
    await dialog.getByRole('button', { name: 'Test connection' }).click()
    await expect(
      dialog.getByRole('status').filter({ hasText: /Connected: fake-1 at 127\.0\.0\.1:\d+ answered in/ }),
    ).toBeVisible()
  }
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()
}

const startConversation = async (page: Page, title: string) => {
  await page.getByRole('link', { name: 'Conversations' }).click()
  await page.getByRole('button', { name: 'New conversation' }).click()
  const start = page.getByRole('dialog', { name: 'New conversation' })
  await start.getByLabel('Title').fill(title)
  await start.getByRole('button', { name: 'Start conversation' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
}

const send = async (page: Page, text: string) => {
  await composer(page).getByLabel('Message').fill(text)
  await composer(page).getByRole('button', { name: 'Send' }).click()
  await expect(composer(page).getByLabel('Message')).toHaveValue('')
}

/** WCAG 2.1 A/AA in both themes, as e2e/accessibility.spec.ts checks the other screens. */
const expectAccessible = async (page: Page, where: string) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze()
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`)
    expect(serious, `accessibility of ${where} (${scheme})`).toEqual([])
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

const systemPromptOf = (request: FakeModel['requests'][number] | undefined) => {
  const messages = (request?.body?.messages ?? []) as Array<{ role: string; content: string }>
  return messages.find((m) => m.role === 'system')?.content ?? ''
}

test('a streamed reply is stored with tokens, latency and cost, with the planted memories remembered; usage adds up', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await openApp(page, '#/personas')
  await createPersona(page, 'Sage', 'a gardening helper')
  await personaCard(page, 'Sage').getByRole('link', { name: 'Memories' }).click()
  await createMemory(page, {
    name: 'Tomato seedlings',
    content: 'The tomato seedlings go out after the last frost, around mid-May in zone 6.',
    importance: 80,
  })
  await createMemory(page, {
    name: 'Greenhouse',
    content: 'The greenhouse tomato plants need watering daily.',
  })
  await createMemory(page, { name: 'Dentist', content: 'The dentist appointment is on Friday at nine.' })
  // Retrieval goes through the search index: wait until it has the memories.
  await openApp(page, '#/search?q=tomato')
  const found = page.getByRole('list', { name: 'Search results' })
  await expect(found.getByRole('listitem', { name: 'Memory: Tomato seedlings' })).toBeVisible({
    timeout: 30_000,
  })
  await expect(found.getByRole('listitem', { name: 'Memory: Greenhouse' })).toBeVisible()

  await pointPersonaAt(page, 'Sage', fake.url, { test: true })
  await page.getByRole('link', { name: 'Settings' }).click()
  const prices = page.getByRole('form', { name: 'Prices' })
  await prices.getByLabel('Model of price row 1').fill('fake-1')
  await prices.getByLabel('Input price of price row 1').fill('2')
  await prices.getByLabel('Output price of price row 1').fill('10')
  await prices.getByRole('button', { name: 'Save prices' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Prices saved.' })).toBeVisible()

  await startConversation(page, 'Tomatoes')
  fake.mode = {
    kind: 'reply',
    pieces: ['Plant ', 'them ', 'after ', 'the ', 'last ', 'frost, ', 'in ', 'mid-May.'],
    usage: { prompt_tokens: 420, completion_tokens: 9 },
    delayMs: 120,
  }
  await send(page, 'When should the tomato seedlings go out?')
  // Streaming: the reply grows in place before it is stored.
  const live = page.getByLabel('Reply under way')
  await expect(live.getByTestId('live-reply')).toContainText('Plant them')
  await expect(live.getByRole('list', { name: 'Remembered memories' })).toBeVisible()
  await expect(live).toBeHidden({ timeout: 15_000 })

  await expect(messageItems(page)).toHaveCount(2)
  const reply = messageItems(page).nth(1)
  await expect(reply.locator('.message-content')).toHaveText('Plant them after the last frost, in mid-May.')
  // 420 × 2 + 9 × 10 per million = 0.00093
  await expect(reply.locator('.message-usage')).toHaveText(
    /^Model usage: fake-1 · 420 in \/ 9 out tokens · \d[\d,.]* (ms|s) · cost 0\.00093$/,
  )
  const remembered = reply.getByRole('list', { name: 'Remembered memories' })
  await expect(remembered.getByRole('link')).toHaveCount(2)
  expect((await remembered.getByRole('link').allTextContents()).sort()).toEqual([
    'Greenhouse',
    'Tomato seedlings',
  ])
  await expect(remembered).not.toContainText('Dentist')

  // The request: streaming with usage, the key, the persona's prompt with exactly the planted memories.
  const request = fake.requests.findLast((r) => r.path === '/v1/chat/completions')
  expect(request?.authorization).toBe('Bearer sk-test-key')
  expect(request?.body).toMatchObject({
    model: 'fake-1',
    stream: true,
    stream_options: { include_usage: true },
  })
  const system = systemPromptOf(request)
  expect(system).toContain('You are Sage: a gardening helper')
  expect(system).toContain('The tomato seedlings go out after the last frost')
  expect(system).toContain('The greenhouse tomato plants need watering daily.')
  expect(system).not.toContain('dentist')

  // Latency as stored: at least the fake's own delays (8 pieces × 120 ms).
  const latency = await page.evaluate(() => {
    const text = document.querySelectorAll('.message-usage')[0]?.textContent ?? ''
    const match = /· ([\d.,]+) (ms|s) ·/.exec(text)
    if (match === null) return -1
    const value = Number((match[1] ?? '').replace(/,/g, ''))
    return match[2] === 's' ? value * 1000 : value
  })
  expect(latency).toBeGreaterThanOrEqual(900)

  // "Remember this" makes a memory whose origin is the message.
  await messageItems(page)
    .nth(0)
    .getByRole('button', { name: /^Remember this/ })
    .click()
  await expect(
    page.getByRole('status').filter({ hasText: 'Remembered: “When should the tomato seedlings go out?”' }),
  ).toBeVisible()

  // A second reply, then the usage page adds both up.
  fake.mode = {
    kind: 'reply',
    pieces: ['Water ', 'daily.'],
    usage: { prompt_tokens: 500, completion_tokens: 3 },
  }
  await send(page, 'And the greenhouse?')
  await expect(messageItems(page)).toHaveCount(4)
  await expect(messageItems(page).nth(3).locator('.message-usage')).toContainText('500 in / 3 out tokens')
  await expectAccessible(page, 'a conversation with replies and remembered memories')
  await shootEverywhere(page, 'assistant-conversation', { fullPage: true })

  // It all survives a reload (the reply was stored, not only shown).
  await reloadApp(page)
  await expect(messageItems(page)).toHaveCount(4)
  await expect(messageItems(page).nth(1).locator('.message-usage')).toContainText('420 in / 9 out tokens')

  await page.getByRole('link', { name: 'Usage' }).click()
  const byModel = page.getByRole('table', { name: 'By model' })
  // 920 in, 12 out; cost 0.00093 + (500 × 2 + 3 × 10) / 1e6 = 0.00093 + 0.00103 = 0.00196
  await expect(byModel.getByRole('row', { name: /^fake-1/ })).toHaveText(/fake-1\s*2\s*920\s*12\s*0\.00196/)
  await expect(byModel.getByRole('row', { name: /^Total/ })).toHaveText(/Total\s*2\s*920\s*12\s*0\.00196/)
  const byDay = page.getByRole('table', { name: 'By day' })
  await expect(byDay.getByRole('row')).toHaveCount(3) // header, the day, its one model
  await expectAccessible(page, 'the usage page')
  await shootEverywhere(page, 'assistant-usage')
})

test('a 401, a dropped stream and an unreachable endpoint each say so and keep the person’s message; Esc cancels', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await openApp(page, '#/personas')
  await createPersona(page, 'Ivy')
  await pointPersonaAt(page, 'Ivy', fake.url)
  await startConversation(page, 'Trouble')

  fake.mode = { kind: 'status', status: 401, body: '{"error":{"message":"Incorrect API key provided"}}' }
  await send(page, 'First try')
  await expect(replyAlert(page)).toContainText('refused the API key (401 Unauthorized)')
  await expect(replyAlert(page)).toContainText('Incorrect API key provided')
  await expect(replyAlert(page)).toContainText('Your message is saved in the conversation.')
  await expect(messageItems(page)).toHaveCount(1)
  await expect(messageItems(page).nth(0)).toContainText('First try')
  await expectAccessible(page, 'a failed reply')
  await shootEverywhere(page, 'assistant-error')

  // "Try again" once the key is right answers the same message, without adding it again.
  fake.mode = {
    kind: 'reply',
    pieces: ['Now ', 'it works.'],
    usage: { prompt_tokens: 30, completion_tokens: 3 },
  }
  await replyAlert(page).getByRole('button', { name: 'Try again' }).click()
  await expect(messageItems(page)).toHaveCount(2)
  await expect(messageItems(page).nth(1).locator('.message-content')).toHaveText('Now it works.')

  fake.mode = { kind: 'drop', pieces: ['Half ', 'a '] }
  await send(page, 'Second try')
  await expect(replyAlert(page)).toContainText('dropped in the middle of the reply')
  await expect(replyAlert(page)).toContainText('what had arrived of the reply is kept, marked as cut off')
  await expect(messageItems(page)).toHaveCount(4)
  await expect(messageItems(page).nth(2)).toContainText('Second try')
  await expect(messageItems(page).nth(3).locator('.message-content')).toHaveText('Half a')
  await expect(messageItems(page).nth(3)).toContainText('Cut off: the connection dropped here.')

  // From the keyboard alone: Ctrl+Enter sends, Esc stops.
  fake.mode = { kind: 'hang', pieces: ['Once ', 'upon '] }
  await composer(page).getByLabel('Message').fill('Tell me a story')
  await composer(page).getByLabel('Message').press('Control+Enter')
  await expect(composer(page).getByLabel('Message')).toHaveValue('')
  await expect(composer(page).getByLabel('Message')).toBeFocused()
  await expect(page.getByTestId('live-reply')).toContainText('Once upon')
  await shootEverywhere(page, 'assistant-streaming')
  await page.keyboard.press('Escape')
  await expect(
    page.getByRole('status').filter({ hasText: 'Stopped. What had arrived is kept' }),
  ).toBeVisible()
  await expect(messageItems(page)).toHaveCount(6)
  await expect(messageItems(page).nth(5)).toContainText('Cancelled: the reply stopped here.')

  await pointPersonaAt(page, 'Ivy', await deadEndpoint())
  await page.goBack()
  await expect(page.getByRole('heading', { level: 1, name: 'Trouble' })).toBeVisible()
  await send(page, 'Third try')
  await expect(replyAlert(page)).toContainText('Could not reach 127.0.0.1')
  await expect(messageItems(page)).toHaveCount(7)

  // Offline with an endpoint on the internet: said as such, not as a broken server.
  await pointPersonaAt(page, 'Ivy', 'https://api.example.com/v1')
  await page.goBack()
  await expect(page.getByRole('heading', { level: 1, name: 'Trouble' })).toBeVisible()
  await page.context().setOffline(true)
  await send(page, 'Fourth try')
  await expect(replyAlert(page)).toContainText('You are offline, and api.example.com is on the internet')
  await expect(messageItems(page)).toHaveCount(8)
  await page.context().setOffline(false)

  // Every message the person wrote is still there after a reload.
  await reloadApp(page)
  const texts = await messageItems(page).locator('.message-content').allTextContents()
  expect(texts.map((t) => t.trim())).toEqual([
    'First try',
    'Now it works.',
    'Second try',
    'Half a',
    'Tell me a story',
    'Once upon',
    'Third try',
    'Fourth try',
  ])
})

test('Settings: a default endpoint serves personas without their own; Test connection names a wrong model', async ({
  page,
}) => {
  await openApp(page, '#/settings')
  const form = page.getByRole('form', { name: 'Default model' })
  await form.getByLabel('Endpoint (OpenAI-compatible)').fill(fake.url)
  await form.getByLabel('Model', { exact: true }).fill('fake-2')
  await form.getByRole('button', { name: 'Test connection' }).click()
  await expect(form.getByRole('status')).toHaveText(
    /✗ 127\.0\.0\.1:\d+ has no model named “fake-2”\. It has: fake-1\./,
  )
  await form.getByLabel('Model', { exact: true }).fill('fake-1')
  fake.mode = { kind: 'status', status: 401, body: '{"error":"bad key"}' }
  await form.getByRole('button', { name: 'Test connection' }).click()
  await expect(form.getByRole('status')).toContainText('refused the API key (401 Unauthorized)')
  // A server that answers but does not allow this origin: the browser blocks it, and the app says CORS.
  fake.mode = { kind: 'reply', pieces: ['ok'], usage: { prompt_tokens: 1, completion_tokens: 1 } }
  fake.cors = false
  await form.getByRole('button', { name: 'Test connection' }).click()
  await expect(form.getByRole('status')).toContainText('answered, but the browser blocked its reply (CORS)')
  fake.cors = true
  await form.getByRole('button', { name: 'Test connection' }).click()
  await expect(form.getByRole('status')).toHaveText(
    /^✓ Connected: fake-1 at 127\.0\.0\.1:\d+ answered in \d+ ms\.$/,
  )
  await form.getByRole('button', { name: 'Save default model' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'The default model is saved.' })).toBeVisible()
  await expectAccessible(page, 'Settings with the model panel')
  await shootEverywhere(page, 'assistant-settings')

  await page.getByRole('link', { name: 'Personas' }).click()
  await createPersona(page, 'Rowan')
  await startConversation(page, 'Default endpoint')
  await send(page, 'Hello?')
  await expect(messageItems(page)).toHaveCount(2)
  await expect(messageItems(page).nth(1).locator('.message-content')).toHaveText('ok')

  // Upkeep: a suggested title and summary to review, then proposed memories to accept.
  fake.mode = {
    kind: 'reply',
    pieces: [
      '{"title": "A first hello", "summary": "Rowan said hello.", "topics": ["Greetings"], "sentiment": "positive"}',
    ],
    usage: { prompt_tokens: 1, completion_tokens: 1 },
  }
  await page.getByRole('button', { name: 'Suggest title & summary' }).click()
  const edit = page.getByRole('dialog', { name: 'Edit conversation' })
  await expect(edit.getByLabel('Title')).toHaveValue('A first hello')
  await expect(edit.getByLabel('Summary')).toHaveValue('Rowan said hello.')
  await expect(edit.getByLabel('Topics (comma-separated)')).toHaveValue('greetings')
  await expect(edit.getByLabel('Sentiment')).toHaveValue('positive')
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'A first hello' })).toBeVisible()

  fake.mode = {
    kind: 'reply',
    pieces: [
      '{"memories": [{"type": "preference", "name": "Greets first", "content": "Likes to say hello first.", "importance": 30, "message": 1}, {"type": "event", "name": "First chat", "content": "Talked with Rowan.", "importance": 20, "message": 2}]}',
    ],
    usage: { prompt_tokens: 1, completion_tokens: 1 },
  }
  await page.getByRole('button', { name: 'Propose memories' }).click()
  const proposals = page.getByRole('dialog', { name: 'Proposed memories' })
  await expect(proposals.getByRole('checkbox')).toHaveCount(2)
  await expectAccessible(page, 'the proposed memories dialog')
  await shootEverywhere(page, 'assistant-proposals')
  await proposals.getByRole('checkbox', { name: /First chat/ }).uncheck()
  await proposals.getByRole('button', { name: 'Keep the chosen' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'One memory kept.' })).toBeVisible()
  await page.getByRole('link', { name: 'Personas' }).click()
  await personaCard(page, 'Rowan').getByRole('link', { name: 'Memories' }).click()
  await expect(page.getByRole('list', { name: 'Memories' }).getByRole('heading', { level: 2 })).toHaveText([
    'Greets first',
  ])
})
