/**
 * The platform process's own way in (scripts/mount-microapps.ts): the provider itself (oidc-provider,
 * Koa inside), kept out of index.ts so that Next's bundle never loads it.
 */
export { mountOidc, type OidcMount } from './mount.ts'
export { buildProvider, tokenLifetimes } from './provider.ts'
