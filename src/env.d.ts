/// <reference types="vite-plugin-pwa/react" />

/** The app's version from package.json, set at build time (shown on the status page). */
declare const __APP_VERSION__: string
