import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
}

/**
 * A static server for a built Hearth that a test can stop (to be really offline: no server at all,
 * not an emulated network a service worker might bypass) and point at another build (a new
 * version), or serve it with some files missing. It listens on its own port, so its origin — storage, service worker — is its own.
 */
export const serveBuild = async (initialRoot: string, { refuse }: { refuse?: RegExp } = {}) => {
  let root = initialRoot
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    // `refuse`: paths answered 404 as if missing from the build (requests from any worker too,
    // which Playwright's routing does not see).
    if (refuse?.test(path)) {
      res.writeHead(404).end()
      return
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path))
    if (!file.startsWith(normalize(root))) {
      res.writeHead(403).end()
      return
    }
    try {
      const body = await readFile(file)
      // No HTTP caching: what a test sees comes from the network or from the service worker.
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      })
      res.end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    /** Serve another build from now on (a deployment). */
    switchTo: (next: string) => {
      root = next
    },
    /** Gone: every request fails as with no network. */
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
