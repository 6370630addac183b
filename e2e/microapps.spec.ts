import { expect, test } from './support/csp.ts'
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
  await expect(app.getByTestId('kitchen-count')).toContainText(`午餐 ${before + 1} 份`)
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
