/**
 * The provider's own pages (consent, sign-out, errors) as small server-rendered HTML, Chinese first:
 * no script at all (the mount sends `default-src 'none'`), readable on a phone.
 */
import zhCN from '../../messages/zh-CN.json' with { type: 'json' }
import en from '../../messages/en.json' with { type: 'json' }
import type { ClaimScope } from './claims.ts'
import { readCookieHeader } from './platform-session.ts'

type Texts = (typeof zhCN)['microapps']['sso']
type Locale = 'zh-CN' | 'en'

export function localeOf(cookieHeader: string | undefined): Locale {
  return readCookieHeader(cookieHeader, 'NEXT_LOCALE') === 'en' ? 'en' : 'zh-CN'
}

export function texts(locale: Locale): Texts {
  return (locale === 'en' ? en : zhCN).microapps.sso
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

const style = `
  :root{color-scheme:light;font-family:"Noto Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif}
  body{margin:0;background:#f3f5f8;color:#1f2933}
  main{max-width:440px;margin:48px auto;padding:0 16px}
  .card{background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:24px}
  .brand{display:flex;gap:10px;align-items:center;font-weight:600;margin-bottom:16px}
  .mark{display:inline-grid;place-items:center;width:36px;height:36px;border-radius:8px;background:#b91c1c;color:#fff}
  h1{font-size:1.25rem;margin:0 0 12px}
  ul{padding-left:1.2em;margin:8px 0 16px} li{margin:4px 0}
  .muted{color:#52606d;font-size:.9rem}
  .actions{display:flex;gap:12px;margin-top:20px;flex-wrap:wrap}
  button{font:inherit;min-height:44px;padding:0 20px;border-radius:8px;border:1px solid #b91c1c;background:#b91c1c;color:#fff;cursor:pointer;flex:1}
  button.secondary{background:#fff;color:#1f2933;border-color:#cbd2d9}
  pre{white-space:pre-wrap;word-break:break-word}
  @media (max-width:480px){main{margin:16px auto}}`

function page(locale: Locale, title: string, body: string): string {
  const t = texts(locale)
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${style}</style></head>` +
    `<body><main><div class="card"><div class="brand"><span class="mark" aria-hidden="true">协</span><span>${escapeHtml(t.brand)}</span></div>${body}</div></main></body></html>`
}

export function consentPage(input: { locale: Locale; uid: string; clientName: string; personName: string; scopes: ClaimScope[]; offline: boolean }): string {
  const t = texts(input.locale)
  const items = input.scopes.map((s) => `<li>${escapeHtml(t.claims[s])}</li>`).join('')
  return page(input.locale, t.consentTitle, `
    <h1>${escapeHtml(t.consentHeading.replace('{app}', input.clientName))}</h1>
    <p class="muted">${escapeHtml(t.consentSignedInAs.replace('{name}', input.personName))}</p>
    <p>${escapeHtml(t.consentWillReceive)}</p>
    <ul data-testid="consent-claims"><li>${escapeHtml(t.claims.openid)}</li>${items}${input.offline ? `<li>${escapeHtml(t.claims.offline_access)}</li>` : ''}</ul>
    <form method="post" action="/oidc/interaction/${encodeURIComponent(input.uid)}/confirm">
      <div class="actions">
        <button type="submit" name="decision" value="allow">${escapeHtml(t.allow)}</button>
        <button type="submit" name="decision" value="deny" class="secondary">${escapeHtml(t.deny)}</button>
      </div>
    </form>`)
}

export function messagePage(locale: Locale, heading: string, detail?: string): string {
  return page(locale, heading, `<h1>${escapeHtml(heading)}</h1>${detail ? `<p class="muted">${escapeHtml(detail)}</p>` : ''}`)
}

type Ctx = { req: { headers: { cookie?: string } }; type?: string; body?: unknown; oidc?: { client?: { clientName?: string; clientId?: string } } }

export async function errorPage(ctx: Ctx, out: { error: string; error_description?: string }): Promise<void> {
  const locale = localeOf(ctx.req.headers.cookie)
  const t = texts(locale)
  ctx.type = 'html'
  ctx.body = messagePage(locale, t.errorTitle, [out.error, out.error_description].filter(Boolean).join(': '))
}

export async function logoutPage(ctx: Ctx, form: string): Promise<void> {
  const locale = localeOf(ctx.req.headers.cookie)
  const t = texts(locale)
  ctx.body = page(locale, t.logoutTitle, `
    <h1>${escapeHtml(t.logoutHeading)}</h1>${form}
    <div class="actions">
      <button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">${escapeHtml(t.logoutYes)}</button>
      <button type="submit" form="op.logoutForm" class="secondary">${escapeHtml(t.logoutNo)}</button>
    </div>`)
}

export async function loggedOutPage(ctx: Ctx): Promise<void> {
  const locale = localeOf(ctx.req.headers.cookie)
  const t = texts(locale)
  ctx.body = messagePage(locale, t.loggedOut, ctx.oidc?.client?.clientName ? t.loggedOutFrom.replace('{app}', ctx.oidc.client.clientName) : undefined)
}
