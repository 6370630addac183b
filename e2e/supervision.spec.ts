import sharp from 'sharp'
import { expect, type Page } from '@playwright/test'
import { test } from './support/csp.ts'
import { personPage } from './support/people.ts'
import { days, hours, runJob, shiftClock } from './support/clock.ts'
import { signIn } from './support/helpers.ts'

/**
 * 督查督办 on a phone: a leader's 批示 on an incoming document becomes an item; the supervisor opens it
 * for two units and decomposes it; the lead unit accepts; its owner reports with a photo through the
 * camera input; the item goes overdue on the e2e clock and is urged, then escalated twice; the owner
 * requests completion; the supervisor sends it back once, approves and rates; the ranking shows the
 * unit; the leader in charge sees the summary chart.
 */
test('a leader’s instruction becomes a supervised item, urged when overdue and reviewed to completion', async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'a phone-first journey; one run is enough')
  test.setTimeout(300_000)
  const title = `督办安全生产检查${Date.now().toString(36)}`
  const step = (page: Page) => page.getByTestId('document-step')
  const chooseUnit = async (select: ReturnType<Page['getByLabel']>, name: string) =>
    select.selectOption((await select.locator('option').filter({ hasText: new RegExp(`^\\s*${name}$`) }).first().getAttribute('value'))!)
  const act = async (page: Page, opinion?: string) => {
    if (opinion) await page.getByLabel('办理意见').fill(opinion)
    const revision = await page.locator('.document-page').getAttribute('data-revision')
    await page.getByTestId('act').click()
    await expect(page.locator('.document-page')).not.toHaveAttribute('data-revision', revision!, { timeout: 30_000 })
  }

  // An incoming document reaches the district head's 批办 step.
  const dpclerk = await personPage(browser, testInfo, 'dpclerk')
  await dpclerk.goto('/documents/incoming/new')
  await dpclerk.getByLabel('标题').fill(title)
  await dpclerk.getByLabel('来文机关').fill('泰和市应急管理局')
  await dpclerk.getByLabel('来文字号').fill('泰应急〔2026〕21号')
  await dpclerk.getByRole('button', { name: '创建草稿' }).click()
  await expect(dpclerk).toHaveURL(/\/documents\/[0-9a-f-]{36}$/)
  const incoming = dpclerk.url()
  await dpclerk.getByRole('button', { name: '登记并开始办理' }).click()
  await expect(step(dpclerk)).toHaveText('初审')
  await act(dpclerk)
  const dphead = await personPage(browser, testInfo, 'dphead')
  await dphead.goto(incoming)
  await act(dphead, '拟请区应急管理局牵头落实，请区长批示。')

  // 领导批示 → 督办事项, in one action on the phone.
  const dpleader = await personPage(browser, testInfo, 'dpleader')
  await dpleader.goto(incoming)
  await expect(step(dpleader)).toHaveText('批办')
  await dpleader.getByTestId('to-supervision').locator('summary').click()
  await dpleader.getByLabel('领导批示').fill('请督查室跟踪督办，区应急局牵头，每周报送进展。')
  await dpleader.getByTestId('to-supervision').getByRole('button', { name: '转督办' }).click()
  await expect(dpleader.getByTestId('to-supervision-done')).toBeVisible()
  const itemUrl = (await dpleader.getByTestId('to-supervision-done').getByRole('link').getAttribute('href'))!

  // The supervisor finds it waiting (待立项), opens it, and decomposes it to two units.
  const supervisor = await personPage(browser, testInfo, 'supervisor')
  await supervisor.goto('/inbox')
  await supervisor.getByRole('link', { name: new RegExp(`待立项：${title}`) }).click()
  await expect(supervisor).toHaveURL(new RegExp(`${itemUrl}$`))
  await expect(supervisor.getByText('请督查室跟踪督办，区应急局牵头，每周报送进展。').first()).toBeVisible()
  await expect(supervisor.getByRole('link', { name: title })).toHaveAttribute('href', new URL(incoming).pathname)
  const tomorrow = new Date(Date.now() + hours(8) + days(1)).toISOString().slice(0, 10)
  const form = supervisor.getByTestId('item-form-open')
  await form.getByLabel('办理期限').fill(tomorrow)
  await chooseUnit(form.getByLabel('牵头单位'), '区应急管理局')
  await form.getByRole('button', { name: '立项并交办' }).click()
  await expect(supervisor.getByTestId('item-status')).toHaveText('办理中')
  const decompose = async (suffix: string, unit: string) => {
    await supervisor.goto(itemUrl)
    await supervisor.locator('summary', { hasText: '分解为子事项' }).click()
    const sub = supervisor.getByTestId('item-form-decompose')
    await sub.getByLabel('事项名称').fill(`${title}（${suffix}）`)
    await sub.getByLabel('办理期限').fill(tomorrow)
    await chooseUnit(sub.getByLabel('牵头单位'), unit)
    await sub.getByRole('button', { name: '分解' }).click()
    await expect(supervisor.getByText('上级事项')).toBeVisible()
    return new URL(supervisor.url()).pathname
  }
  const mine = await decompose('应急', '区应急管理局')
  const housing = await decompose('住建', '区住房和城乡建设局')
  await supervisor.goto(itemUrl)
  await expect(supervisor.getByText(`${title}（应急）`)).toBeVisible()
  await expect(supervisor.getByText(`${title}（住建）`)).toBeVisible()

  // The lead unit's head accepts (签收) its sub-item and names himself the owner.
  const owner = await personPage(browser, testInfo, 'dpemhead')
  await owner.goto('/inbox')
  await expect(owner.getByRole('link', { name: new RegExp(`签收督办：${title}（应急）`) })).toBeVisible()
  await owner.goto(mine)
  const lead = owner.getByTestId('assignment').filter({ hasText: '区应急管理局' })
  await lead.getByLabel('指定责任人').selectOption({ label: '邓卫东' })
  await lead.getByRole('button', { name: '签收' }).click()
  await expect(lead).toHaveAttribute('data-status', 'ACCEPTED')
  // Another unit's sub-item is not his to see.
  expect((await owner.goto(housing))?.status()).toBe(404)
  await owner.goto(mine)

  // Progress with a photo taken on the spot (a real JPEG through the camera input, compressed here).
  const photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#4a7' } }).jpeg({ quality: 90 }).toBuffer()
  const reportForm = owner.getByTestId('report-form')
  await expect(reportForm.getByTestId('photo-input')).toHaveAttribute('capture', 'environment')
  await reportForm.getByTestId('photo-input').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo })
  await expect(reportForm.getByTestId('photo-preview')).toHaveCount(1)
  await reportForm.getByLabel('进展情况').fill('已对全区 12 家企业开展检查，整改隐患 5 处。')
  await reportForm.getByLabel('完成进度（%）').fill('40')
  await reportForm.getByRole('button', { name: '提交' }).click()
  await expect(owner.getByTestId('reports')).toContainText('已对全区 12 家企业开展检查')
  const thumb = owner.getByTestId('report-photo').first()
  await expect(thumb).toBeVisible()
  const served = await owner.request.get((await thumb.getAttribute('src'))!)
  expect(served.headers()['content-type']).toBe('image/jpeg')
  const full = await owner.request.get((await thumb.getAttribute('src'))!.replace('?thumb=1', ''))
  expect((await sharp(Buffer.from(await full.body())).metadata()).width).toBeLessThanOrEqual(1600)
  // Written without network: kept on the phone, sent once when the network returns.
  await owner.context().setOffline(true)
  await reportForm.getByLabel('进展情况').fill('离线填报：现场复查完毕。')
  await reportForm.getByLabel('完成进度（%）').fill('50')
  await reportForm.getByRole('button', { name: '提交' }).click()
  await expect(owner.getByText('当前没有网络，反馈已保存在本机')).toBeVisible()
  await expect(owner.getByTestId('offline-pending')).toBeVisible()
  await owner.context().setOffline(false)
  await expect(owner.getByTestId('reports')).toContainText('离线填报：现场复查完毕。')
  await owner.reload()
  await expect(owner.getByTestId('reports').getByText('离线填报：现场复查完毕。')).toHaveCount(1)
  await expect(owner.getByTestId('offline-pending')).toHaveCount(0)
  // Someone else gets nothing for the photo's address.
  const outsider = await personPage(browser, testInfo, 'drafter')
  expect((await outsider.request.get((await thumb.getAttribute('src'))!)).status()).toBe(404)
  expect((await outsider.goto(mine))?.status()).toBe(404)

  // Overdue on the e2e clock: the sweep urges, then escalates to the unit's leader and the leader in charge.
  await runJob(owner.request, 'supervision.urge-sweep', days(3))
  await owner.reload()
  await expect(owner.getByTestId('urges').locator('li[data-level="0"]').first()).toContainText(/督催〔\d{4}〕\d+号/)
  await runJob(owner.request, 'supervision.urge-sweep', days(5) + hours(1))
  await runJob(owner.request, 'supervision.urge-sweep', days(7) + hours(2))
  await runJob(owner.request, 'supervision.urge-sweep', days(7) + hours(3))
  await owner.reload()
  const urges = owner.getByTestId('urges')
  await expect(urges.locator('li[data-level="0"]').filter({ hasText: '区应急管理局' })).toHaveCount(1)
  await expect(urges.locator('li[data-level="1"]').filter({ hasText: '区应急管理局' }).filter({ hasText: '邓卫东' })).toHaveCount(1)
  await expect(urges.locator('li[data-level="2"]').filter({ hasText: '区应急管理局' }).filter({ hasText: '何振宇' })).toHaveCount(1)
  await expect(owner.getByTestId('timeline')).toContainText('督办升级')
  // Three days on (a browser of its own moved in time; a session does not live that long), it is red.
  const { locale, timezoneId, baseURL } = testInfo.project.use
  const later = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale, timezoneId, baseURL })
  await shiftClock(later, days(3))
  const laterPage = await later.newPage()
  await signIn(laterPage, 'dpemhead')
  await laterPage.goto(mine)
  await expect(laterPage.getByTestId('supervision-item')).toHaveAttribute('data-light', 'red')
  await laterPage.goto('/supervision?light=red')
  await expect(laterPage.getByTestId('supervision-items')).toContainText(`${title}（应急）`)
  await laterPage.screenshot({ path: testInfo.outputPath('my-items-red.png') })
  await later.close()

  // The other unit's sub-item is completed by the supervisor.
  await supervisor.goto(housing)
  await supervisor.getByRole('button', { name: '直接办结' }).click()
  await expect(supervisor.getByTestId('item-status')).toHaveText('已办结')

  // 办结申请 → 退回 once → 办结 → 评价.
  await owner.goto(mine)
  await owner.locator('summary', { hasText: '申请办结' }).click()
  await owner.getByLabel('办结情况说明').fill('检查整改全部完成。')
  await owner.getByRole('button', { name: '申请办结' }).last().click()
  await expect(owner.getByTestId('item-status')).toHaveText('办结申请中')
  await supervisor.goto(mine)
  const review = supervisor.getByTestId('review-panel')
  await review.getByLabel('退回理由').fill('请补充整改前后对比照片。')
  await review.getByRole('button', { name: '退回' }).click()
  await expect(supervisor.getByTestId('item-status')).toHaveText('办理中')
  await owner.reload()
  await expect(owner.getByTestId('timeline')).toContainText('请补充整改前后对比照片。')
  await owner.locator('summary', { hasText: '申请办结' }).click()
  await owner.getByLabel('办结情况说明').fill('已补充对比照片。')
  await owner.getByRole('button', { name: '申请办结' }).last().click()
  await expect(owner.getByTestId('item-status')).toHaveText('办结申请中')
  await supervisor.reload()
  await supervisor.getByTestId('review-panel').getByRole('button', { name: '同意办结' }).click()
  await expect(supervisor.getByTestId('item-status')).toHaveText('已办结')
  await supervisor.getByTestId('rate-panel').getByLabel('优秀').check()
  await supervisor.getByTestId('rate-panel').getByRole('button', { name: '评价' }).click()
  await expect(supervisor.getByTestId('item-rating')).toContainText('优秀')
  // Its parent completes with its last child.
  await supervisor.goto(itemUrl)
  await expect(supervisor.getByTestId('item-status')).toHaveText('已办结')

  // 晾晒台: the unit is ranked; published as a snapshot.
  await supervisor.goto('/supervision/rankings')
  await expect(supervisor.getByTestId('ranking').first()).toContainText('区应急管理局')
  await supervisor.getByRole('button', { name: '发布排名' }).click()
  await expect(supervisor.getByTestId('published-ranking').first()).toContainText('区应急管理局')

  // The leader in charge of the district's emergency bureau: the one-screen summary with its chart.
  const deputy = await personPage(browser, testInfo, 'dpdeputy')
  await deputy.goto('/supervision/dashboard')
  await expect(deputy.getByTestId('leader-summary')).toBeVisible()
  await expect(deputy.getByTestId('leader-chart').locator('svg')).toBeVisible()
  await expect(deputy.getByTestId('leader-chart')).toContainText('区应急局')
  await deputy.screenshot({ path: testInfo.outputPath('leader-summary.png'), fullPage: false })
  await supervisor.goto(mine)
  await supervisor.screenshot({ path: testInfo.outputPath('item.png'), fullPage: true })
})
