// Installs Debian's Chromium with apt when /usr/bin/chromium is missing. Playwright never downloads
// a browser here (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1); every browser test uses this binary.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

if (!existsSync(CHROMIUM)) {
  console.info(`${CHROMIUM} is missing: installing Debian's chromium with apt-get…`)
  const sudo = process.getuid?.() === 0 ? '' : 'sudo '
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, {
    stdio: 'inherit',
  })
}
if (!existsSync(CHROMIUM)) {
  console.error(`Chromium is still missing at ${CHROMIUM}`)
  process.exit(1)
}
