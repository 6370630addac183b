import { expect, test } from '@playwright/test'
import { signIn } from './support/helpers.ts'

test.beforeEach(async ({ page }) => {
  await signIn(page, 'clerk')
})

test('browses the unit tree', async ({ page }) => {
  await page.goto('/directory')
  await page.getByRole('link', { name: /市财政局/ }).click()
  await expect(page.getByRole('heading', { name: '市财政局', level: 2 })).toBeVisible()
  await page.getByRole('link', { name: /预算科/ }).click()
  await expect(page.getByRole('heading', { name: '预算科', level: 2 })).toBeVisible()
  await expect(page.locator('.person-row').first()).toBeVisible()
})

for (const query of ['陈建国', 'chenjianguo', 'cjg']) {
  test(`finds the mayor by “${query}”`, async ({ page }) => {
    await page.goto('/directory')
    await page.getByRole('searchbox').fill(query)
    await page.getByRole('searchbox').press('Enter')
    await expect(page.getByRole('heading', { name: new RegExp(query) })).toBeVisible()
    await page.getByRole('link', { name: /陈建国/ }).click()
    await expect(page.getByRole('heading', { name: '陈建国', level: 1 })).toBeVisible()
    await expect(page.getByText('市长')).toBeVisible()
  })
}
