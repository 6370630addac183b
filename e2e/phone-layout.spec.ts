import { expect, test, type Page } from '@playwright/test'
import { baseURL } from './support/env.ts'
import { personPage } from './support/people.ts'
import { createDraft } from './support/helpers.ts'

const phone = { width: 390, height: 844 }
const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!
/** The page is no wider than the screen (and the phone did not zoom out to fit a wider page). */
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth && window.innerWidth === screen.width)

test('on a phone the decision comes after the text, and the editor toolbar is one row that never covers it', async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'phone layout (the desktop project takes the desktop screenshots below)')
  const title = `关于进一步加强政务信息报送工作的通知（${Date.now() % 100000}）`
  const drafter = await personPage(browser, testInfo, 'drafter')
  await createDraft(drafter, title)
  const url = drafter.url()
  await expect(drafter.getByTestId('editor-status')).toHaveText('已连接 · 已保存')
  await drafter.getByTestId('doc-body').click()
  for (let i = 1; i <= 12; i++) {
    await drafter.keyboard.insertText(`第${i}段：各单位要高度重视政务信息报送工作，明确专人负责，及时准确报送重要信息。`)
    await drafter.keyboard.press('Enter')
  }
  await drafter.getByTestId('submit-draft').click()
  await drafter.getByRole('dialog').getByTestId('confirm-action').click()
  await expect(drafter.getByTestId('document-step')).toHaveText('核稿')

  const head = await personPage(browser, testInfo, 'head', 'phone')
  await head.goto(url)
  await expect(head.getByTestId('editor-status')).toHaveText('已连接 · 已保存')
  await expect(head.locator('.toolbar')).toBeVisible()
  await head.screenshot({ path: testInfo.outputPath('document-phone.png'), fullPage: true })

  // The decision follows the text, in the page's order and on screen.
  const decision = head.locator('.action-panel')
  await expect(decision).toBeVisible()
  const follows = await decision.evaluate((panel) => {
    const body = document.querySelector('[data-testid="doc-body"]')!
    return !!(body.compareDocumentPosition(panel) & Node.DOCUMENT_POSITION_FOLLOWING)
  })
  expect(follows).toBe(true)
  const bodyBox = await box(head, '[data-testid="doc-body"]')
  expect((await decision.boundingBox())!.y).toBeGreaterThanOrEqual(bodyBox.y + bodyBox.height)

  // The toolbar: one row (every button on the same line, scrolling sideways), above the text.
  const toolbar = await box(head, '.toolbar')
  const tool = await box(head, '.toolbar .tool')
  expect(toolbar.height).toBeLessThan(tool.height * 2)
  const tops = await head.locator('.toolbar .tool').evaluateAll((tools) => [...new Set(tools.map((t) => Math.round(t.getBoundingClientRect().top)))])
  expect(tops).toHaveLength(1)
  expect(toolbar.y + toolbar.height).toBeLessThanOrEqual(bodyBox.y)
  expect(await noSidewaysScroll(head)).toBe(true)

  // Scrolled into the text, the toolbar sticks right under the top bar, not under or over it.
  await head.evaluate((y) => window.scrollTo(0, y), bodyBox.y + 300)
  await expect.poll(async () => (await box(head, '.toolbar')).y).toBeLessThan(toolbar.y)
  const topbar = await box(head, '.topbar')
  const stuck = await box(head, '.toolbar')
  expect(stuck.y).toBeGreaterThanOrEqual(topbar.y + topbar.height - 1)
  expect(stuck.y).toBeLessThanOrEqual(topbar.y + topbar.height + 16)
  await head.screenshot({ path: testInfo.outputPath('document-phone-scrolled.png') })
})

test('a long unit name never makes the directory or the units page scroll sideways', async ({ browser }, testInfo) => {
  const admin = await personPage(browser, testInfo, 'admin')
  await admin.goto('/admin/units')
  const rootHref = await admin.locator('.tree a').first().getAttribute('href')
  const rootId = new URL(rootHref!, baseURL).searchParams.get('unit')!
  // Chinese wraps between any two characters; a Latin or digit run (a code in the name) does not.
  const name = `泰和市政务数据共享协调办公室TaiheDataSharingOffice${testInfo.project.name === 'phone' ? 'P' : 'D'}${String(Date.now() % 100000).padStart(5, '0')}`
  expect(name.length).toBeGreaterThanOrEqual(40)
  const csrf = (await admin.context().cookies()).find((c) => c.name.endsWith('xt_csrf'))!.value
  // Through the browser's own fetch: it retries on a kept-alive socket the server had just closed
  // (the request context answered ECONNRESET once under load).
  const created = await admin.evaluate(async ({ parentId, name, csrf }) => {
    const response = await fetch('/api/admin/units', {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ parentId, name, shortName: name.slice(0, 20), kind: 'DEPARTMENT' }),
    })
    return { ok: response.ok, body: await response.text() }
  }, { parentId: rootId, name, csrf })
  expect(created.ok, created.body).toBeTruthy()
  const { unit } = JSON.parse(created.body) as { unit: { id: string } }

  for (const size of [phone, { width: 1366, height: 860 }]) {
    await admin.setViewportSize(size)
    const tag = size === phone ? 'phone' : 'desktop'
    for (const [page, path] of [['admin-units', `/admin/units?unit=${unit.id}`], ['directory', `/directory?unit=${unit.id}`]] as const) {
      await admin.goto(path)
      await expect(admin.locator('.tree a[aria-current="true"]')).toContainText(name.slice(0, 10))
      await admin.screenshot({ path: testInfo.outputPath(`${page}-${tag}.png`), fullPage: true })
      expect(await noSidewaysScroll(admin), `${path} at ${size.width}px`).toBe(true)
    }
  }
})

test('desktop screenshots of a document page', async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the phone is the first test')
  const drafter = await personPage(browser, testInfo, 'drafter')
  await createDraft(drafter, `关于做好年度总结工作的通知（${Date.now() % 100000}）`)
  await expect(drafter.getByTestId('editor-status')).toHaveText('已连接 · 已保存')
  await drafter.getByTestId('doc-body').click()
  await drafter.keyboard.insertText('各单位要认真总结全年工作。')
  await drafter.getByTestId('submit-draft').click()
  await drafter.getByRole('dialog').getByTestId('confirm-action').click()
  await expect(drafter.getByTestId('document-step')).toHaveText('核稿')
  const head = await personPage(browser, testInfo, 'head')
  await head.goto(drafter.url())
  await expect(head.getByTestId('editor-status')).toHaveText('已连接 · 已保存')
  await expect(head.locator('.action-panel')).toBeVisible()
  await head.screenshot({ path: testInfo.outputPath('document-desktop.png'), fullPage: true })
  expect(await noSidewaysScroll(head)).toBe(true)
})
