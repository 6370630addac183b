import { expect, test, type Frame, type Page } from '@playwright/test'
import { baseURL } from './support/env.ts'
import { signIn } from './support/helpers.ts'

// Plain Playwright `test`, not support/csp.ts: the hostile app's refused attempts are CSP reports by
// design (its frame's console); the platform's own page is checked for none below.
const HOSTILE = 'cn.gov.test.hostile'

async function openHostile(page: Page): Promise<Frame> {
  await signIn(page, 'drafter')
  await page.goto(`/apps/${HOSTILE}/open`)
  const element = page.getByTestId('microapp-frame')
  await expect(element).toHaveAttribute('sandbox', 'allow-scripts allow-forms')
  const frame = await (await element.elementHandle())!.contentFrame()
  await expect.poll(async () => frame!.evaluate(() => typeof (window as unknown as { xt?: unknown }).xt)).toBe('object')
  return frame!
}

test.describe('a hostile micro-app in its sandbox', () => {
  test.skip(({ isMobile }) => isMobile, 'browser containment is the same on both viewports; run once')

  test('cannot read the platform’s cookies, storage or DOM, navigate the top window, open pop-ups or reach the API', async ({ page }) => {
    const platformErrors: string[] = []
    // The platform's own page must break no CSP (the refusal to frame the platform's answer is expected).
    page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/.test(m.text()) && !/frame-ancestors/.test(m.text()) && m.location().url.startsWith(baseURL)) platformErrors.push(m.text()) })
    const frame = await openHostile(page)
    const outcome = await frame.evaluate(async (platform) => {
      const attempt = (f: () => unknown) => { try { const v = f(); return `got:${String(v)}` } catch (e) { return `blocked:${(e as Error).name}` } }
      const fetched = await fetch(`${platform}/api/inbox/count`, { credentials: 'include' }).then((r) => `got:${r.status}`, (e) => `blocked:${(e as Error).name}`)
      return {
        origin: window.origin,
        ownCookie: attempt(() => document.cookie),
        ownStorage: attempt(() => window.localStorage.length),
        parentCookie: attempt(() => (window.parent.document as Document).cookie),
        parentDom: attempt(() => window.parent.document.body.innerHTML.length),
        parentStorage: attempt(() => (window.parent as Window).localStorage.length),
        top: attempt(() => { window.top!.location.href = 'https://evil.example/'; return 'assigned' }),
        popup: attempt(() => window.open('https://evil.example/', '_blank')),
        fetched,
      }
    }, new URL(baseURL).origin)
    expect(outcome.origin).toBe('null')
    expect(outcome.ownCookie).toMatch(/^blocked/)
    expect(outcome.ownStorage).toMatch(/^blocked/)
    expect(outcome.parentCookie).toMatch(/^blocked/)
    expect(outcome.parentDom).toMatch(/^blocked/)
    expect(outcome.parentStorage).toMatch(/^blocked/)
    expect(outcome.popup).toBe('got:null')
    expect(outcome.fetched).toBe('blocked:TypeError')
    expect(page.url()).toContain(`/apps/${HOSTILE}/open`)
    // Framing another app inside itself: refused by its own CSP (and the other app's frame-ancestors).
    await frame.evaluate((apps) => {
      const child = document.createElement('iframe')
      child.src = `${apps}/cn.gov.taihe.canteen/index.html`
      document.body.append(child)
    }, new URL(frame.url()).origin)
    await expect.poll(() => frame.evaluate(() => (window as unknown as { violations: string[] }).violations)).toContain('frame-src')
    expect(page.frames().some((f) => f.url().includes('cn.gov.taihe.canteen'))).toBe(false)
    // A form posted at the platform (sign out). The app's CSP says form-action 'none'; in one run under
    // load Chromium still navigated the frame, so what is asserted is what matters: any such request
    // leaves the opaque origin without the session cookie, and the person stays signed in.
    const signOuts: import('@playwright/test').Request[] = []
    page.context().on('request', (r) => { if (r.url().endsWith('/api/auth/sign-out')) signOuts.push(r) })
    await frame.evaluate((platform) => {
      const form = document.createElement('form')
      form.method = 'post'
      form.action = `${platform}/api/auth/sign-out`
      document.body.append(form)
      form.submit()
    }, new URL(baseURL).origin)
    await page.goto('/')
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    expect(page.url()).not.toContain('/sign-in')
    for (const r of signOuts) expect((await r.allHeaders()).cookie ?? '').not.toContain('xt_session')
    expect(platformErrors).toEqual([])
  })

  test('bridge: calls without the scope and denied consent fail, forged messages are ignored, a flood is cut off and the platform keeps working', async ({ page }) => {
    const frame = await openHostile(page)
    const bridgeBodies: { appId: string; api: string; params: Record<string, unknown> }[] = []
    page.on('request', (r) => { if (r.url().endsWith('/api/microapps/bridge')) bridgeBodies.push(r.postDataJSON()) })
    type Xt = { call: (api: string, params?: object) => Promise<unknown> }
    const call = (api: string, params: Record<string, unknown> = {}) => frame.evaluate(async ([a, p]) => {
      const xt = (window as unknown as { xt: Xt }).xt
      try { return { ok: await xt.call(a as string, p as object) } } catch (e) { return { error: (e as { code?: string }).code ?? String(e) } }
    }, [api, params] as const)

    expect(await call('chooseContact')).toEqual({ error: 'microapp.scope_not_granted' })
    // notify.send is asked for but not yet consented: the host asks the person, who refuses.
    const asked = call('notify', { title: '假通知' })
    await page.getByTestId('microapp-consent').getByRole('button', { name: '拒绝' }).click()
    expect(await asked).toEqual({ error: 'microapp.consent_denied' })
    // Speaking as another app: the host sends its own frame's app id, whatever the message says.
    const me = await call('getLoginUser', { appId: 'cn.gov.taihe.canteen' })
    expect(me).toMatchObject({ ok: { name: '张伟' } })
    expect(bridgeBodies.every((b) => b.appId === HOSTILE)).toBe(true)
    // A message from any window but the frame's own is ignored (here: the platform page itself).
    const before = bridgeBodies.length
    await page.evaluate(() => window.postMessage({ xt: 1, id: 'forged', api: 'setBadge', params: { count: 42 } }, '*'))
    await call('getLoginUser')
    expect(bridgeBodies.slice(before).map((b) => b.api)).toEqual(['getLoginUser'])
    // A flood: the host lets a few calls through at a time, the server's budget refuses the rest.
    const flood = await frame.evaluate(async () => {
      const xt = (window as unknown as { xt: Xt }).xt
      const results = await Promise.allSettled(Array.from({ length: 300 }, (_, i) => xt.call('setBadge', { count: i })))
      return results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as { code: string }).code))
    })
    expect(flood.filter((r) => r === 'rate_limited').length).toBeGreaterThan(150)
    expect(flood.filter((r) => r !== 'rate_limited' && r !== 'ok')).toEqual([])
    expect(bridgeBodies.length).toBeLessThan(before + 1 + 200)
    await page.goto('/inbox')
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  })
})

test('bridge round trip in the browser (figures for bench/README: host-answered and server-checked calls)', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === 'phone', 'measured once')
  await signIn(page, 'finhead')
  await page.goto(`/apps/${HOSTILE}/open`)
  const frame = await (await page.getByTestId('microapp-frame').elementHandle())!.contentFrame()
  await expect.poll(async () => frame!.evaluate(() => typeof (window as unknown as { xt?: unknown }).xt)).toBe('object')
  const figures = await frame!.evaluate(async () => {
    const xt = (window as unknown as { xt: { call: (api: string, params?: object) => Promise<unknown> } }).xt
    const measure = async (api: string, params: object, n: number) => {
      const ms: number[] = []
      for (let i = 0; i < n; i++) { const t0 = performance.now(); await xt.call(api, params); ms.push(performance.now() - t0) }
      ms.sort((a, b) => a - b)
      return { p50: +ms[Math.floor(n / 2)]!.toFixed(2), p95: +ms[Math.ceil(n * 0.95) - 1]!.toFixed(2) }
    }
    return { ready: await measure('ready', {}, 100), getLoginUser: await measure('getLoginUser', {}, 60) }
  })
  testInfo.annotations.push({ type: 'bridge round trip (ms)', description: JSON.stringify(figures) })
  console.log('bridge round trip (ms)', JSON.stringify(figures))
  expect(figures.ready.p95).toBeLessThanOrEqual(10)
})
