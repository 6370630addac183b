import { expect, type Page } from '@playwright/test'
import { test } from './support/csp.ts'
import { personPage } from './support/people.ts'
import { createDraft } from './support/helpers.ts'

// 张伟 (drafter) and 李娜 (drafter2) chat in a group 张伟 makes for each test, so the desktop and phone
// projects (running at once with the same accounts) never see each other's messages.
async function newGroup(zhang: Page, title: string) {
  await zhang.goto('/messages')
  await zhang.getByRole('button', { name: '发起群聊' }).click()
  await zhang.getByLabel('群名称').fill(title)
  await zhang.getByRole('searchbox', { name: '成员' }).fill('李娜')
  await zhang.getByRole('button', { name: /李娜/ }).click()
  await zhang.getByRole('button', { name: '创建', exact: true }).click()
  await expect(zhang.getByRole('heading', { name: title })).toBeVisible()
  await expect(zhang.getByTestId('live-status')).toHaveText('已连接')
}

const message = (page: Page, text: string) => page.getByTestId('message').filter({ hasText: text })

test('two people chat live: read receipts, an @mention in the inbox, recall', async ({ browser }, testInfo) => {
  const tag = `${testInfo.project.name}-${Date.now() % 100000}`
  const zhang = await personPage(browser, testInfo, 'drafter')
  const li = await personPage(browser, testInfo, 'drafter2', 'phone')
  await newGroup(zhang, `专班${tag}`)
  const url = zhang.url()

  // 李娜 is on the list: the new message arrives live with an unread count.
  await li.goto('/messages')
  await expect(li.locator('.messenger')).toHaveAttribute('data-status', 'connected')
  await zhang.getByTestId('composer').fill(`大家好 ${tag}`)
  await zhang.getByTestId('composer').press('Enter')
  await expect(message(zhang, `大家好 ${tag}`).getByTestId('receipt')).toHaveText('1 人未读')
  const row = li.getByTestId('conversation').filter({ hasText: `专班${tag}` })
  await expect(row.getByTestId('unread')).toHaveText('1')

  // She opens it: the sender's receipt turns to read, live.
  await row.click()
  await expect(message(li, `大家好 ${tag}`)).toBeVisible()
  await expect(message(zhang, `大家好 ${tag}`).getByTestId('receipt')).toHaveText('全部已读')

  // She answers; it arrives on 张伟's screen without a reload.
  await li.getByTestId('composer').fill('收到，马上看')
  await li.getByTestId('send').click()
  await expect(message(zhang, '收到，马上看')).toBeVisible()

  // @李娜: picked from the members, becomes a 待阅 in her inbox.
  await zhang.getByTestId('composer').fill('@李')
  await zhang.getByRole('button', { name: '@李娜' }).click()
  await zhang.getByTestId('composer').pressSequentially(`请审核预算 ${tag}`)
  await zhang.getByTestId('composer').press('Enter')
  await expect(message(li, `请审核预算 ${tag}`)).toBeVisible()
  const inbox = await personPage(browser, testInfo, 'drafter2')
  await inbox.goto('/inbox?view=toread')
  await expect(inbox.getByText(`@李娜 请审核预算 ${tag}`)).toBeVisible()

  // Recall within two minutes: both see that it was recalled, neither sees the text.
  await message(zhang, `请审核预算 ${tag}`).locator('.bubble').click()
  await zhang.getByRole('button', { name: '撤回' }).click()
  await expect(zhang.getByTestId('recalled').last()).toHaveText('你撤回了一条消息')
  await expect(li.getByTestId('recalled').last()).toHaveText('张伟 撤回了一条消息')
  await expect(li.getByText(`请审核预算 ${tag}`)).toHaveCount(0)

  // Search finds a two-character word in her conversations, shown in context.
  await li.goto('/messages')
  await li.getByRole('searchbox', { name: '搜索消息' }).fill(tag)
  await li.getByRole('searchbox', { name: '搜索消息' }).press('Enter')
  await expect(li.getByTestId('search-result').first()).toContainText(`大家好 ${tag}`)
  await li.getByTestId('search-result').first().click()
  await expect(li).toHaveURL(new RegExp(`${url.split('/messages/')[1]}\\?seq=1`))
})

test('Enter during an input method’s composition never sends; the committed characters do', async ({ browser }, testInfo) => {
  const tag = `${testInfo.project.name}-${Date.now() % 100000}`
  const zhang = await personPage(browser, testInfo, 'drafter')
  await newGroup(zhang, `输入法${tag}`)
  const li = await personPage(browser, testInfo, 'drafter2')
  await li.goto(zhang.url())
  await expect(li.getByTestId('live-status')).toHaveText('已连接')

  const box = zhang.getByTestId('composer')
  await box.click()
  const cdp = await zhang.context().newCDPSession(zhang)
  for (const pinyin of ['y', 'yu', 'yus', 'yusu', 'yusua', 'yusuan']) await cdp.send('Input.imeSetComposition', { text: pinyin, selectionStart: pinyin.length, selectionEnd: pinyin.length })
  // The Enter an input method takes (to pick the candidate) while composing: the page sees keydown Enter with isComposing.
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 })
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 })
  await cdp.send('Input.insertText', { text: '预算' })
  await expect(box).toHaveValue('预算')
  await expect(zhang.getByTestId('pending')).toHaveCount(0)
  await expect(zhang.getByTestId('message')).toHaveCount(0)
  await box.press('Enter')
  await expect(message(li, '预算')).toBeVisible()
  await expect(li.getByTestId('message')).toHaveCount(1)
  await expect(li.getByText('yusuan')).toHaveCount(0)

  // Shift+Enter is a new line, not a send.
  await box.fill('第一行')
  await box.press('Shift+Enter')
  await box.pressSequentially('第二行')
  await expect(li.getByTestId('message')).toHaveCount(1)
  await box.press('Enter')
  await expect(message(li, '第二行')).toContainText('第一行')
})

test('a phone offline keeps two messages and sends each once when it is back', async ({ browser }, testInfo) => {
  const tag = `${testInfo.project.name}-${Date.now() % 100000}`
  const zhang = await personPage(browser, testInfo, 'drafter')
  await newGroup(zhang, `离线${tag}`)
  const phone = await personPage(browser, testInfo, 'drafter2', 'phone')
  await phone.goto(zhang.url())
  await expect(phone.getByTestId('live-status')).toHaveText('已连接')

  await phone.context().setOffline(true)
  for (const text of [`离线一 ${tag}`, `离线二 ${tag}`]) {
    await phone.getByTestId('composer').fill(text)
    await phone.getByTestId('send').click()
  }
  await expect(phone.getByTestId('pending')).toHaveCount(2)
  // Kept on the device: a reload while offline would lose nothing (localStorage).
  expect(await phone.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('xt-messaging-outbox:')).map((k) => JSON.parse(localStorage.getItem(k)!).length))).toEqual([2])

  await phone.context().setOffline(false)
  await expect(phone.getByTestId('pending')).toHaveCount(0)
  for (const text of [`离线一 ${tag}`, `离线二 ${tag}`]) {
    await expect(message(zhang, text)).toHaveCount(1)
    await expect(message(phone, text)).toHaveCount(1)
  }
  await zhang.reload()
  for (const text of [`离线一 ${tag}`, `离线二 ${tag}`]) await expect(message(zhang, text)).toHaveCount(1)
  const seqs = await zhang.getByTestId('message').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))))
  expect(seqs).toEqual([1, 2])
})

test('an image message: uploaded, shown as a thumbnail to the other member, opened full size', async ({ browser }, testInfo) => {
  const tag = `${testInfo.project.name}-${Date.now() % 100000}`
  const zhang = await personPage(browser, testInfo, 'drafter')
  await newGroup(zhang, `图片${tag}`)
  const li = await personPage(browser, testInfo, 'drafter2')
  await li.goto(zhang.url())
  await expect(li.getByTestId('live-status')).toHaveText('已连接')
  // A 64×48 red PNG.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAIAAAAuKetIAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAf0lEQVRoge2SQQkAQRDDquJ+9W8lsk5GGLYQAUlp+Hqa6AYsoPqK7EK9S3QDFlB9RXah3iW6AQuoviK7UO8S3YAFVF+RXah3iW7AAqqvyC7Uu0Q3YAHVV2QX6l2iG7CA6iuyC/Uu0Q1YQPUV2YV6l+gGLKD6iuxCvUt0Ax4P+AECqcSmPHbWyQAAAABJRU5ErkJggg==', 'base64')
  await zhang.getByTestId('attach').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: png })
  const image = li.getByRole('img', { name: '现场照片.png' })
  await expect(image).toBeVisible()
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
  // A file whose bytes are not what its name says is refused.
  zhang.once('dialog', (d) => void d.accept())
  await zhang.getByTestId('attach').setInputFiles({ name: '伪装.png', mimeType: 'image/png', buffer: Buffer.from('MZ not an image') })
  await expect(li.getByTestId('message')).toHaveCount(1)
})

test('a document’s thread is for the people who may see the document, and no one else', async ({ browser }, testInfo) => {
  const title = `关于讨论机制的通知（${testInfo.project.name}-${Date.now() % 100000}）`
  const zhang = await personPage(browser, testInfo, 'drafter')
  await createDraft(zhang, title)
  const documentUrl = zhang.url()
  await zhang.getByTestId('object-thread').click()
  await expect(zhang.getByRole('heading', { name: title })).toBeVisible()
  await expect(zhang.getByText(/公文讨论 · 成员（\d+）/)).toBeVisible()
  const threadUrl = zhang.url()

  // 李娜 is not on the draft: the thread does not exist for her.
  const li = await personPage(browser, testInfo, 'drafter2')
  await li.goto(threadUrl)
  await expect(li.getByRole('heading', { name: '页面不存在' })).toBeVisible()

  // Invited as a co-drafter, she is in the thread (computed from the document, not copied).
  await zhang.goto(documentUrl)
  await zhang.getByRole('searchbox', { name: '共同起草人' }).fill('李娜')
  await zhang.getByRole('button', { name: /李娜/ }).click()
  await expect(zhang.getByText('李娜').first()).toBeVisible()
  // (The co-drafter is saved by a request of its own: the page may answer before it lands.)
  await expect(async () => {
    await li.goto(threadUrl)
    await expect(li.getByRole('heading', { name: title })).toBeVisible({ timeout: 2000 })
  }).toPass()
  await expect(li.getByTestId('live-status')).toHaveText('已连接')
})
