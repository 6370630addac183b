/**
 * The bridge, server side: every call a micro-app makes through the SDK that reaches the platform is
 * decided here, in order: the app is installed and open to this person (uninstalled or revoked: not
 * found, at the next call); the API's scope is granted to the app; the person consented to it (or a
 * unit administrator pre-approved it); the app has budget left (per app and person, a minute); then
 * the person's own right for what the API does (an app never does what the person could not). Every
 * call that reaches an API or is refused for scope, consent or budget is audited (app, person, API, result).
 */
import { z } from 'zod'
import type { Db } from '../core/db/index.ts'
import { hasPermission, type Actor } from '../core/authz/index.ts'
import { AppError, isAppError } from '../core/errors.ts'
import { createRateLimiter } from '../core/rate-limit.ts'
import { appendAudit } from '../core/audit/index.ts'
import { plainText } from '../core/text.ts'
import type { RequestContext } from '../core/request-context.ts'
import { createInboxItems } from '../inbox/index.ts'
import { personClaims } from '../oidc/index.ts'
import { bridgeApis, type BridgeApi } from './scopes.ts'
import { visibleApp, type VisibleApp } from './visible-installs.ts'
import { issueAuthCode } from './auth-code.ts'
import { storeAppFile } from './app-files.ts'

export const BRIDGE_CALLS_PER_MINUTE = 120
const limiter = createRateLimiter(20_000)

export const bridgeCallInput = z.object({
  appId: z.string().max(100),
  api: z.enum(Object.keys(bridgeApis) as [BridgeApi, ...BridgeApi[]]),
  params: z.record(z.string(), z.unknown()).default({}),
})
export type BridgeCall = z.infer<typeof bridgeCallInput>

const paramsOf = {
  getAuthCode: z.object({ clientId: z.string().max(60) }),
  chooseContact: z.object({ personIds: z.array(z.uuid()).max(50) }),
  notify: z.object({ title: plainText(100).min(1), personIds: z.array(z.uuid()).max(200).default([]), url: z.string().max(200).regex(/^[\w./?=&#-]*$/).default('') }),
  setBadge: z.object({ count: z.number().int().min(0).max(9999) }),
  // What the platform's scanner read (the host decodes the camera's frames; the app gets the text).
  scan: z.object({ text: plainText(2000).min(1) }),
}

/** The bytes of a chooseImage / uploadFile call, which come as a form to /api/microapps/files, not as JSON. */
export type BridgeFile = { name: string; bytes: Uint8Array }

// One statement of its own (appendAudit): a bridge call changes nothing the record must go with, and
// every audited action of the platform waits for the chain's lock, so it is held for one statement only.
async function audit(db: Db, actor: Actor, app: string, api: string, result: string, context: RequestContext) {
  await appendAudit(db, { actor, action: 'microapp.bridge', objectType: 'microapp', objectId: app, outcome: result === 'ok' ? 'SUCCESS' : 'DENIED', details: { api, result }, context })
}

/** Pre-approved for the unit, or consented by the person (read with the app's row, so no query of its own). */
function consented(app: VisibleApp, scope: string): boolean {
  return app.preApprovedScopes.includes(scope) || app.consentedScopes.includes(scope)
}

export async function callBridge(db: Db, actor: Actor, call: BridgeCall, context: RequestContext, file?: BridgeFile): Promise<unknown> {
  const app = await visibleApp(db, actor.personId, call.appId)
  if (!app) throw new AppError('not_found')
  const scope = bridgeApis[call.api]
  try {
    if (scope && !app.grantedScopes.includes(scope)) throw new AppError('microapp.scope_not_granted', { scope })
    if (scope && !consented(app, scope)) throw new AppError('microapp.consent_required', { scope }, scope)
    const wait = limiter.hit(`${app.appId}:${actor.personId}`, BRIDGE_CALLS_PER_MINUTE)
    if (wait !== null) throw new AppError('rate_limited', { seconds: wait })
    const result = await run(db, actor, app, call, file)
    await audit(db, actor, app.appId, call.api, 'ok', context)
    return result
  } catch (error) {
    // A flood is refused without writing a record per refused call: one for the first refusal a minute.
    if (isAppError(error) && !(error.code === 'rate_limited' && limiter.hit(`audit:${app.appId}:${actor.personId}`, 1) !== null)) {
      await audit(db, actor, app.appId, call.api, error.code, context)
    }
    throw error
  }
}

async function run(db: Db, actor: Actor, app: VisibleApp, call: BridgeCall, file?: BridgeFile): Promise<unknown> {
  switch (call.api) {
    case 'getLoginUser': {
      const claims = await personClaims(db, actor.personId)
      return { userId: actor.personId, name: claims?.name, account: claims?.account, units: claims?.units ?? [] }
    }
    case 'getAuthCode': {
      const { clientId } = paramsOf.getAuthCode.parse(call.params)
      if (!app.manifest.clientId || app.manifest.clientId !== clientId) throw new AppError('microapp.wrong_client')
      return { code: await issueAuthCode(db, { appId: app.appId, clientId, personId: actor.personId }) }
    }
    case 'chooseContact': {
      // The people were chosen in the platform's own picker; the app learns only what the directory shows everyone.
      const { personIds } = paramsOf.chooseContact.parse(call.params)
      const people = await db.person.findMany({ where: { id: { in: personIds }, isActive: true }, select: { id: true, name: true, posts: { where: { isPrimary: true }, select: { title: true, unit: { select: { name: true } } } } } })
      return { users: people.map((p) => ({ userId: p.id, name: p.name, unit: p.posts[0]?.unit.name ?? '', title: p.posts[0]?.title ?? '' })) }
    }
    case 'notify': {
      const input = paramsOf.notify.parse(call.params)
      const recipients = input.personIds.length ? [...new Set(input.personIds)] : [actor.personId]
      const others = recipients.filter((id) => id !== actor.personId)
      if (others.length) {
        // Telling others is the person's own right: notice.send over every recipient's unit.
        const posts = await db.post.findMany({ where: { personId: { in: others } }, select: { personId: true, unit: { select: { path: true } } } })
        for (const id of others) {
          const paths = posts.filter((p) => p.personId === id).map((p) => p.unit.path)
          if (!paths.length || !hasPermission(actor, 'notice.send', { unitPaths: paths })) throw new AppError('microapp.not_your_right')
        }
      }
      const objectId = `${app.appId}:${crypto.randomUUID()}`
      await db.$transaction((tx) => createInboxItems(tx, recipients.map((personId) => ({
        personId, kind: 'TO_READ' as const, module: 'microapps', objectType: 'microapp_notice', objectId, title: input.title, source: app.name,
        url: `/apps/${encodeURIComponent(app.appId)}/open${input.url ? `?path=${encodeURIComponent(input.url)}` : ''}`,
      }))))
      return { sent: recipients.length }
    }
    case 'setBadge': {
      const { count } = paramsOf.setBadge.parse(call.params)
      await db.microAppBadge.upsert({ where: { personId_appId: { personId: actor.personId, appId: app.appId } }, create: { personId: actor.personId, appId: app.appId, count }, update: { count } })
      return { count }
    }
    case 'scan':
      return paramsOf.scan.parse(call.params)
    case 'chooseImage':
    case 'uploadFile': {
      // Only the files route passes bytes; a JSON call of these (from a forged host) has none.
      if (!file) throw new AppError('validation')
      const ref = await storeAppFile(db, { appId: app.appId, personId: actor.personId, name: file.name, bytes: file.bytes, imagesOnly: call.api === 'chooseImage' })
      return call.api === 'chooseImage' ? { files: [ref] } : ref
    }
    default:
      // ready, toast, openLink, navigate are answered by the host page itself.
      return {}
  }
}
