import { z } from 'zod'
import { plainText } from '../core/text.ts'

/**
 * A redirect URI is compared exactly (oidc-provider does); it must be https, or http on localhost for
 * development, with no fragment.
 */
export const redirectUri = z.string().max(500).refine((value) => {
  try {
    const url = new URL(value)
    if (url.hash || url.username || url.password) return false
    if (url.protocol === 'https:') return true
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
  } catch {
    return false
  }
}, 'microapp_redirect_uri')

export const registerClientInput = z.object({
  name: plainText(100).min(1),
  unitId: z.uuid(),
  redirectUris: z.array(redirectUri).min(1).max(10),
  postLogoutRedirectUris: z.array(redirectUri).max(10).default([]),
  scopes: z.array(z.enum(['profile', 'org'])).max(2).default(['profile']),
})
export type RegisterClientInput = z.infer<typeof registerClientInput>

export const updateClientInput = z.object({
  revision: z.number().int().min(0),
  name: plainText(100).min(1).optional(),
  redirectUris: z.array(redirectUri).min(1).max(10).optional(),
  postLogoutRedirectUris: z.array(redirectUri).max(10).optional(),
  scopes: z.array(z.enum(['profile', 'org'])).max(2).optional(),
  disabled: z.boolean().optional(),
})
export type UpdateClientInput = z.infer<typeof updateClientInput>
