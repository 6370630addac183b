import type { Page } from '@playwright/test'
import { expect, test } from './support/csp.ts'
import { signInWithForm, createDraft } from './support/helpers.ts'

/** Every script on the page carries this response's nonce (the `nonce` property: the attribute is hidden once parsed). */
async function scriptsHaveNonce(page: Page, nonce: string) {
  const nonces = await page.$$eval('script', (scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce))
  expect(nonces.length).toBeGreaterThan(0)
  expect(new Set(nonces)).toEqual(new Set([nonce]))
}

function nonceOf(csp: string | undefined): string {
  const nonce = /'nonce-([^']+)'/.exec(csp ?? '')?.[1]
  expect(nonce, csp).toBeTruthy()
  return nonce!
}

test('sign-in, workbench and a document with the co-editor load under the CSP; the service worker and the editor’s socket work', async ({ page }, testInfo) => {
  const signInPage = await page.goto('/sign-in')
  const csp = signInPage!.headers()['content-security-policy']
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).toContain("'strict-dynamic'")
  expect(csp).toMatch(/connect-src 'self' ws:\/\/localhost:\d+/)
  expect(csp).not.toContain('unsafe-eval')
  await scriptsHaveNonce(page, nonceOf(csp))
  const again = await page.request.get('/sign-in')
  expect(nonceOf(again.headers()['content-security-policy'])).not.toBe(nonceOf(csp))

  await signInWithForm(page, 'drafter')
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('张伟')
  // The PWA's service worker registers and activates under worker-src 'self'.
  expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).toMatch(/\/sw\.js$/)

  await createDraft(page, `关于内容安全策略检查的通知（${testInfo.project.name}-${Date.now() % 100000}）`)
  // The editor's WebSocket to the co-editing server is allowed by connect-src: it connects and stores.
  await expect(page.getByTestId('editor-status')).toHaveText('已连接 · 已保存')
  await page.getByTestId('doc-body').click()
  await page.keyboard.type('各单位：')
  await expect(page.getByTestId('editor-status')).toHaveText('已连接 · 已保存')
  await page.reload()
  await expect(page.getByTestId('doc-body')).toContainText('各单位：')
})

test('API answers are not cached and a foreign page cannot frame the platform', async ({ page }) => {
  await signInWithForm(page, 'drafter')
  await expect(page).toHaveURL(/\/$/)
  const inbox = await page.request.get('/api/inbox/count')
  expect(inbox.ok()).toBeTruthy()
  expect(inbox.headers()['cache-control']).toBe('no-store')
  const home = await page.request.get('/')
  expect(home.headers()['content-security-policy']).toContain("frame-ancestors 'none'")
})
