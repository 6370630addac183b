import http from 'node:http'
import { writeFileSync } from 'node:fs'
import QRCode from 'qrcode'
import sharp from 'sharp'
import { chromium, expect, test, type Frame, type Page } from '@playwright/test'
import { baseURL, e2ePort } from './support/env.ts'
import { signIn } from './support/helpers.ts'

// An external-URL micro-app (a department's own system, entry { type: 'url' }): a local HTTP server on
// E2E_PORT + 3 stands in for the external site (e2e/fixtures/microapps/external-hostile names it).
// Plain Playwright `test`: the hostile app's refused attempts may be CSP reports in its own frame.
const EXTERNAL = 'cn.gov.test.external'
const HOSTILE = 'cn.gov.test.hostile'
const site = `http://127.0.0.1:${e2ePort + 3}`
const apps = `http://localhost:${e2ePort + 2}`

function page(body: string) {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>外部应用</title><script src="${apps}/sdk.js"></script></head><body>${body}</body></html>`
}

let server: http.Server
test.beforeAll(async ({}, testInfo) => {
  if (testInfo.project.name === 'phone') return
  server = http.createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8')
    if (req.url?.startsWith('/index.html')) return res.end(page('<h1>外部系统</h1><p id="status">就绪</p>'))
    // A page the external app frames inside itself, which tries to speak to the platform directly.
    if (req.url?.startsWith('/child.html')) return res.end(page('<p>子页面</p>'))
    res.statusCode = 404
    res.end()
  })
  await new Promise<void>((resolve) => server.listen(e2ePort + 3, '127.0.0.1', resolve))
})
test.afterAll(async () => { if (server) await new Promise<void>((r) => server.close(() => r())) })

async function openApp(p: Page, appId: string): Promise<Frame> {
  await p.goto(`/apps/${appId}/open`)
  const element = p.getByTestId('microapp-frame')
  await expect(element).toHaveAttribute('sandbox', 'allow-scripts allow-forms')
  const frame = (await (await element.elementHandle())!.contentFrame())!
  await expect.poll(async () => frame.evaluate(() => typeof (window as unknown as { xt?: unknown }).xt)).toBe('object')
  return frame
}

type Xt = { call: (api: string, params?: object) => Promise<unknown> }
const callIn = (frame: Frame, api: string, params: Record<string, unknown> = {}) => frame.evaluate(async ([a, p]) => {
  const xt = (window as unknown as { xt: Xt }).xt
  try { return { ok: await xt.call(a as string, p as object) as Record<string, unknown> } } catch (e) { return { error: (e as { code?: string }).code ?? String(e) } }
}, [api, params] as const)

test.describe('an external-URL micro-app', () => {
  test.skip(({ isMobile }) => isMobile, 'browser containment is the same on both viewports; run once')
  // One worker for the three: they share the stand-in site's port.
  test.describe.configure({ mode: 'serial' })

  test('is framed from its own origin in the same sandbox; it cannot reach the host, and only its own frame is answered', async ({ page }) => {
    await signIn(page, 'ndrchead')
    const response = await page.goto(`/apps/${EXTERNAL}/open`)
    // Its origin is in this page's frame-src only, not in another app's page.
    expect(response!.headers()['content-security-policy']).toMatch(new RegExp(`frame-src [^;]*${site.replace(/[.:/]/g, '\\$&')}`))
    const other = await page.request.get('/apps/cn.gov.taihe.canteen/open')
    expect(other.headers()['content-security-policy']).not.toContain(site)
    const frame = await openApp(page, EXTERNAL)
    expect(new URL(frame.url()).origin).toBe(site)
    const bridge: { appId: string; api: string }[] = []
    page.on('request', (r) => { if (r.url().endsWith('/api/microapps/bridge')) bridge.push(r.postDataJSON()) })

    const outcome = await frame.evaluate(async (platform) => {
      const attempt = (f: () => unknown) => { try { return `got:${String(f())}` } catch (e) { return `blocked:${(e as Error).name}` } }
      const fetched = await fetch(`${platform}/api/inbox/count`, { credentials: 'include' }).then((r) => `got:${r.status}`, (e) => `blocked:${(e as Error).name}`)
      return {
        origin: window.origin,
        ownCookie: attempt(() => document.cookie),
        parentDom: attempt(() => window.parent.document.body.innerHTML.length),
        parentCookie: attempt(() => window.parent.document.cookie),
        top: attempt(() => { window.top!.location.href = 'https://evil.example/'; return 'assigned' }),
        popup: attempt(() => window.open('https://evil.example/', '_blank')),
        fetched,
      }
    }, new URL(baseURL).origin)
    expect(outcome).toMatchObject({ origin: 'null', ownCookie: expect.stringMatching(/^blocked/), parentDom: expect.stringMatching(/^blocked/), parentCookie: expect.stringMatching(/^blocked/), popup: 'got:null', fetched: 'blocked:TypeError' })
    expect(page.url()).toContain(`/apps/${EXTERNAL}/open`)

    // The bridge answers it like a bundled app, under its own id whatever the message says.
    expect(await callIn(frame, 'getLoginUser', { appId: 'cn.gov.taihe.canteen' })).toMatchObject({ ok: { name: '孙立平' } })
    expect(bridge.every((b) => b.appId === EXTERNAL)).toBe(true)
    // A page the app frames inside itself posts straight to the platform's window: ignored (its window is not the app's frame).
    const before = bridge.length
    await frame.evaluate((url) => new Promise<void>((resolve) => {
      const child = document.createElement('iframe')
      child.src = url
      child.onload = () => resolve()
      document.body.append(child)
    }), `${site}/child.html`)
    const child = frame.childFrames()[0]!
    await child.evaluate(() => window.top!.postMessage({ xt: 1, id: 'forged-child', api: 'setBadge', params: { count: 99 } }, '*'))
    expect(await callIn(child, 'ready')).toEqual({ error: 'timeout' })
    await callIn(frame, 'getLoginUser')
    expect(bridge.slice(before).map((b) => b.api)).toEqual(['getLoginUser'])
    await page.goto('/')
    await expect(page.getByRole('link', { name: /外部恶意测试应用/ }).locator('.badge')).toHaveCount(0)
  })

  test('uploadFile and chooseImage: the platform checks the bytes, asks consent once, and gives a reference the app can fetch', async ({ page }, testInfo) => {
    await signIn(page, 'dphead')
    const frame = await openApp(page, EXTERNAL)
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#b91c1c' } }).png().toBuffer()
    const asked = frame.evaluate(async (b64) => {
      const xt = (window as unknown as { xt: { uploadFile: (o: object) => Promise<{ url: string; type: string; size: number }> } }).xt
      const ref = await xt.uploadFile({ name: '图表.png', content: b64 })
      const bytes = new Uint8Array(await (await fetch(ref.url)).arrayBuffer())
      const wrongKey = await fetch(ref.url.replace(/\/[\w-]+$/, '/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).then((r) => r.status)
      return { type: ref.type, size: ref.size, fetched: bytes.length, head: Array.from(bytes.subarray(0, 4)), wrongKey }
    }, png.toString('base64'))
    await page.getByTestId('microapp-consent').getByRole('button', { name: '同意' }).click()
    expect(await asked).toEqual({ type: 'image/png', size: png.length, fetched: png.length, head: [0x89, 0x50, 0x4e, 0x47], wrongKey: 404 })
    // A name and a declared type do not make an image: the bytes do.
    expect(await callIn(frame, 'uploadFile', { name: 'photo.png', content: btoa('<script>alert(1)</script>') })).toEqual({ error: 'microapp.file_type' })

    // chooseImage: the platform's own picker on the platform's page.
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#1f2933' } }).jpeg().toBuffer()
    const chosen = callIn(frame, 'chooseImage', { count: 1 })
    const picker = page.getByTestId('microapp-image-picker')
    await picker.getByLabel(/选择图片/).setInputFiles({ name: '现场.jpg', mimeType: 'image/jpeg', buffer: jpeg })
    await page.screenshot({ path: testInfo.outputPath('choose-image.png') })
    await picker.getByRole('button', { name: '上传' }).click()
    expect(await chosen).toMatchObject({ ok: { files: [{ name: '现场.jpg', type: 'image/jpeg', size: jpeg.length }] } })
    const disguised = callIn(frame, 'chooseImage')
    await picker.getByLabel(/选择图片/).setInputFiles({ name: '伪装.png', mimeType: 'image/png', buffer: Buffer.from('MZ not an image at all') })
    await picker.getByRole('button', { name: '上传' }).click()
    expect(await disguised).toEqual({ error: 'microapp.file_type' })
    const cancelled = callIn(frame, 'chooseImage')
    await picker.getByRole('button', { name: '取消' }).click()
    expect(await cancelled).toEqual({ error: 'cancelled' })
  })

  test('scan: the platform’s camera scanner reads a QR code for an app with the scope; an app without it is refused before any camera', async ({ page }, testInfo) => {
    test.setTimeout(120_000)
    await signIn(page, 'dpemhead')
    // The hostile bundled app does not ask for scan: refused, and no scanner opens.
    const hostile = await openApp(page, HOSTILE)
    expect(await callIn(hostile, 'scan')).toEqual({ error: 'microapp.scope_not_granted' })
    await expect(page.getByTestId('microapp-scanner')).toHaveCount(0)

    // Chromium's fake camera plays an MJPEG of a QR code (as meetings.spec.ts does for check-in).
    const text = `XT-ASSET-${testInfo.workerIndex}-0042`
    const qr = await QRCode.toBuffer(text, { margin: 4, width: 320 })
    const frameJpeg = await sharp(qr).flatten({ background: '#fff' }).jpeg({ quality: 95 }).toBuffer()
    const video = testInfo.outputPath('scan.mjpeg')
    writeFileSync(video, Buffer.concat(Array.from({ length: 10 }, () => frameJpeg)))
    const launch = testInfo.project.use.launchOptions ?? {}
    const camera = await chromium.launch({ ...launch, args: [...(launch.args ?? []), '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`] })
    try {
      const context = await camera.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
      const phone = await context.newPage()
      await signIn(phone, 'dpemhead')
      const frame = await openApp(phone, EXTERNAL)
      const scanned = callIn(frame, 'scan')
      await expect(phone.getByTestId('microapp-scanner')).toBeVisible()
      const consent = phone.getByTestId('microapp-consent')
      // The scope's consent is asked once, when the scanner's text goes to the server (an early answer would be a failure: shown).
      const early = await Promise.race([scanned.then((r) => ({ early: r })), consent.waitFor({ timeout: 40_000 }).then(() => null)])
      expect(early).toBeNull()
      await phone.screenshot({ path: testInfo.outputPath('scan-consent.png') })
      await consent.getByRole('button', { name: '同意' }).click()
      expect(await scanned).toEqual({ ok: { text } })
      await expect(phone.getByTestId('microapp-scanner')).toHaveCount(0)
    } finally {
      await camera.close()
    }
  })
})
