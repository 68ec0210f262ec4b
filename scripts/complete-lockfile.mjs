// Records other platforms' optional packages in package-lock.json so that `npm ci` accepts it.
//
// Why: the registry reachable from our machines answers 404 for platform-specific optional
// packages it does not mirror (e.g. @biomejs/cli-darwin-arm64). npm then leaves them out of the
// lockfile, and `npm ci` refuses a lockfile that misses any declared dependency. npm never
// fetches an optional package whose `os`/`cpu`/`libc` do not match the machine, so an entry
// that states the platform is enough; we derive it from the package name, which for all of
// these packages spells it out (…-darwin-arm64, …-linux-x64-musl, …-win32-x64-msvc).
// Run after `npm install` changes the lockfile: `node scripts/complete-lockfile.mjs`.
// `--check` (part of `npm test`) fails instead of writing, so a lockfile `npm ci` would refuse never lands.
import { readFileSync, writeFileSync } from 'node:fs'

const LOCKFILE = new URL('../package-lock.json', import.meta.url)
const OSES = [
  'android',
  'darwin',
  'freebsd',
  'linux',
  'netbsd',
  'openbsd',
  'sunos',
  'win32',
  'aix',
  'openharmony',
  'cygwin',
]
const CPUS = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el']

const platformOf = (name) => {
  const parts = name.split('/').pop().split('-')
  const os = parts.find((p) => OSES.includes(p))
  const cpu = parts.find((p) => CPUS.includes(p)) ?? (parts.includes('arm') ? 'arm' : undefined)
  if (!os || !cpu) return undefined
  const platform = { os: [os], cpu: [cpu] }
  if (os === 'linux')
    platform.libc = [parts.includes('musl') || parts.includes('musleabihf') ? 'musl' : 'glibc']
  return platform
}

const lock = JSON.parse(readFileSync(LOCKFILE, 'utf8'))
const added = []
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue
    const platform = platformOf(name)
    if (!platform || !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec)) {
      throw new Error(
        `${name}@${spec} (optional dependency of ${path || 'the project'}) is missing from the lockfile and is not a platform package with an exact version`,
      )
    }
    lock.packages[`node_modules/${name}`] = {
      version: spec,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platform,
    }
    added.push(`${name}@${spec}`)
  }
}
if (process.argv.includes('--check')) {
  if (added.length) {
    console.error(
      `package-lock.json misses ${added.length} platform packages, so \`npm ci\` would refuse it. Run: node scripts/complete-lockfile.mjs`,
    )
    process.exit(1)
  }
  process.exit(0)
}
writeFileSync(LOCKFILE, `${JSON.stringify(lock, null, 2)}\n`)
console.info(
  added.length
    ? `recorded ${added.length} platform packages:\n  ${added.join('\n  ')}`
    : 'lockfile already complete',
)
