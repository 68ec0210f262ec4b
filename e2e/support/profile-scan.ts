import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

/**
 * Every file of a browser profile directory that contains `needle` as UTF-8, UTF-16LE or
 * UTF-16BE bytes: OPFS (`File System/`), IndexedDB, Local Storage (LevelDB, strings often UTF-16),
 * Cache Storage, session files — everything Chromium keeps on disk for a profile.
 */
export const scanProfile = (dir: string, needle: string) => {
  const patterns = [
    { encoding: 'utf-8', bytes: Buffer.from(needle, 'utf8') },
    { encoding: 'utf-16le', bytes: Buffer.from(needle, 'utf16le') },
    { encoding: 'utf-16be', bytes: Buffer.from(needle, 'utf16le').swap16() },
  ]
  const hits: Array<{ file: string; encoding: string }> = []
  let files = 0
  let bytes = 0
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile()) {
        const content = readFileSync(full)
        files += 1
        bytes += statSync(full).size
        for (const pattern of patterns) {
          if (content.includes(pattern.bytes))
            hits.push({ file: relative(dir, full), encoding: pattern.encoding })
        }
      }
    }
  }
  walk(dir)
  return { hits, files, bytes }
}
