import { config } from '../core/config.ts'

export const OIDC_PREFIX = '/oidc'

/** The issuer: OIDC_ISSUER, else PUBLIC_URL + /oidc. */
export function oidcIssuer(): string {
  return config().OIDC_ISSUER ?? `${config().PUBLIC_URL.replace(/\/$/, '')}${OIDC_PREFIX}`
}
