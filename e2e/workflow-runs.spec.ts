import { type BrowserContext, expect, type Page, test } from '@playwright/test'
import { expectSaved, openApp } from './support/app.ts'
import { shootEverywhere } from './support/screens.ts'

const steps = (page: Page) => page.getByRole('list', { name: 'Steps' }).locator(':scope > li')
const step = (page: Page, n: number) => steps(page).nth(n - 1)
const runItems = (page: Page) => page.getByRole('list', { name: 'Runs' }).locator(':scope > li')
const notifications = (page: Page) => page.getByRole('list', { name: 'Notifications' }).getByRole('listitem')

/** Opens `count` tabs of one browser profile on the workflows screen, each unlocked; the first holds the runner lock. */
const openTabs = async (context: BrowserContext, count: number) => {
  const tabs: Page[] = []
  for (let i = 0; i < count; i++) {
    const tab = await context.newPage()
    // `?bench&workflows`: the page handle is exposed (to count runs per tab) and the runner runs by itself.
    await openApp(tab, '#/workflows', { bench: true, workflows: true })
    tabs.push(tab)
  }
  return tabs
}

type StepInput = { kind: string; fields: Record<string, string> }

/** Creates a workflow through the editor, as a person does. */
const createWorkflow = async (
  page: Page,
  name: string,
  trigger: { everyMinutes: number } | 'manual',
  stepInputs: StepInput[],
) => {
  await page.getByRole('link', { name: 'Workflows', exact: true }).click()
  await page.getByRole('link', { name: 'New workflow' }).click()
  await page.getByLabel('Name').fill(name)
  if (trigger !== 'manual') {
    await page.getByRole('radio', { name: /On a schedule/ }).check()
    await page.getByLabel('Every (minutes)').fill(String(trigger.everyMinutes))
  }
  for (const [i, input] of stepInputs.entries()) {
    if (i > 0) {
      await page.getByLabel('New step').selectOption({ label: input.kind })
      await page.getByRole('button', { name: 'Add step' }).click()
    } else {
      await step(page, 1).getByLabel('Step 1 does').selectOption({ label: input.kind })
    }
    for (const [label, value] of Object.entries(input.fields)) {
      await step(page, i + 1)
        .getByLabel(label)
        .fill(value)
    }
  }
  await page.getByRole('button', { name: 'Create workflow' }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await expectSaved(page)
}

/** Runs of a workflow as stored (read in `page`): status and trigger, oldest first. */
const storedRuns = (page: Page) =>
  page.evaluate(
    () =>
      window.__hearth?.store.query({
        query: 'SELECT status, trigger FROM workflow_runs ORDER BY createdAt',
        bindValues: {},
      }) as Array<{ status: string; trigger: string }>,
  )
const runsStartedIn = (tabs: Page[]) =>
  Promise.all(tabs.map((tab) => tab.evaluate(() => window.__hearth?.workflows.runsInThisTab() ?? -1)))

/** After a tick has been run: the count stays put for a while (no second tab runs the same tick). */
const expectRunsToStay = async (page: Page, count: number) => {
  await expect.poll(async () => (await storedRuns(page)).length).toBe(count)
  await page.waitForTimeout(1_500)
  expect(await storedRuns(page)).toHaveLength(count)
}

test('a scheduled workflow runs once per tick with three tabs open, records each run, and another tab takes over when the runner tab closes', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const context = await browser.newContext()
  await context.clock.install()
  const tabs = await openTabs(context, 3)
  const [, second, third] = tabs as [Page, Page, Page]

  const locks = await second.evaluate(async () => {
    const state = await navigator.locks.query()
    const mine = (list: LockInfo[] | undefined) =>
      (list ?? []).filter((l) => l.name === 'hearth-workflows').length
    return { held: mine(state.held), pending: mine(state.pending) }
  })
  expect(locks).toEqual({ held: 1, pending: 2 })

  await createWorkflow(second, 'Stretch break', { everyMinutes: 1 }, [
    { kind: 'Send a notification', fields: { Title: 'Time to stretch' } },
  ])
  await expect(second.getByRole('heading', { name: 'No runs yet' })).toBeVisible()

  // One minute later: one run, in one tab, shown in every tab.
  await context.clock.fastForward('01:01')
  await expectRunsToStay(third, 1)
  await expect(runItems(second)).toHaveCount(1)
  await expect(runItems(second).first()).toContainText('Succeeded')
  await expect(runItems(second).first()).toContainText('on schedule')
  await expect(runItems(second).first()).toContainText('1 of 1 steps')
  await expect(runItems(second).first()).toContainText('Sent the notification “Time to stretch”')

  await context.clock.fastForward('01:00')
  await expectRunsToStay(third, 2)
  expect((await runsStartedIn(tabs)).sort()).toEqual([0, 0, 2])

  // The result is a notification, in any tab.
  await third.getByRole('link', { name: /Notifications/ }).click()
  await expect(notifications(third).filter({ hasText: 'Time to stretch' })).toHaveCount(2)
  await notifications(third).first().getByRole('link', { name: 'Open the workflow' }).click()
  await expect(third.getByRole('heading', { level: 1, name: 'Stretch break' })).toBeVisible()

  // The runner tab closes: another takes the lock, and the schedule goes on, once per tick.
  const counts = await runsStartedIn(tabs)
  const runner = tabs[counts.indexOf(2)]
  if (runner === undefined) throw new Error('no runner tab')
  const others = tabs.filter((t) => t !== runner)
  await runner.close()
  await context.clock.fastForward('01:00')
  const [left] = others as [Page, Page]
  await expectRunsToStay(left, 3)
  expect(await storedRuns(left)).toEqual([
    { status: 'success', trigger: 'schedule' },
    { status: 'success', trigger: 'schedule' },
    { status: 'success', trigger: 'schedule' },
  ])
  expect((await runsStartedIn(others)).sort()).toEqual([0, 1])
  await context.close()
})

test('"Run now" in any tab runs in the runner tab; cancel stops a running run during its wait; the model step says it has no endpoint', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const context = await browser.newContext()
  await context.clock.install()
  const [runner, page] = (await openTabs(context, 2)) as [Page, Page]

  await createWorkflow(page, 'Tea timer', 'manual', [
    { kind: 'Send a notification', fields: { Title: 'Kettle on' } },
    { kind: 'Wait', fields: { Minutes: '5' } },
    { kind: 'Send a notification', fields: { Title: 'Tea is ready' } },
  ])
  await page.getByRole('button', { name: 'Run now' }).click()
  const run = runItems(page).first()
  await expect(run).toContainText('Running')
  await expect(run).toContainText('1 of 3 steps · now: Wait')
  await expect(run.getByRole('progressbar')).toHaveAttribute('value', '1')
  await expect(page.getByRole('button', { name: 'Run now' })).toBeDisabled()
  expect(await runsStartedIn([runner, page])).toEqual([1, 0])
  await shootEverywhere(page, 'workflow-run-running', { fullPage: true })

  // Cancel here; the runner tab stops the wait, so "Tea is ready" never comes, even after the 5 minutes.
  await run.getByRole('button', { name: /^Cancel the run of/ }).click()
  await expect(run).toContainText('Cancelled')
  await expect(run).toContainText('Cancelled at step 2 of 3.')
  await expect(run.getByRole('button', { name: /^Cancel/ })).toHaveCount(0)
  // The cancel reaches the runner tab through the shared worker (tens of ms); jumping the clock past
  // the wait before it arrives would be a cancel that comes after the wait had ended anyway.
  await expect.poll(() => storedRuns(runner)).toEqual([{ status: 'cancelled', trigger: 'manual' }])
  await context.clock.fastForward('06:00')
  await page.waitForTimeout(1_000)
  expect(await storedRuns(runner)).toEqual([{ status: 'cancelled', trigger: 'manual' }])
  await page.getByRole('link', { name: /Notifications/ }).click()
  await expect(notifications(page).filter({ hasText: 'Kettle on' })).toHaveCount(1)
  await expect(notifications(page).filter({ hasText: 'Tea is ready' })).toHaveCount(0)

  // "Ask the model" asks a persona through the assistant: with no persona at all, the run fails and says so.
  await createWorkflow(page, 'Ask for a haiku', 'manual', [
    { kind: 'Ask the model', fields: { Prompt: 'A haiku about tea.' } },
  ])
  await page.getByRole('button', { name: 'Run now' }).click()
  await expect(runItems(page).first()).toContainText('Failed')
  await expect(runItems(page).first()).toContainText(
    'Error: Step 1 (Ask the model): There is no persona to ask: create one first.',
  )
  await page.getByRole('link', { name: '← Workflows' }).click()
  await expect(
    page.getByRole('list', { name: 'Workflows' }).getByRole('listitem', { name: 'Ask for a haiku' }),
  ).toContainText('Failed')
  await shootEverywhere(page, 'workflows-with-runs')
  await context.close()
})

test('a run left running by a tab that closes is finished as interrupted by the tab that takes over', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const context = await browser.newContext()
  const [runner, page] = (await openTabs(context, 2)) as [Page, Page]
  await createWorkflow(page, 'Long wait', 'manual', [{ kind: 'Wait', fields: { Minutes: '30' } }])
  await page.getByRole('button', { name: 'Run now' }).click()
  await expect(runItems(page).first()).toContainText('now: Wait')
  expect(await runsStartedIn([runner, page])).toEqual([1, 0])

  await runner.close()
  await expect(runItems(page).first()).toContainText('Failed')
  await expect(runItems(page).first()).toContainText('Interrupted: the tab running it was closed or locked')
  await expect(page.getByRole('button', { name: 'Run now' })).toBeEnabled()
  await context.close()
})
