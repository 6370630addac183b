import { expect, type Browser, type Page, type TestInfo } from '@playwright/test'
import { test, watchCsp } from './support/csp.ts'
import { signIn } from './support/helpers.ts'
import { hours, minutes, runJob, shiftClock } from './support/clock.ts'

/** A fresh phone or desktop context for one person, optionally living `offsetMs` ahead (the e2e clock). */
async function personPage(browser: Browser, testInfo: TestInfo, account: string, offsetMs = 0): Promise<Page> {
  const { viewport, deviceScaleFactor, isMobile, hasTouch, locale, timezoneId, baseURL } = testInfo.project.use
  const context = await browser.newContext({ viewport, deviceScaleFactor, isMobile, hasTouch, locale, timezoneId, baseURL })
  watchCsp(context)
  if (offsetMs) await shiftClock(context, offsetMs)
  const page = await context.newPage()
  await signIn(page, account)
  return page
}

// The demo's duty officers with demo accounts (README): 张伟, 李娜, 王芳; 吴明 (head) manages the duty.
const officers = [{ account: 'drafter', name: '张伟' }, { account: 'drafter2', name: '李娜' }, { account: 'clerk', name: '王芳' }]

/**
 * How far ahead a night shift (17:30–08:30 Beijing) is under way: 0 at night, else until 18:00 today.
 * The demo's general duty has no day seats on working days, so between 08:30 and 17:30 nobody is on duty.
 */
function untilNightShift(now = Date.now()): number {
  const beijingMinutes = Math.floor((now + hours(8)) / minutes(1)) % (24 * 60)
  return beijingMinutes >= 17 * 60 + 30 || beijingMinutes < 8 * 60 + 30 ? 0 : minutes(18 * 60 - beijingMinutes)
}

test('board: today’s duty with tap-to-call numbers, on the workbench and the duty page', async ({ browser }, testInfo) => {
  const page = await personPage(browser, testInfo, 'drafter', untilNightShift())
  await page.goto('/')
  await expect(page.getByRole('heading', { name: '今日值班' })).toBeVisible()
  await page.goto('/duty')
  const post = page.getByRole('region', { name: /市政府总值班/ })
  await expect(post).toBeVisible()
  await expect(post.locator('a[href^="tel:"]').first()).toBeVisible()
  await expect(post.getByText('正在值班').first()).toBeVisible()
})

test('a duty manager makes and publishes a month; an officer asks a colleague to take a shift, the colleague accepts on a phone, the manager approves; the board shows the change; an incident is urged on the e2e clock and the upper office reads it', async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'one journey changes the demo roster: the phone runs it')
  test.setTimeout(180_000)
  // The manager: a year without an official calendar is refused with a message that says so.
  const manager = await personPage(browser, testInfo, 'head')
  await manager.goto('/duty/rosters')
  await manager.getByLabel('开始日期').fill('2027-01-01')
  await manager.getByLabel('结束日期').fill('2027-01-31')
  await manager.getByRole('button', { name: '生成值班表' }).click()
  await expect(manager.getByRole('alert').filter({ hasText: '2027 年的节假日日历尚未录入' })).toBeVisible()
  await manager.getByLabel('开始日期').fill('2026-11-01')
  await manager.getByLabel('结束日期').fill('2026-11-30')
  await manager.getByRole('button', { name: '生成值班表' }).click()
  await expect(manager).toHaveURL(/\/duty\/rosters\/[0-9a-f-]{36}$/, { timeout: 30_000 })
  await expect(manager.getByRole('heading', { name: '排班说明' })).toBeVisible()
  await expect(manager.getByRole('cell', { name: '吴明' }).first()).toBeVisible()
  await manager.getByRole('button', { name: '发布并通知值班人员' }).click()
  await expect(manager.getByRole('status')).toContainText(/已发布，已通知 \d+ 人/)

  // An officer with a shift still to come asks a colleague to take it (替班).
  let requester: Page | null = null
  let me = officers[0]!
  for (const officer of officers) {
    const page = await personPage(browser, testInfo, officer.account)
    await page.goto('/duty')
    if (await page.getByRole('link', { name: '换班/替班' }).count()) { requester = page; me = officer; break }
    await page.context().close()
  }
  expect(requester, 'one of the demo officers has a shift to come').not.toBeNull()
  await requester!.getByRole('link', { name: '换班/替班' }).last().click()
  const colleague = officers.find((o) => o !== me)!
  await requester!.getByLabel('替班').check()
  await requester!.getByLabel('对方').selectOption({ label: colleague.name })
  await requester!.getByLabel('原因').fill('参加培训')
  await requester!.getByRole('button', { name: '发送申请' }).click()
  await expect(requester!).toHaveURL(/\/duty\/swaps\/[0-9a-f-]{36}$/)
  await expect(requester!.getByTestId('swap-status')).toHaveText('等待对方同意')
  const swapUrl = new URL(requester!.url()).pathname
  const shiftText = await requester!.locator('dd').nth(1).textContent() // "2026-12-13 夜班 值班员（17:30–08:30）"
  const [, date, start] = /(\d{4}-\d{2}-\d{2}).*?（(\d{2}:\d{2})/.exec(shiftText!)!

  const taker = await personPage(browser, testInfo, colleague.account)
  await taker.goto('/inbox')
  await taker.getByRole('link', { name: /替班申请/ }).first().click()
  await expect(taker).toHaveURL(new RegExp(`${swapUrl}$`))
  await taker.getByRole('button', { name: '同意', exact: true }).click()
  await expect(taker.getByTestId('swap-status')).toHaveText('等待值班管理员审批')

  await manager.goto(swapUrl)
  await manager.getByRole('button', { name: '批准', exact: true }).click()
  await expect(manager.getByTestId('swap-status')).toHaveText('已批准')

  // Living an hour into that shift, the colleague is on the board, signs on and records an incident.
  const offset = Date.parse(`${date}T${start}:00+08:00`) + hours(1) - Date.now()
  const onDuty = await personPage(browser, testInfo, colleague.account, offset)
  await onDuty.goto('/duty')
  const seat = onDuty.getByRole('region', { name: /市政府总值班/ }).locator('li.is-now', { hasText: colleague.name })
  await expect(seat).toBeVisible()
  await expect(onDuty.getByRole('region', { name: /市政府总值班/ }).locator('li.is-now', { hasText: me.name })).toHaveCount(0)
  await onDuty.getByRole('link', { name: '进入值班台' }).click()
  await onDuty.getByRole('button', { name: '上岗签到' }).click()
  await expect(onDuty.getByTestId('signed-on')).toBeVisible()
  await onDuty.getByRole('link', { name: '记录突发事件' }).click()
  const title = `某小区燃气泄漏（e2e-${Date.now() % 100000}）`
  await onDuty.getByLabel('事件名称').fill(title)
  await onDuty.getByLabel('地点').fill('泰和市东城区某小区')
  await onDuty.getByLabel('类别').fill('事故灾难')
  await onDuty.getByLabel('伤亡情况').fill('暂无人员伤亡')
  await onDuty.getByRole('button', { name: '记录并上报' }).click()
  await expect(onDuty).toHaveURL(/\/duty\/incidents\/[0-9a-f-]{36}$/)
  const incidentUrl = new URL(onDuty.url()).pathname

  // 31 minutes on, the phone report is overdue: the sweep urges.
  await runJob(onDuty.request, 'duty.incident-sweep', offset + minutes(31))
  await onDuty.reload()
  await expect(onDuty.getByTestId('incident-timeline')).toContainText('催报：电话报告已超时')
  await expect(onDuty.getByTestId('incident-timeline')).toContainText('提醒：电话报告将于 10 分钟后到期')

  // The upper duty office (周文斌, secgen) has it and reads it; the reporter sees the receipt.
  const upper = await personPage(browser, testInfo, 'secgen')
  await upper.goto('/duty/incidents')
  await upper.getByRole('link', { name: new RegExp(title.replace(/[()（）]/g, '.')) }).click()
  await expect(upper.getByRole('heading', { level: 1 })).toHaveText(title)
  await onDuty.goto(incidentUrl)
  await expect(onDuty.getByTestId('receipts')).toContainText('周文斌')
})
