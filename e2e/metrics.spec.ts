import ExcelJS from 'exceljs'
import { expect } from '@playwright/test'
import { test } from './support/csp.ts'
import { personPage } from './support/people.ts'

/**
 * 运营指标: the system administrator opens the dashboard (desktop and phone): the demo city's 30 days of
 * seeded history show as server-rendered charts and a ranking of the city's departments; the period
 * switches to weeks; the Excel export downloads and parses with the same ranking. A leader in charge
 * (刘海涛, 分管 发改委/财政局/人社局) sees only those units.
 */
test('an administrator reads the platform metrics and exports them; a leader sees the units in charge', async ({ browser }, testInfo) => {
  test.setTimeout(120_000)
  const admin = await personPage(browser, testInfo, 'admin')
  await admin.goto('/admin')
  await admin.locator('#main').getByRole('link', { name: /运营指标/ }).click()
  await expect(admin).toHaveURL(/\/admin\/metrics$/)
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('运营指标')
  for (const chart of ['chart-trend', 'chart-rates', 'chart-activation-ranking', 'chart-activity-ranking', 'chart-modules']) {
    await expect(admin.getByTestId(chart).locator('svg')).toBeVisible()
  }
  // The trend has a bar per day with people active on it: the seeded history is there.
  expect(await admin.getByTestId('chart-trend').locator('svg path').count()).toBeGreaterThan(20)
  const ranking = admin.getByTestId('metrics-ranking')
  await expect(ranking.locator('tbody tr')).not.toHaveCount(0)
  await expect(ranking).toContainText('市财政局')
  const accounts = Number(await admin.getByTestId('metrics-figures').locator('.mt-figure').first().locator('strong').textContent())
  expect(accounts).toBeGreaterThan(50)
  // Nothing overflows the screen sideways (the phone project is 390 px wide).
  const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow).toBeLessThanOrEqual(1)
  await admin.screenshot({ path: testInfo.outputPath('metrics-day.png'), fullPage: true })

  await admin.getByLabel('统计周期').selectOption('week')
  await admin.getByRole('button', { name: '查看' }).click()
  await expect(admin).toHaveURL(/period=week/)
  await expect(admin.getByTestId('metrics-figures')).toContainText('周活跃人数')

  const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('metrics-export').click()])
  expect(download.suggestedFilename()).toMatch(/^运营指标-week.*\.xlsx$/)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(await download.path())
  const trend = workbook.getWorksheet('趋势')!
  expect(trend.rowCount).toBe(13) // a header and 12 weeks
  const sheet = workbook.getWorksheet('单位排名')!
  const names = sheet.getColumn(2).values.slice(2) as string[]
  expect(names).toContain('市财政局')
  expect(names.length).toBe(await ranking.locator('tbody tr').count())

  // Drilling down into one unit narrows the figures to it.
  await ranking.getByRole('link', { name: '市财政局' }).click()
  await expect(admin.getByRole('heading', { level: 1 })).toContainText('市财政局')
  await expect(admin.getByTestId('chart-trend').locator('svg')).toBeVisible()

  // The leader in charge: only 发改委, 财政局 and 人社局, and nothing of the others.
  const deputy = await personPage(browser, testInfo, 'deputy')
  await deputy.goto('/')
  await deputy.locator('#main').getByRole('link', { name: /运营指标/ }).click()
  const led = deputy.getByTestId('metrics-ranking')
  await expect(led.locator('tbody tr')).toHaveCount(3)
  await expect(led).toContainText('市财政局')
  await expect(led).not.toContainText('市教育局')
  await deputy.screenshot({ path: testInfo.outputPath('metrics-leader.png'), fullPage: true })
  // Someone with no scope: not found.
  const drafter = await personPage(browser, testInfo, 'drafter')
  expect((await drafter.goto('/admin/metrics'))?.status()).toBe(404)
})
