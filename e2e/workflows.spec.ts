import { expect, type Locator, type Page, test } from '@playwright/test'
import type { RunRecord, WorkflowRecord } from '../src/schema/workflows.ts'
import { expectSaved, openApp, reloadApp, undoFrom } from './support/app.ts'
import { shootEverywhere } from './support/screens.ts'

const workflowList = (page: Page) => page.getByRole('list', { name: 'Workflows' })
const steps = (page: Page) => page.getByRole('list', { name: 'Steps' }).locator(':scope > li')
const step = (page: Page, n: number) => steps(page).nth(n - 1)

test('create a workflow with a schedule and ordered steps, reorder, save, disable, delete and undo; kept after a reload', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await openApp(page, '#/workflows')
  await expect(page.getByRole('heading', { name: 'No workflows yet' })).toBeVisible()

  await page.getByRole('link', { name: 'New workflow' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'New workflow' })).toBeVisible()
  await page.getByLabel('Name').fill('Evening wind-down')
  await page.getByLabel('Description').fill('Reminds me to stop working.')
  await page.getByRole('radio', { name: /On a schedule/ }).check()
  await page.getByLabel('Every (minutes)').fill('90')
  await step(page, 1).getByLabel('Prompt').fill('Suggest one calm thing to do tonight.')
  await page.getByLabel('New step').selectOption({ label: 'Wait' })
  await page.getByRole('button', { name: 'Add step' }).click()
  await step(page, 2).getByLabel('Minutes').fill('10')
  await page.getByLabel('New step').selectOption({ label: 'Send a notification' })
  await page.getByRole('button', { name: 'Add step' }).click()

  // A notification without a title is refused with a message that says which step; nothing is created.
  await page.getByRole('button', { name: 'Create workflow' }).click()
  await expect(page.getByRole('alert')).toHaveText('Step 3 (Send a notification): Title cannot be empty.')
  await step(page, 3).getByLabel('Title').fill('Time to stop')

  // Reorder: the notification goes before the wait; the move is announced.
  await page.getByRole('button', { name: 'Move step 3 up' }).click()
  await expect(page.getByText('Step 3 moved up; it is now step 2.')).toBeAttached()
  const order = () => steps(page).evaluateAll((items) => items.map((li) => li.getAttribute('aria-label')))
  await expect.poll(order).toEqual(['Step 1: Ask the model', 'Step 2: Send a notification', 'Step 3: Wait'])
  await page.getByRole('button', { name: 'Create workflow' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Evening wind-down' })).toBeVisible()
  await expect(page).toHaveURL(/#\/workflows\/(?!new).+/)
  await shootEverywhere(page, 'workflow-edit', { fullPage: true })

  await expectSaved(page)
  await reloadApp(page)
  await expect(page.getByRole('heading', { level: 1, name: 'Evening wind-down' })).toBeVisible()
  await expect.poll(order).toEqual(['Step 1: Ask the model', 'Step 2: Send a notification', 'Step 3: Wait'])
  await expect(page.getByLabel('Every (minutes)')).toHaveValue('90')
  await expect(step(page, 2).getByLabel('Title')).toHaveValue('Time to stop')
  await expect(page.getByRole('heading', { name: 'No runs yet' })).toBeVisible()

  // Edit and save: a second step removed.
  await page.getByRole('button', { name: 'Remove step 3' }).click()
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Workflow saved.' })).toBeVisible()

  // The list: when it runs, how many steps, never run, on.
  await page.getByRole('link', { name: '← Workflows' }).click()
  const item = workflowList(page).getByRole('listitem', { name: 'Evening wind-down' })
  await expect(item).toContainText('Runs every 90 minutes · 2 steps')
  await expect(item).toContainText('Never run')
  const enabled = item.getByRole('switch', { name: 'Enabled: Evening wind-down' })
  await expect(enabled).toBeChecked()
  await enabled.click()
  await expect(enabled).not.toBeChecked()
  await expectSaved(page)
  await reloadApp(page)
  await expect(
    workflowList(page).getByRole('switch', { name: 'Enabled: Evening wind-down' }),
  ).not.toBeChecked()

  // Delete asks first; Undo brings it back.
  await workflowList(page).getByRole('link', { name: 'Evening wind-down' }).click()
  await page.getByRole('button', { name: 'Delete' }).click()
  await page
    .getByRole('dialog', { name: 'Delete this workflow?' })
    .getByRole('button', { name: 'Delete workflow' })
    .click()
  await expect(page.getByRole('heading', { name: 'No workflows yet' })).toBeVisible()
  await undoFrom(page, '“Evening wind-down” deleted.')
  await expect(workflowList(page).getByRole('listitem', { name: 'Evening wind-down' })).toBeVisible()
})

test('start from a template, save a workflow as a template, and start from that', async ({ page }) => {
  await openApp(page, '#/workflows')
  await page.getByRole('button', { name: 'Choose a template' }).click()
  const picker = page.getByRole('dialog', { name: 'Start from a template' })
  await expect(picker.getByRole('listitem', { name: 'Morning digest' })).toContainText(
    'Runs every day at 07:00 · 3 steps',
  )
  await picker.getByRole('button', { name: 'Use Morning digest' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Morning digest' })).toBeVisible()
  await expect(steps(page)).toHaveCount(3)
  await expect(page.getByLabel('or cron (minute hour day month weekday)')).toHaveValue('0 7 * * *')

  await page.getByLabel('Name').fill('Garden digest')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Garden digest' })).toBeVisible()
  await page.getByRole('button', { name: 'Save as template' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'saved as a template' })).toBeVisible()

  await page.getByRole('link', { name: '← Workflows' }).click()
  await page.getByRole('button', { name: 'From a template' }).click()
  await expect(picker.getByRole('listitem', { name: 'Garden digest' })).toContainText('Yours')
  await picker.getByRole('button', { name: 'Use Garden digest' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Garden digest' })).toBeVisible()
  await page.getByRole('link', { name: '← Workflows' }).click()
  // Two workflows of that name now (the original and the copy); the template is not listed among them.
  await expect(workflowList(page).getByRole('listitem', { name: 'Garden digest' })).toHaveCount(2)
})

test("a workflow's runs show status, progress, timings and result or error", async ({ page }) => {
  await openApp(page, '#/workflows', { bench: true })
  const now = Date.now()
  const workflow: WorkflowRecord = {
    id: 'w-digest',
    name: 'Inbox digest',
    description: '',
    personaId: null,
    definition: {
      trigger: { kind: 'schedule', everyMinutes: 60, cron: null },
      steps: [
        { id: 's1', kind: 'search-memories', config: { query: 'inbox' } },
        { id: 's2', kind: 'prompt', config: { prompt: 'Summarise.' } },
        { id: 's3', kind: 'notify', config: { title: 'Digest', priority: 'normal' } },
      ],
    },
    tags: [],
    enabled: true,
    isTemplate: false,
    templateOrigin: null,
    createdAt: now - 3 * 3600_000,
  }
  const run = (over: Partial<RunRecord> & Pick<RunRecord, 'id' | 'status'>): RunRecord => ({
    workflowId: workflow.id,
    trigger: 'schedule',
    createdAt: now,
    startedAt: now,
    finishedAt: null,
    stepsCompleted: 0,
    stepsTotal: 3,
    currentStep: null,
    result: null,
    error: null,
    ...over,
  })
  const runs = [
    run({
      id: 'r1',
      status: 'success',
      createdAt: now - 7200_000,
      startedAt: now - 7200_000,
      finishedAt: now - 7200_000 + 2400,
      stepsCompleted: 3,
      result: 'Digest sent: 4 new notes.',
    }),
    run({
      id: 'r2',
      status: 'error',
      createdAt: now - 3600_000,
      startedAt: now - 3600_000,
      finishedAt: now - 3600_000 + 65_000,
      stepsCompleted: 1,
      error: 'The model endpoint did not answer (timeout after 60 s).',
    }),
    run({
      id: 'r3',
      status: 'running',
      createdAt: now - 5000,
      startedAt: now - 5000,
      stepsCompleted: 2,
      currentStep: 'Send a notification',
    }),
  ]
  await page.evaluate(
    async ({ w, rs }) => {
      const hearth = window.__hearth
      if (hearth === undefined) throw new Error('bench handle missing')
      hearth.store.commit(
        hearth.events.workflowsImported({
          workflows: [hearth.seal.workflow(w)],
          runs: rs.map(hearth.seal.run),
        }),
      )
      await hearth.whenPersisted()
    },
    { w: workflow, rs: runs },
  )
  const item = workflowList(page).getByRole('listitem', { name: 'Inbox digest' })
  await expect(item).toContainText('Running')
  await expect(item).toContainText('3 runs, 1 succeeded, 1 failed')
  await item.getByRole('link', { name: 'Inbox digest' }).click()

  const runList = page.getByRole('list', { name: 'Runs' }).locator(':scope > li')
  await expect(runList).toHaveCount(3)
  await expect(runList.nth(0)).toContainText('Running')
  await expect(runList.nth(0)).toContainText('2 of 3 steps · now: Send a notification')
  await expect(runList.nth(0).getByRole('progressbar')).toHaveAttribute('value', '2')
  await expect(runList.nth(1)).toContainText('Failed')
  await expect(runList.nth(1)).toContainText('took 1 min 5 s')
  await expect(runList.nth(1)).toContainText('Error: The model endpoint did not answer (timeout after 60 s).')
  await expect(runList.nth(2)).toContainText('Succeeded')
  await expect(runList.nth(2)).toContainText('took 2.4 s')
  await expect(runList.nth(2)).toContainText('Digest sent: 4 new notes.')
  await shootEverywhere(page, 'workflow-runs', { fullPage: true })
  await page.getByRole('link', { name: '← Workflows' }).click()
  await shootEverywhere(page, 'workflows')
})

/** Presses Tab until `target` has focus; fails if the keyboard cannot reach it. */
const tabTo = async (page: Page, target: Locator, max = 80) => {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`not reachable with Tab: ${target}`)
}

test('a workflow can be created with the keyboard alone', async ({ page }) => {
  await openApp(page, '#/')
  await page.keyboard.press('Control+k')
  await page.keyboard.type('workflows')
  await page.keyboard.press('Enter')
  await tabTo(page, page.getByRole('link', { name: 'New workflow' }))
  await page.keyboard.press('Enter')
  await tabTo(page, page.getByLabel('Name'))
  await page.keyboard.type('Keyboard check-in')
  // The trigger radios: arrow keys move between them.
  await tabTo(page, page.getByRole('radio', { name: /By hand/ }))
  await page.keyboard.press('ArrowRight')
  await expect(page.getByRole('radio', { name: /On a schedule/ })).toBeChecked()
  await tabTo(page, page.getByLabel('Every (minutes)'))
  await page.keyboard.type('30')
  await tabTo(page, step(page, 1).getByLabel('Prompt'))
  await page.keyboard.type('Ask how my day is going.')
  await tabTo(page, page.getByRole('button', { name: 'Add step' }))
  await page.keyboard.press('Enter')
  await expect(steps(page)).toHaveCount(2)
  await tabTo(page, step(page, 2).getByLabel('Prompt'))
  await page.keyboard.type('Note the answer.')
  await tabTo(page, page.getByRole('button', { name: 'Move step 2 up' }))
  await page.keyboard.press('Enter')
  await expect(step(page, 1).getByLabel('Prompt')).toHaveValue('Note the answer.')
  await tabTo(page, page.getByRole('button', { name: 'Create workflow' }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Keyboard check-in' })).toBeVisible()
})
