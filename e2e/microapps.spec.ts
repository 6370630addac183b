import { readFileSync } from 'node:fs'
import { expect, test, watchCsp } from './support/csp.ts'
import { signIn } from './support/helpers.ts'

const CANTEEN = 'cn.gov.taihe.canteen'

test('食堂报餐 from the workbench: silent sign-in through getAuthCode, a booking counted for the kitchen, the tile’s badge', async ({ page }, testInfo) => {
  // One person per project: both run in parallel on one database.
  const account = testInfo.project.name === 'phone' ? 'drafter2' : 'head'
  await signIn(page, account)
  await page.goto('/')
  const tile = page.getByRole('link', { name: /食堂报餐/ })
  await expect(tile).toBeVisible()
  await tile.click()
  await expect(page).toHaveURL(new RegExp(`/apps/${CANTEEN.replaceAll('.', '\\.')}/open`))
  const app = page.frameLocator('[data-testid="microapp-frame"]')
  await expect(app.locator('#who')).toContainText(account === 'head' ? '吴明' : '李娜')
  const before = Number(/午餐 (\d+) 份/.exec((await app.getByTestId('kitchen-count').textContent()) ?? '')?.[1] ?? 0)
  await app.locator('button[data-meal="lunch"]').click()
  await expect(page.getByTestId('microapp-toast')).toHaveText('已报餐')
  // The other project books lunch on the same day at the same time: at least this booking more.
  await expect.poll(async () => Number(/午餐 (\d+) 份/.exec((await app.getByTestId('kitchen-count').textContent()) ?? '')?.[1] ?? 0)).toBeGreaterThanOrEqual(before + 1)
  await expect(app.locator('button[data-meal="lunch"]')).toHaveText('取消报餐')
  await page.screenshot({ path: testInfo.outputPath('canteen.png') })
  await page.goto('/')
  await expect(page.getByRole('link', { name: /食堂报餐/ }).locator('.badge')).toHaveText('1')
  await page.screenshot({ path: testInfo.outputPath('workbench.png'), fullPage: true })
})

test('the store lists the app with what it asks for; the unit administrator sees its figures', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === 'phone', 'admin sign-ins spend TOTP steps; the store page is checked on desktop')
  await signIn(page, 'admin')
  await page.goto('/apps?q=报餐')
  await page.getByTestId('store-app').filter({ hasText: '食堂报餐' }).click()
  await expect(page.getByTestId('app-scopes')).toContainText('获取您的身份')
  await expect(page.getByTestId('usage-figures')).toContainText('安装 1 个单位')
  await expect(page.getByTestId('install-row')).toHaveCount(1)
  await page.screenshot({ path: testInfo.outputPath('store-app.png'), fullPage: true })

  // A new version with screenshots (taken of the platform itself, phone and desktop): checked, shown to
  // the reviewer, and on the app's page once approved.
  const units = (await (await page.request.get('/api/directory/units')).json()) as { units: { id: string; parentId: string | null }[] }
  const city = units.units.find((u) => !u.parentId)!.id
  const manifest = { ...JSON.parse(readFileSync('plugins/vehicles/manifest.json', 'utf8')), developerUnit: city, version: '1.1.0' }
  await page.setViewportSize({ width: 390, height: 844 })
  const phoneShot = await page.screenshot()
  await page.setViewportSize({ width: 1366, height: 860 })
  const desktopShot = await page.screenshot()
  await page.goto('/apps')
  await page.getByLabel('应用清单（JSON）').fill(JSON.stringify(manifest))
  const shots = page.getByLabel(/截图（可选/)
  await shots.setInputFiles([{ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') }])
  await page.getByRole('button', { name: '提交审核' }).click()
  await expect(page.getByRole('alert').filter({ hasText: '截图最多' })).toContainText('截图最多 6 张，每张须是 JPEG、PNG 或 WebP 图片')
  await shots.setInputFiles([{ name: 'phone.png', mimeType: 'image/png', buffer: phoneShot }, { name: 'desktop.png', mimeType: 'image/png', buffer: desktopShot }])
  await page.getByRole('button', { name: '提交审核' }).click()
  await expect(page.getByRole('status')).toBeVisible()
  await page.goto('/apps/review')
  const card = page.getByTestId('review-card').filter({ hasText: '1.1.0' }).filter({ hasText: '公车预约' })
  await expect(card.locator('.app-screenshots img')).toHaveCount(2)
  await card.getByRole('button', { name: '通过并上架' }).click()
  await expect(card).toHaveCount(0)
  await page.goto('/apps/cn.gov.taihe.vehicles')
  const strip = page.getByTestId('app-screenshots')
  await expect(strip.locator('li[data-form="PHONE"] img')).toHaveAttribute('alt', '公车预约 截图 1（手机）')
  await expect(strip.locator('li[data-form="DESKTOP"] img')).toHaveAttribute('alt', '公车预约 截图 2（电脑）')
  await expect.poll(() => strip.locator('img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth))).toEqual([390, 1366])
  await page.screenshot({ path: testInfo.outputPath('store-screenshots-desktop.png'), fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await expect(strip).toBeVisible()
  // On a phone the strip scrolls sideways inside itself; the page does not.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await page.screenshot({ path: testInfo.outputPath('store-screenshots-phone.png'), fullPage: true })
})

test('意见征集: an anonymous survey, answered once, results as a chart without names', async ({ page }, testInfo) => {
  const account = testInfo.project.name === 'phone' ? 'deputy2' : 'secgen'
  await signIn(page, account)
  await page.goto('/')
  await page.getByRole('link', { name: /意见征集/ }).click()
  const app = page.frameLocator('[data-testid="microapp-frame"]')
  await expect(app.locator('#who')).not.toHaveText('正在登录…')
  await app.getByText('发起征集').click()
  const title = `食堂菜品满意度（${testInfo.project.name}）`
  await app.getByLabel('主题').fill(title)
  await app.getByLabel(/选项/).fill('满意\n一般\n不满意')
  await app.getByLabel(/匿名/).check()
  await app.getByRole('button', { name: '发起' }).click()
  await expect(app.getByRole('heading', { name: title })).toBeVisible()
  await app.getByLabel('满意', { exact: true }).check()
  await app.getByRole('button', { name: '提交' }).click()
  await expect(page.getByTestId('microapp-toast')).toHaveText('已提交')
  await expect(app.getByTestId('results-chart')).toHaveAttribute('aria-label', '结果：满意 1 票，一般 0 票，不满意 0 票')
  await expect(app.getByText(/参与者：/)).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('survey.png') })
})

test('公车预约: a booking, an overlapping one refused, the vehicle office approves, the booker gets a 待阅', async ({ page, browser }, testInfo) => {
  test.setTimeout(150_000)
  // One vehicle, booker and officer per project: both projects run at once on one database.
  const phone = testInfo.project.name === 'phone'
  const [booker, officer, plate] = phone ? ['dpclerk', 'deputy', '泰A·G1002'] : ['clerk', 'secgen', '泰A·G1001']
  const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10)
  await signIn(page, booker)
  await page.goto('/')
  await page.getByRole('link', { name: /公车预约/ }).click()
  const app = page.frameLocator('[data-testid="microapp-frame"]')
  await expect(app.locator('#who')).not.toHaveText('正在登录…')
  await app.getByLabel('用车日期').fill(tomorrow)
  const book = async (from: string, to: string) => {
    await app.locator(`button[data-plate="${plate}"]`).click()
    await app.getByLabel('开始').fill(from)
    await app.getByLabel('结束').fill(to)
    await app.getByLabel('目的地').fill('东平区应急管理局')
    await app.getByLabel('事由').fill('防汛检查')
    await app.getByLabel('乘车人数').fill('3')
    await app.getByRole('button', { name: '提交申请' }).click()
  }
  await book('09:00', '11:00')
  await expect(page.getByTestId('microapp-toast')).toHaveText('已提交，等待车管审批')
  await expect(app.locator('.card', { hasText: plate })).toContainText('待审批')
  // The same vehicle for an hour inside that stretch: refused, naming the stretch already booked.
  await book('10:00', '12:00')
  await expect(app.getByRole('alert')).toHaveText(/09:00–11:00 已有预约（待审批）/)
  await page.screenshot({ path: testInfo.outputPath('vehicles-booker.png') })

  const { viewport, deviceScaleFactor, isMobile, hasTouch, locale, timezoneId, baseURL } = testInfo.project.use
  const context = await browser.newContext({ viewport, deviceScaleFactor, isMobile, hasTouch, locale, timezoneId, baseURL })
  watchCsp(context)
  const office = await context.newPage()
  await signIn(office, officer)
  await office.goto('/apps/cn.gov.taihe.vehicles/open')
  const officeApp = office.frameLocator('[data-testid="microapp-frame"]')
  await expect(officeApp.locator('#who')).toContainText('车管')
  await officeApp.getByRole('tab', { name: /车管审批/ }).click()
  const request = officeApp.getByTestId('pending-booking').filter({ hasText: plate }).filter({ hasText: '09:00–11:00' })
  await expect(request).toContainText('防汛检查')
  await office.screenshot({ path: testInfo.outputPath('vehicles-office.png') })
  // The notice to the booker is the officer's own right (notice.send), asked for once by the platform.
  await request.getByRole('button', { name: '批准' }).click()
  await office.getByTestId('microapp-consent').getByRole('button', { name: '同意' }).click()
  await expect(office.getByTestId('microapp-toast')).toContainText('已批准，已通知')
  await context.close()

  await page.goto('/inbox?view=toread')
  await expect(page.getByText(`公车预约已批准（${plate} ${tomorrow} 09:00–11:00）`)).toBeVisible()
  await page.getByText(`公车预约已批准（${plate} ${tomorrow} 09:00–11:00）`).click()
  await expect(page).toHaveURL(/\/apps\/cn\.gov\.taihe\.vehicles\/open\?path=mine/)
  await expect(app.getByTestId('my-booking').filter({ hasText: plate })).toContainText('已批准')
  await page.screenshot({ path: testInfo.outputPath('vehicles-mine.png') })
})
