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
  let exited = null
  child.on('exit', (code) => {
    exited = code
  })
  // A loaded machine (tests running beside the bench) can take well over 20 s to start vite.
  const deadline = Date.now() + 90_000
  for (;;) {
    try {
      if ((await fetch(url)).ok) break
    } catch {}
    if (exited !== null) {
      throw new Error(`vite preview of ${outDir} exited (code ${exited}): is port ${port} in use?`)
    }
    if (Date.now() > deadline) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {}
      throw new Error(`vite preview of ${outDir} did not answer on port ${port} within 90 s`)
    }
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
