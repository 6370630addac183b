import type { Page } from '@playwright/test'
import { expect, test } from './support/csp.ts'
import { personPage } from './support/people.ts'
import { createDraft } from './support/helpers.ts'

const body = (page: Page) => page.getByTestId('doc-body')

/**
 * The body's text without other people's carets: their name labels are in the DOM, wherever their
 * cursor is, so text assertions read this rather than the element's text.
 */
const bodyText = (page: Page) => body(page).evaluate((el) => {
  const copy = el.cloneNode(true) as HTMLElement
  copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove())
  return copy.textContent
})

/**
 * Type through the input method path, as a Chinese IME does (CDP): the pinyin is composed letter by
 * letter, `meanwhile` runs in the middle of the composition (a remote edit arriving), then the
 * characters are committed.
 */
async function typeWithIme(page: Page, pinyin: string, text: string, meanwhile: () => Promise<void>) {
  const cdp = await page.context().newCDPSession(page)
  const half = Math.ceil(pinyin.length / 2)
  for (let i = 1; i <= pinyin.length; i++) {
    await cdp.send('Input.imeSetComposition', { text: pinyin.slice(0, i), selectionStart: i, selectionEnd: i })
    if (i === half) await meanwhile()
  }
  await cdp.send('Input.insertText', { text })
  await cdp.detach()
}

test('two people co-edit a draft in Chinese, one offline for a while; history shows both; a version is restored', async ({ browser }, testInfo) => {
  const title = `关于做好冬季安全生产工作的通知（${testInfo.project.name}-${Date.now() % 100000}）`
  const a = await personPage(browser, testInfo, 'drafter')
  await createDraft(a, title)
  const url = a.url()

  // Invite the colleague as co-drafter.
  await a.getByRole('searchbox', { name: '共同起草人' }).fill('李娜')
  await a.getByRole('button', { name: /李娜/ }).click()
  await expect(a.getByText('李娜').first()).toBeVisible()

  await expect(a.getByTestId('editor-status')).toHaveText('已连接 · 已保存')
  await body(a).click()
  await a.keyboard.insertText('各县（区）人民政府，市政府各部门：')
  await a.keyboard.press('Enter')

  const b = await personPage(browser, testInfo, 'drafter2')
  await b.goto(url)
  await expect(b.getByTestId('editor-status')).toHaveText('已连接 · 已保存')
  await expect.poll(() => bodyText(b)).toContain('各县（区）人民政府，市政府各部门：')

  // B types through a Chinese input method; A's edit arrives in the middle of B's composition (B's
  // editor holds it until the composition ends). Both texts arrive whole, no stray pinyin is left.
  await body(b).click()
  await b.keyboard.press('ControlOrMeta+End')
  // Nobody sees their own name drawn at their cursor (it would sit inside the text being composed).
  await expect(b.locator('.collaboration-carets__label', { hasText: '张伟' })).toBeVisible()
  await expect(b.locator('.collaboration-carets__label', { hasText: '李娜' })).toHaveCount(0)
  await typeWithIme(b, 'weizuohao', '为做好今冬明春安全生产工作，', async () => {
    await a.keyboard.insertText('现将有关事项通知如下。')
    await expect(b.locator('.coeditor')).not.toHaveAttribute('data-held', '0')
  })
  await expect.poll(() => bodyText(b)).toContain('现将有关事项通知如下。')
  await expect.poll(() => bodyText(a)).toContain('为做好今冬明春安全生产工作，')
  for (const page of [a, b]) {
    const text = await bodyText(page)
    expect(text).not.toMatch(/[a-z]/)
    expect(text!.split('为做好今冬明春安全生产工作，')).toHaveLength(2)
  }
  // Each sees the other's named caret.
  await expect(a.locator('.collaboration-carets__label', { hasText: '李娜' })).toBeVisible()
  await expect(a.getByTestId('editor-peers')).toContainText('李娜')

  // A names this state.
  await a.getByPlaceholder('版本名称').fill('初稿')
  await a.getByRole('button', { name: '保存版本' }).click()
  await expect(a.getByTestId('versions')).toContainText('初稿')

  // B loses the network, keeps typing; A types too; B comes back and everything merges.
  await b.context().setOffline(true)
  await expect(b.getByTestId('editor-status')).toHaveAttribute('data-state', 'offline')
  await body(b).click()
  await b.keyboard.press('ControlOrMeta+End')
  await b.keyboard.press('Enter')
  await b.keyboard.insertText('一是压实安全生产责任。')
  await expect(b.getByTestId('editor-status')).toContainText('已保存在本机')
  await body(a).click()
  await a.keyboard.press('ControlOrMeta+End')
  await a.keyboard.press('Enter')
  await a.keyboard.insertText('二是加强隐患排查治理。')
  await expect.poll(() => bodyText(b)).not.toContain('二是加强隐患排查治理。')
  await b.context().setOffline(false)
  await expect(b.getByTestId('editor-status')).toHaveText('已连接 · 已保存')
  for (const page of [a, b]) {
    await expect.poll(() => bodyText(page)).toContain('一是压实安全生产责任。')
    await expect.poll(() => bodyText(page)).toContain('二是加强隐患排查治理。')
  }
  expect(await bodyText(a)).toBe(await bodyText(b))

  // History: comparing 初稿 with now shows both people's insertions, each by name.
  await a.reload()
  const versions = a.getByTestId('versions')
  await versions.getByRole('listitem').filter({ hasText: '初稿' }).getByRole('button', { name: '与当前比较' }).click()
  const view = a.getByTestId('version-view')
  await expect(view).toContainText('张伟')
  await expect(view).toContainText('李娜')
  await expect(view.locator('ins[data-author="李娜"]')).toContainText('一是压实安全生产责任。')
  await expect(view.locator('ins[data-author="张伟"]')).toContainText('二是加强隐患排查治理。')

  // Restore 初稿: both editors go back to it, and the history keeps everything.
  a.once('dialog', (dialog) => void dialog.accept())
  await versions.getByRole('listitem').filter({ hasText: '初稿' }).getByRole('button', { name: '恢复为当前版本' }).click()
  await expect(a.getByRole('status').filter({ hasText: '已恢复为新版本' })).toBeVisible()
  for (const page of [a, b]) {
    await expect.poll(() => bodyText(page)).not.toContain('一是压实安全生产责任。')
    await expect.poll(() => bodyText(page)).toContain('为做好今冬明春安全生产工作，')
  }
  await a.reload()
  await expect(a.getByTestId('versions')).toContainText('恢复')
})
