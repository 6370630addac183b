import { expect, test, type Browser, type TestInfo } from '@playwright/test'
import { signIn } from './support/helpers.ts'

async function personPage(browser: Browser, testInfo: TestInfo, account: string) {
  const { viewport, deviceScaleFactor, isMobile, hasTouch, locale, timezoneId, baseURL } = testInfo.project.use
  const context = await browser.newContext({ viewport, deviceScaleFactor, isMobile, hasTouch, locale, timezoneId, baseURL })
  const page = await context.newPage()
  await signIn(page, account)
  return page
}

const badgeCount = async (page: import('@playwright/test').Page) => {
  const badge = page.getByTestId('inbox-badge').filter({ visible: true }).first()
  return (await badge.count()) ? Number(await badge.textContent()) : 0
}

test('a leader sends an urgent notice to a unit; two recipients read it; the leader sees who has read it', async ({ browser }, testInfo) => {
  const title = `关于做好寒潮防范工作的紧急通知（${testInfo.project.name}-${Date.now() % 100000}）`
  const clerk = await personPage(browser, testInfo, 'clerk')
  await clerk.goto('/')
  const before = await badgeCount(clerk)

  const leader = await personPage(browser, testInfo, 'leader')
  await leader.goto('/notices/new')
  await leader.getByLabel('标题').fill(title)
  await leader.getByLabel('内容').fill('请各单位立即部署寒潮防范工作，并于今日下班前报送落实情况。')
  await leader.getByRole('checkbox', { name: '市政府办公室' }).check()
  await leader.getByRole('button', { name: '发送' }).click()
  await expect(leader).toHaveURL(/\/notices\/[0-9a-f-]{36}$/)
  const readCount = leader.getByTestId('read-count')
  await expect(readCount).toHaveText(/已读 0 \/ 共 \d+ 人/)
  const total = Number((await readCount.textContent())!.match(/共 (\d+) 人/)![1])
  expect(total).toBeGreaterThanOrEqual(6)

  // The clerk's badge goes up without a reload.
  await expect.poll(() => badgeCount(clerk)).toBeGreaterThan(before)

  for (const recipient of [clerk, await personPage(browser, testInfo, 'head')]) {
    await recipient.goto('/inbox?view=toread')
    await recipient.getByRole('link', { name: new RegExp(title.replace(/[()（）]/g, '.')) }).click()
    await expect(recipient.getByRole('heading', { level: 1 })).toContainText(title)
    // Opening is 已读; the receipt is the explicit 确认收到.
    await recipient.getByRole('button', { name: '确认收到' }).click()
    await expect(recipient.getByRole('status')).toContainText('确认收到')
  }

  // The leader's page refreshes the receipts by itself.
  await expect(readCount).toHaveText(`已读 2 / 共 ${total} 人`, { timeout: 15_000 })
  await expect(leader.getByTestId('confirmed-count')).toHaveText('已确认 2 人')
  await expect(leader.getByRole('heading', { name: '已确认收到（2）' })).toBeVisible()
  await expect(leader.getByRole('heading', { name: `未读（${total - 2}）` })).toBeVisible()

  // No SMTP server is configured in this run: the mail is kept for the admin mail viewer.
  const admin = await personPage(browser, testInfo, 'admin')
  await expect.poll(async () => {
    await admin.goto(`/admin/mail?status=HELD&q=${encodeURIComponent(title)}`)
    return admin.getByText(`【加急】${title}`).count()
  }, { timeout: 30_000 }).toBeGreaterThanOrEqual(total)
})

test('an empty notice, or one to nobody, gets a clear refusal', async ({ page }) => {
  await signIn(page, 'leader')
  await page.goto('/notices/new')
  await page.getByLabel('标题').fill('没有收件人的通知')
  await page.getByLabel('内容').fill('内容')
  await page.getByRole('button', { name: '发送' }).click()
  await expect(page.locator('.alert[role=alert]')).toContainText('没有可以接收此通知的人')
})
