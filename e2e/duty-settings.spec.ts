import { expect } from '@playwright/test'
import { test } from './support/csp.ts'
import { signIn } from './support/helpers.ts'

test('a duty manager changes the scheduling settings of their unit, with clear errors for bad values', async ({ page }, testInfo) => {
  const phone = testInfo.project.name === 'phone'
  // Each project its own unit (they run side by side): 吴明 the city's office (defaults), 马强 东平区's (its own, from the demo).
  await signIn(page, phone ? 'dphead' : 'head')
  await page.goto('/duty')
  await expect(page.getByTestId('subscribe-shifts')).toHaveAttribute('href', '/personal/calendar#feed')
  await page.getByRole('link', { name: '值班设置' }).click()
  await expect(page.getByRole('heading', { name: '值班设置', level: 1 })).toBeVisible()
  await expect(page.getByTestId('settings-source')).toContainText(phone ? '本单位已单独设置' : '平台默认设置')
  if (phone) await expect(page.getByLabel('夜班后休息（小时）')).toHaveValue('12')

  // The city's settings are the ones the duty journey (phone project, side by side) times its incident by:
  // what this test saves in the end leaves them as they were but the written report's time.
  const initialDays = await page.getByLabel('最多连续值班天数').inputValue()
  const initialPhone = await page.getByLabel('电话报告时限（分钟）').inputValue()
  // A fraction of a day, then the written report due before the phone report: refused under the field, in Chinese.
  // (zod checks the rules between fields once every field is right, so they come one after the other.)
  await page.getByLabel('最多连续值班天数').fill('2.5')
  await page.getByRole('button', { name: '保存设置' }).click()
  await expect(page.locator('[data-field="maxConsecutiveDays"]')).toContainText('请输入整数')
  await expect(page.locator('[data-field="weights.holiday"]')).not.toContainText('请')
  await page.getByLabel('最多连续值班天数').fill('2')
  await page.getByLabel('电话报告时限（分钟）').fill('45')
  await page.getByLabel('书面报告时限（分钟）').fill('40')
  await page.getByRole('button', { name: '保存设置' }).click()
  await expect(page.locator('[data-field="incident.writtenMinutes"]')).toContainText('书面报告时限不能早于电话报告时限')

  await page.getByLabel('最多连续值班天数').fill(initialDays)
  await page.getByLabel('电话报告时限（分钟）').fill(initialPhone)
  await page.getByLabel('书面报告时限（分钟）').fill('90')
  await page.getByRole('button', { name: '保存设置' }).click()
  await expect(page.getByRole('status')).toContainText('已保存')
  await page.reload()
  await expect(page.getByTestId('settings-source')).toContainText('本单位已单独设置')
  await expect(page.getByLabel('书面报告时限（分钟）')).toHaveValue('90')
  await page.screenshot({ path: testInfo.outputPath(`duty-settings-${testInfo.project.name}.png`), fullPage: true })
  if (phone) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
})

test('people who do not manage duty have no settings page', async ({ page }) => {
  await signIn(page, 'drafter')
  await page.goto('/duty')
  await expect(page.getByRole('link', { name: '值班设置' })).toHaveCount(0)
  await page.goto('/duty/settings')
  await expect(page.getByRole('heading', { name: '值班设置', level: 1 })).toHaveCount(0)
})
