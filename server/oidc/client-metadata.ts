import type { Db } from '../core/db/index.ts'

/** What oidc-provider knows of a registered client; `client_secret` is the secret's SHA-256 (see provider.ts). */
export async function clientMetadata(db: Db, clientId: string) {
  // A plain query: the provider looks the client up on every token request.
  const [client] = await db.$queryRaw<{ clientId: string; secretHash: string; name: string; redirectUris: string[]; postLogoutRedirectUris: string[]; scopes: string[] }[]>`
    SELECT "clientId", "secretHash", name, "redirectUris", "postLogoutRedirectUris", scopes FROM "OidcClient" WHERE "clientId" = ${clientId} AND "disabledAt" IS NULL`
  if (!client) return undefined
  return {
    client_id: client.clientId,
    client_secret: client.secretHash,
    client_name: client.name,
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.postLogoutRedirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
    scope: ['openid', 'offline_access', ...client.scopes].join(' '),
  }
}
