import { expect, type Page, type TestInfo } from '@playwright/test'
import { test } from './support/csp.ts'
import { signIn } from './support/helpers.ts'

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`${name}-${testInfo.project.name}.png`), fullPage: true })
}

test('the leave office sets a person’s annual leave with carry-over, a whole unit at once, and the approval rule', async ({ page }, testInfo) => {
  const phone = testInfo.project.name === 'phone'
  await signIn(page, 'secgen')
  await page.goto('/personal/leave')
  await page.getByRole('link', { name: '请假管理' }).click()
  await expect(page.getByRole('heading', { name: '请假管理', level: 1 })).toBeVisible()
  await expect(page.getByTestId('person-李娜').getByTestId('numbers')).toContainText('结转 2 天')

  // One person each project (they run side by side): a third of a day is refused in Chinese, then saved.
  const who = phone ? '吴明' : '王芳'
  const row = page.getByTestId(`person-${who}`)
  await row.getByRole('button', { name: '修改' }).click()
  await row.getByLabel('当年应休（天）').fill('10.3')
  await row.getByLabel('上年结转（天）').fill('1.5')
  await row.getByRole('button', { name: '保存' }).click()
  await expect(row).toContainText('天数须为整天或半天')
  await row.getByLabel('当年应休（天）').fill('10')
  await row.getByRole('button', { name: '保存' }).click()
  await expect(row.getByTestId('numbers')).toContainText('应休 10 天 · 结转 1.5 天')
  await shoot(page, testInfo, 'leave-office')
  if (phone) {
    // Nothing runs off the side of a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    return
  }

  // 按单位批量设置: 文电科 (office.registry) gets 7 days; 王芳 is there.
  page.on('dialog', (d) => void d.accept())
  const bulk = page.locator('section', { has: page.getByRole('heading', { name: '按单位批量设置' }) })
  await bulk.getByRole('button', { name: '批量设置' }).click()
  await expect(bulk).toContainText('请填写应休天数或结转上限')
  const registry = await bulk.locator('select').locator('option', { hasText: '文电科' }).first().getAttribute('value')
  await bulk.locator('select').selectOption(registry!)
  await bulk.getByLabel(/年应休（天）/).fill('7')
  await bulk.getByRole('button', { name: '批量设置' }).click()
  await expect(bulk.getByRole('status')).toContainText(/已为 \d+ 人设置/)
  await expect(page.getByTestId('person-王芳').getByTestId('numbers')).toContainText('应休 7 天 · 结转 1.5 天')

  // The rule: a rule whose every step is for long leave only is refused; then 科长 → 办公室 over 2 days.
  const rule = page.locator('section', { has: page.getByRole('heading', { name: /请假审批规则/ }) })
  await expect(rule).toContainText('尚未设置')
  await rule.getByLabel('仅当请假超过（工作日）').first().fill('1')
  await rule.getByLabel('仅当请假超过（工作日）').nth(1).fill('2')
  await rule.getByRole('button', { name: '保存规则' }).click()
  await expect(rule).toContainText('至少有一步须适用于所有请假')
  await rule.getByLabel('仅当请假超过（工作日）').first().fill('')
  await expect(rule.getByTestId('rule-summary')).toContainText('科长（处长） → 办公室（请假管理）（超过 2 个工作日）')
  await rule.getByRole('button', { name: '保存规则' }).click()
  await expect(rule.getByRole('status')).toContainText('规则已保存')
  await page.reload()
  await expect(rule).not.toContainText('尚未设置')
  await shoot(page, testInfo, 'leave-office-after')
})

test('a person who is not the leave office is refused the page', async ({ page }) => {
  await signIn(page, 'drafter')
  await page.goto('/personal/leave')
  await expect(page.getByRole('link', { name: '请假管理' })).toHaveCount(0)
  await page.goto('/personal/leave/office')
  await expect(page.getByRole('heading', { name: '请假管理', level: 1 })).toHaveCount(0)
})
