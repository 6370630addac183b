import { expect, test } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { signIn } from './support/helpers.ts'

async function expectNoSeriousViolations(page: import('@playwright/test').Page) {
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([])
}

test('the sign-in page has no serious accessibility violations', async ({ page }) => {
  await page.goto('/sign-in')
  await expectNoSeriousViolations(page)
})

for (const [path, account] of [['/', 'clerk'], ['/directory', 'clerk'], ['/account', 'clerk'], ['/admin', 'admin'], ['/admin/people', 'admin'], ['/admin/roles', 'secadmin'], ['/admin/audit', 'auditor']] as const) {
  test(`${path} has no serious accessibility violations`, async ({ page }) => {
    await signIn(page, account)
    await page.goto(path)
    await expectNoSeriousViolations(page)
  })
}

test('pages fit a phone without horizontal scrolling', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'phone layout')
  await signIn(page, 'admin')
  for (const path of ['/', '/directory', '/account', '/admin/units']) {
    await page.goto(path)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow, path).toBeLessThanOrEqual(0)
  }
})
