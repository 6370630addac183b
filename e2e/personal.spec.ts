import { expect, type Browser, type Page, type TestInfo } from '@playwright/test'
import { test, watchCsp } from './support/csp.ts'
import { signIn } from './support/helpers.ts'
import { days, shiftClock } from './support/clock.ts'

/** A fresh context (the project's viewport) for one person, optionally living `offsetMs` ahead. */
async function personPage(browser: Browser, testInfo: TestInfo, account: string, offsetMs = 0): Promise<Page> {
  const { viewport, deviceScaleFactor, isMobile, hasTouch, locale, timezoneId, baseURL } = testInfo.project.use
  const context = await browser.newContext({ viewport, deviceScaleFactor, isMobile, hasTouch, locale, timezoneId, baseURL })
  watchCsp(context)
  if (offsetMs) await shiftClock(context, offsetMs)
  const page = await context.newPage()
  await signIn(page, account)
  return page
}

const beijingDate = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 10)
const plusDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days(n)).toISOString().slice(0, 10)

/** Days from today to the next Monday–Thursday (0 when today is one), so the leave is two working days that include "now". */
function offsetToWorkingPair(): number {
  const weekday = new Date(`${beijingDate(Date.now())}T00:00:00Z`).getUTCDay()
  return weekday >= 1 && weekday <= 4 ? 0 : weekday === 5 ? 3 : weekday === 6 ? 2 : 1
}

test('a clerk asks for two days of leave, the head approves on a phone; the directory shows 请假中 and the duty scheduler leaves him out', async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'one leave per person and period: the phone runs the journey (the head approves on a phone)')
  test.setTimeout(180_000)
  const offset = days(offsetToWorkingPair())
  const start = beijingDate(Date.now() + offset)
  const end = plusDays(start, 1)

  // 张伟 (drafter) asks for two days of personal leave.
  const clerk = await personPage(browser, testInfo, 'drafter', offset)
  await clerk.goto('/personal/leave')
  await expect(clerk.getByTestId('balance')).toContainText('年休假')
  await clerk.getByLabel('请假类型').selectOption('PERSONAL')
  await clerk.locator('input[name="startDate"]').fill(start)
  await clerk.locator('input[name="endDate"]').fill(end)
  await clerk.getByLabel('事由').fill('家里老人住院，需要陪护')
  await clerk.getByRole('button', { name: '提交申请' }).click()
  await expect(clerk).toHaveURL(/\/personal\/leave\/[0-9a-f-]{36}$/)
  await expect(clerk.getByTestId('leave-status')).toHaveText('审批中')
  await expect(clerk.getByText('2 天')).toBeVisible()
  const leaveUrl = clerk.url()

  // 吴明 (head) finds it among his approvals and approves, on the phone.
  const head = await personPage(browser, testInfo, 'head', offset)
  await head.goto('/personal/leave')
  const toApprove = head.getByRole('region', { name: /待我审批/ })
  await toApprove.getByRole('link', { name: /张伟 · 事假 · 2 天/ }).click()
  await expect(head).toHaveURL(leaveUrl)
  await head.getByLabel('审批意见').fill('同意，注意保持电话畅通')
  await head.screenshot({ path: testInfo.outputPath('leave-approve-phone.png'), fullPage: true })
  await head.getByRole('button', { name: '批准', exact: true }).click()
  await expect(head.getByTestId('leave-status')).toHaveText('已批准')
  await expect(head.getByText('同意，注意保持电话畅通')).toBeVisible()

  // The clerk sees it approved and is offered a delegation of his document steps for the period.
  await clerk.reload()
  await expect(clerk.getByTestId('leave-status')).toHaveText('已批准')
  await expect(clerk.getByText('请假期间您的公文待办可以委托他人办理')).toBeVisible()

  // The directory shows 请假中, in the search results and on his page.
  await head.goto(`/directory?q=${encodeURIComponent('张伟')}`)
  const row = head.getByRole('link', { name: /张伟/ }).first()
  await expect(row.getByText('请假中')).toBeVisible()
  await row.click()
  await expect(head.getByTestId('on-leave')).toHaveText('请假中')

  // Duty: the leave is in the unavailability the scheduler reads, and a roster made for those days leaves him out.
  await head.goto('/duty/unavailability')
  await expect(head.getByText(/张伟 · 请假/)).toBeVisible()
  await head.goto('/duty/rosters')
  await head.getByLabel('开始日期').fill(start)
  await head.getByLabel('结束日期').fill(end)
  await head.getByRole('button', { name: '生成值班表' }).click()
  await expect(head).toHaveURL(/\/duty\/rosters\/[0-9a-f-]{36}$/, { timeout: 30_000 })
  await expect(head.getByRole('heading', { name: '排班说明' })).toBeVisible()
  await expect(head.getByRole('cell', { name: /张伟/ })).toHaveCount(0)

  // His calendar shows the leave.
  await clerk.goto(`/personal/calendar?view=agenda&date=${start}`)
  await expect(clerk.locator('.cal-item[data-source="leave"]').first()).toContainText('请假')
  await clerk.screenshot({ path: testInfo.outputPath('calendar-agenda-phone.png'), fullPage: true })
  await clerk.goto('/personal/leave')
  await clerk.screenshot({ path: testInfo.outputPath('leave-phone.png'), fullPage: true })
})

test('my calendar gathers my entries and the rest, adds an entry, and gives an ICS address that calendar apps read without a session', async ({ browser, request }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one feed per person: the desktop runs it (the phone views are walked in the journey above)')
  const page = await personPage(browser, testInfo, 'drafter')
  const today = beijingDate(Date.now())
  await page.goto('/personal/calendar')
  // The demo's own entries: 体检 tomorrow and the weekly 科室例会.
  await expect(page.locator('.cal-item', { hasText: '体检' })).toBeVisible()
  await expect(page.locator('.cal-item', { hasText: '科室例会' }).first()).toBeVisible()

  await page.getByLabel('标题').fill('起草年度总结')
  await page.locator('input[name="date"]').fill(plusDays(today, 2))
  await page.locator('input[name="endDate"]').fill(plusDays(today, 2))
  await page.getByLabel('地点').fill('办公室')
  await page.getByRole('button', { name: '添加' }).click()
  await expect(page.locator('.cal-item', { hasText: '起草年度总结' })).toBeVisible()

  await page.goto(`/personal/calendar?view=month&date=${today}`)
  await expect(page.locator('.cal-month .cal-item', { hasText: '起草年度总结' })).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('calendar-month-desktop.png'), fullPage: true })

  await page.getByRole('button', { name: /生成订阅地址|重新生成/ }).click()
  const address = await page.getByTestId('feed-address').inputValue()
  expect(address).toMatch(/\/api\/personal\/ics\/[A-Za-z0-9_-]{40,}$/)
  const feed = await request.get(address, { headers: { cookie: '' } })
  expect(feed.status()).toBe(200)
  expect(feed.headers()['content-type']).toContain('text/calendar')
  const ics = await feed.text()
  expect(ics).toContain('SUMMARY:起草年度总结')
  expect(ics).toContain('RRULE:FREQ=WEEKLY;BYDAY=MO')

  // Remade: the old address is gone.
  await page.getByRole('button', { name: '重新生成（旧地址失效）' }).click()
  await expect(page.getByTestId('feed-address')).not.toHaveValue(address)
  expect((await request.get(address)).status()).toBe(404)
})
