// Installs Debian's Chromium with apt when /usr/bin/chromium is missing (and a colour emoji font,
// so persona avatars render in screenshots as they do on a person's machine). Playwright never
// downloads a browser here (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1); every browser test uses this binary.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { CHROMIUM_PATH } from './chromium.mjs'

const EMOJI_FONT = '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf'
const missing = [
  ...(existsSync(CHROMIUM_PATH) ? [] : ['chromium']),
  ...(existsSync(EMOJI_FONT) ? [] : ['fonts-noto-color-emoji']),
]

if (missing.length > 0) {
  console.info(`installing ${missing.join(' and ')} with apt-get…`)
  const sudo = process.getuid?.() === 0 ? '' : 'sudo '
  try {
    execSync(
      `${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`,
      { stdio: 'inherit' },
    )
  } catch (error) {
    // Without the font the tests still run; without Chromium they cannot.
    if (!existsSync(CHROMIUM_PATH)) throw error
    console.warn(`could not install ${missing.join(', ')}; continuing`)
  }
}
if (!existsSync(CHROMIUM_PATH)) {
  console.error(`Chromium is still missing at ${CHROMIUM_PATH}`)
  process.exit(1)
}
