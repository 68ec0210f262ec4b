import { expect, type Locator, type Page } from '@playwright/test'

/** Where screenshots go: look at them before a change lands (the e2e output, kept by CI). */
export const SCREENS = 'test-results/screens'

export const WIDTHS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const

/** Nothing may stick out sideways: a phone user should never have to scroll horizontally. */
export const expectNoHorizontalScroll = async (page: Page) => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
}

/**
 * The current screen at both widths in both themes: no sideways scroll, and a screenshot of each
 * (`<name>-desktop-light.png`, …). `showing`: a part of a long page, scrolled into view at each width
 * (a resize moves it). Leaves the page at desktop width in the light theme.
 */
export const shootEverywhere = async (
  page: Page,
  name: string,
  { fullPage = false, showing }: { fullPage?: boolean; showing?: Locator } = {},
) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    for (const size of WIDTHS) {
      await page.setViewportSize({ width: size.width, height: size.height })
      await expectNoHorizontalScroll(page)
      await showing?.evaluate((element) => element.scrollIntoView({ block: 'center' }))
      await page.screenshot({ path: `${SCREENS}/${name}-${size.name}-${scheme}.png`, fullPage })
    }
  }
  await page.emulateMedia({ colorScheme: 'light' })
  await page.setViewportSize({ width: WIDTHS[0].width, height: WIDTHS[0].height })
}
