/**
 * The platform process's own way in (scripts/mount-microapps.ts), kept out of index.ts so that Next's
 * bundle never sees the apps origin server (it loads esbuild and the plugins' back ends at run time).
 */
export { startAppsOrigin, appsRequestHandler, sdkBundle } from './apps-origin.ts'
export { handleCodeExchange } from './exchange-code.ts'
