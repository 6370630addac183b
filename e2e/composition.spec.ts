import { expect, test, type CDPSession, type Page } from '@playwright/test'
import { personPage } from './support/people.ts'
import { createDraft } from './support/helpers.ts'

const body = (page: Page) => page.getByTestId('doc-body')

/** The body's text without other people's carets (their name labels sit in the DOM at their cursor). */
const bodyText = (page: Page) => body(page).evaluate((el) => {
  const copy = el.cloneNode(true) as HTMLElement
  copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove())
  return copy.textContent
})

/**
 * Write down every text the body shows, after each change (a MutationObserver runs after each task,
 * so after each update that arrives), to prove afterwards that a state was never shown.
 */
async function recordTexts(page: Page) {
  await body(page).evaluate((el) => {
    const seen: string[] = []
    ;(window as unknown as { seenTexts: string[] }).seenTexts = seen
    new MutationObserver(() => {
      const copy = el.cloneNode(true) as HTMLElement
      copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove())
      seen.push(copy.textContent ?? '')
    }).observe(el, { childList: true, subtree: true, characterData: true })
  })
  return () => page.evaluate(() => (window as unknown as { seenTexts: string[] }).seenTexts)
}

/** Compose pinyin letter by letter, as a Chinese input method does. */
async function compose(cdp: CDPSession, pinyin: string) {
  for (let i = 1; i <= pinyin.length; i++) {
    await cdp.send('Input.imeSetComposition', { text: pinyin.slice(0, i), selectionStart: i, selectionEnd: i })
  }
}

test('the pinyin an input method composes stays on the typist’s screen; others see only the committed characters', async ({ browser }, testInfo) => {
  const title = `关于落实重点任务的通知（${testInfo.project.name}-${Date.now() % 100000}）`
  const zhang = await personPage(browser, testInfo, 'drafter')
  await createDraft(zhang, title)
  await zhang.getByRole('searchbox', { name: '共同起草人' }).fill('李娜')
  await zhang.getByRole('button', { name: /李娜/ }).click()
  await expect(zhang.getByText('李娜').first()).toBeVisible()
  await expect(zhang.getByTestId('editor-status')).toHaveText('已连接 · 已保存')

  const li = await personPage(browser, testInfo, 'drafter2')
  await li.goto(zhang.url())
  await expect(li.getByTestId('editor-status')).toHaveText('已连接 · 已保存')
  await expect(zhang.getByTestId('editor-peers')).toContainText('李娜')
  const seenByZhang = await recordTexts(zhang)

  await body(li).click()
  await li.keyboard.insertText('各单位要')
  await expect.poll(() => bodyText(zhang)).toBe('各单位要')

  const cdp = await li.context().newCDPSession(li)
  const holding = li.locator('.coeditor')

  // 中: composed as "zhong", committed.
  await compose(cdp, 'zhong')
  await expect(body(li)).toContainText('各单位要zhong')
  await expect(holding).not.toHaveAttribute('data-holding', '0')
  await cdp.send('Input.insertText', { text: '中' })
  await expect(holding).toHaveAttribute('data-holding', '0')
  await expect.poll(() => bodyText(zhang)).toBe('各单位要中')

  // "shixian", then Escape: the input method drops the composition; nothing reaches anyone.
  await compose(cdp, 'shixian')
  await expect(body(li)).toContainText('各单位要中shixian')
  await expect(holding).not.toHaveAttribute('data-holding', '0')
  await li.keyboard.press('Escape')
  await cdp.send('Input.imeSetComposition', { text: '', selectionStart: 0, selectionEnd: 0 })
  await expect(holding).toHaveAttribute('data-holding', '0')
  await expect.poll(() => bodyText(li)).toBe('各单位要中')

  // "shixian" again, committed as 实现.
  await compose(cdp, 'shixian')
  await expect(holding).not.toHaveAttribute('data-holding', '0')
  await cdp.send('Input.insertText', { text: '实现' })
  await cdp.detach()
  await expect(holding).toHaveAttribute('data-holding', '0')

  // 张伟 has everything 李娜 sent (updates arrive in order, so any pinyin would have come before),
  // and never showed a Latin letter on the way.
  await expect.poll(() => bodyText(zhang)).toBe('各单位要中实现')
  expect(await bodyText(li)).toBe('各单位要中实现')
  const seen = await seenByZhang()
  expect(seen.length).toBeGreaterThan(0)
  expect(seen.filter((text) => /[a-z]/i.test(text))).toEqual([])
})
