import { spawn } from 'node:child_process'

/** Serves a build folder with `vite preview` on 127.0.0.1 and resolves once it answers. */
export const startPreview = async (outDir, port) => {
  const child = spawn(
    'npx',
    ['vite', 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    {
      stdio: 'ignore',
      detached: true,
    },
  )
  const url = `http://127.0.0.1:${port}/`
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) break
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    stop: async () => {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {}
      for (let i = 0; i < 50; i++) {
        try {
          await fetch(url)
        } catch {
          return
        }
        await new Promise((r) => setTimeout(r, 100))
      }
    },
  }
}
