import ExcelJS from 'exceljs'
import { readFile } from 'node:fs/promises'
import { expect, type Browser, type Page, type TestInfo } from '@playwright/test'
import { test } from './support/csp.ts'
import { personPage } from './support/people.ts'
import { watchCsp } from './support/csp.ts'
import { days, runJob, shiftClock } from './support/clock.ts'
import { signIn } from './support/helpers.ts'

/** A person's page living `offset` ahead on the e2e clock (shifted before signing in). */
async function shiftedPage(browser: Browser, testInfo: TestInfo, account: string, offset: number): Promise<Page> {
  const { viewport, locale, timezoneId, baseURL } = testInfo.project.use
  const context = await browser.newContext({ viewport, locale, timezoneId, baseURL })
  watchCsp(context)
  await shiftClock(context, offset)
  const page = await context.newPage()
  await signIn(page, account)
  return page
}

async function workbookOf(download: import('@playwright/test').Download): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load((await readFile((await download.path())!)).buffer as ArrayBuffer)
  return wb
}

/**
 * 数据报送: the city office (drafter2) builds a template with a table field and sends a monthly
 * collection to three units; 财政局 fills on a phone, its head sends it back once, then submits it; 发改委
 * fills offline from the template's Excel (a bad upload is reported by cell first); 区府办 is late, urged
 * by the sweep and by hand; the summary, its chart and the export carry the totals.
 */
test('a monthly collection is built, filled on a phone, sent back once, uploaded from Excel, urged when late, summed and exported', async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one journey across devices; the filling unit uses a phone viewport itself')
  test.setTimeout(600_000)
  const name = `企业经营月报${Date.now()}`

  // The office builds the template: a number with its measure, a choice, and a table of projects.
  const office = await personPage(browser, testInfo, 'drafter2')
  await office.goto('/reporting/templates/new')
  await office.getByTestId('template-name').fill(name)
  await office.getByTestId('section-title-0').fill('经营情况')
  const field = (i: number) => office.getByTestId(`field-0-${i}`)
  await field(0).getByTestId('field-label').fill('营业收入')
  await field(0).getByTestId('field-key').fill('revenue')
  await field(0).getByTestId('field-type').selectOption('number')
  await field(0).getByTestId('field-measure').fill('万元')
  await field(0).getByTestId('field-min').fill('0')
  await field(0).getByTestId('field-required').check()
  await office.getByTestId('add-field-0').click()
  await field(1).getByTestId('field-label').fill('经营状况')
  await field(1).getByTestId('field-key').fill('state')
  await field(1).getByTestId('field-type').selectOption('choice')
  await field(1).getByTestId('field-options').fill('良好、一般、困难')
  await office.getByTestId('add-field-0').click()
  await field(2).getByTestId('field-label').fill('项目')
  await field(2).getByTestId('field-key').fill('projects')
  await field(2).getByTestId('field-type').selectOption('table')
  await field(2).getByTestId('column-0').getByTestId('column-label').fill('项目名称')
  await field(2).getByTestId('column-0').getByTestId('column-key').fill('name')
  await field(2).getByTestId('add-column').click()
  await field(2).getByTestId('column-1').getByTestId('column-label').fill('投资额')
  await field(2).getByTestId('column-1').getByTestId('column-key').fill('amount')
  await field(2).getByTestId('column-1').getByTestId('column-type').selectOption('number')
  await office.getByTestId('save-template').click()
  await expect(office).toHaveURL(/\/reporting\/templates\/[0-9a-f-]{36}$/)

  // … and sends it monthly to three units.
  const send = office.getByTestId('send-form')
  await send.getByLabel('任务名称').fill(name)
  await send.getByTestId('cycle').selectOption('MONTHLY')
  for (const unit of ['市财政局', '市发展和改革委员会', '区政府办公室']) await send.getByTestId('unit-checks').getByLabel(unit, { exact: true }).check()
  await send.getByTestId('send').click()
  await expect(office).toHaveURL(/\/reporting\/collections\/[0-9a-f-]{36}$/)
  const board = office.url()
  await expect(office.getByTestId('count-pending')).toContainText('3')

  // 财政局 fills on a phone: a number, a choice and two rows, then sends it for review.
  const finclerk = await personPage(browser, testInfo, 'finclerk', 'phone')
  await finclerk.goto('/reporting')
  await finclerk.getByRole('link', { name: new RegExp(name) }).first().click()
  await expect(finclerk).toHaveURL(/\/reporting\/submissions\/[0-9a-f-]{36}$/)
  const finSubmission = finclerk.url()
  await finclerk.getByTestId('input-revenue').fill('100')
  await finclerk.getByTestId('input-state').selectOption('良好')
  await finclerk.getByTestId('add-row-projects').click()
  await finclerk.getByTestId('cell-projects-0-name').fill('城东管网')
  await finclerk.getByTestId('cell-projects-0-amount').fill('40')
  await finclerk.getByTestId('add-row-projects').click()
  await finclerk.getByTestId('cell-projects-1-name').fill('智慧财政')
  await finclerk.getByTestId('cell-projects-1-amount').fill('abc')
  await finclerk.getByTestId('submit-review').click()
  // The server says which cell is wrong, in Chinese.
  await expect(finclerk.getByTestId('row-projects-1')).toContainText('须为数字。')
  await finclerk.getByTestId('cell-projects-1-amount').fill('60')
  await finclerk.getByTestId('submit-review').click()
  await expect(finclerk.getByTestId('submission-status')).toHaveText('待审核')
  expect(await finclerk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

  // Its reviewer sends it back once; the filler corrects and resubmits; the reviewer approves.
  const finhead = await personPage(browser, testInfo, 'finhead', 'phone')
  await finhead.goto(finSubmission)
  await finhead.getByTestId('return-reason').fill('收入应含非税收入，请核实')
  await finhead.getByTestId('send-back').click()
  await expect(finhead.getByTestId('submission-status')).toHaveText('已退回')
  await finclerk.goto(finSubmission)
  await expect(finclerk.getByTestId('return-note')).toContainText('收入应含非税收入')
  await finclerk.getByTestId('input-revenue').fill('120')
  await finclerk.getByTestId('submit-review').click()
  await expect(finclerk.getByTestId('submission-status')).toHaveText('待审核')
  await finhead.goto(finSubmission)
  await finhead.getByTestId('approve').click()
  await expect(finhead.getByTestId('submission-status')).toHaveText('已上报')

  // 发改委 fills offline: the template as Excel, a bad upload reported by cell, then a good one.
  const ndrc = await personPage(browser, testInfo, 'ndrcclerk')
  await ndrc.goto('/reporting')
  await ndrc.getByRole('link', { name: new RegExp(name) }).first().click()
  await expect(ndrc).toHaveURL(/\/reporting\/submissions\/[0-9a-f-]{36}$/)
  const ndrcSubmission = ndrc.url()
  const [download] = await Promise.all([ndrc.waitForEvent('download'), ndrc.getByTestId('download-excel').click()])
  const wb = await workbookOf(download)
  const main = wb.getWorksheet('填报')!
  const rowOf = (key: string) => { let n = 0; main.eachRow((r, i) => { if (r.getCell(2).value === key) n = i }); return n }
  main.getCell(rowOf('revenue'), 3).value = -3
  main.getCell(rowOf('state'), 3).value = '一般'
  const projects = wb.getWorksheet('1-项目')!
  projects.getCell(2, 1).value = '物流园'
  projects.getCell(2, 2).value = 30
  const upload = async () => ndrc.getByTestId('upload-excel').setInputFiles({ name: 'filled.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await wb.xlsx.writeBuffer()) })
  await upload()
  await expect(ndrc.getByTestId('cell-problems')).toContainText(`填报 第 ${rowOf('revenue')} 行 C 列：不能小于 0。`)
  main.getCell(rowOf('revenue'), 3).value = 80
  await upload()
  await expect(ndrc.getByTestId('input-revenue')).toHaveValue('80')
  await ndrc.getByTestId('submit-review').click()
  await expect(ndrc.getByTestId('submission-status')).toHaveText('待审核')
  const ndrchead = await personPage(browser, testInfo, 'ndrchead')
  await ndrchead.goto(ndrcSubmission)
  await ndrchead.getByTestId('approve').click()
  await expect(ndrchead.getByTestId('submission-status')).toHaveText('已上报')

  // The board is live: it has followed both submissions without reloading.
  await expect(office.getByTestId('count-submitted')).toContainText('2', { timeout: 20_000 })

  // 区府办 is late: the sweep urges it after the deadline; the office, later still, urges by hand.
  await runJob(office.request, 'reporting.sweep', days(38))
  const later = await shiftedPage(browser, testInfo, 'drafter2', days(42))
  await later.goto(board)
  await expect(later.getByTestId('count-overdue')).toContainText('1')
  const late = later.getByTestId('board-row-区政府办公室')
  await expect(late.getByTestId('state')).toHaveText('逾期')
  await expect(late).toContainText('已催报 1 次')
  await late.getByRole('button', { name: '催报' }).click()
  await expect(late.getByRole('status')).toHaveText('已催报。')
  const dpclerk = await personPage(browser, testInfo, 'dpclerk')
  await dpclerk.goto('/inbox?view=toread')
  await expect(dpclerk.getByRole('link', { name: new RegExp(`催报：${name}`) }).first()).toBeVisible()

  // The summary and its chart carry the totals: 120 + 80 revenue, 40 + 60 + 30 invested.
  await office.reload()
  const total = office.getByTestId('summary-total')
  await expect(total).toContainText('200')
  await expect(total).toContainText('130')
  await expect(office.getByTestId('summary-average')).toContainText('100')
  await expect(office.getByTestId('choice-state')).toContainText('良好 1，一般 1，困难 0')
  await expect(office.getByTestId('charts')).toContainText('营业收入（合计 200）')
  await expect(office.getByTestId('charts')).toContainText('项目 · 投资额（合计 130）')

  // The exports download and open.
  const [summaryFile] = await Promise.all([office.waitForEvent('download'), office.getByTestId('export-summary').click()])
  const summary = (await workbookOf(summaryFile)).getWorksheet('汇总表')!
  const rows = summary.getSheetValues().filter(Boolean) as unknown[][]
  expect(rows.find((r) => r[1] === '合计')!.slice(2)).toEqual([200, 130])
  const [allFile] = await Promise.all([office.waitForEvent('download'), office.getByTestId('export-submissions').click()])
  expect((await workbookOf(allFile)).getWorksheet('全部报送')!.rowCount).toBe(4)
})
