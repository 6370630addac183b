import { expect, test } from './support/csp.ts'
import { signInWithForm } from './support/helpers.ts'

test('a clerk signs in and sees the workbench in Chinese', async ({ page }) => {
  await signInWithForm(page, 'clerk')
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('王芳')
  await expect(page.getByRole('link', { name: /通讯录/ }).first()).toBeVisible()
  // A clerk has no admin tile or tab.
  await expect(page.getByRole('link', { name: /^⚙?\s*管理$/ })).toHaveCount(0)
})

test('signs in by phone number too', async ({ page }) => {
  await signInWithForm(page, 'leader')
  await expect(page).toHaveURL(/\/$/)
  await page.goto('/account')
  const phone = (await page.getByText(/账号：leader/).textContent())!.match(/1\d{10}/)![0]
  await page.getByRole('button', { name: '退出登录' }).first().click()
  await expect(page).toHaveURL(/sign-in/)
  await signInWithForm(page, phone)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('陈建国')
})

test('wrong passwords lock the account, which then answers like an unknown one', async ({ page }, testInfo) => {
  // These accounts are used by this test only, one per project (the projects run in parallel).
  const account = testInfo.project.name === 'phone' ? 'deputy2' : 'deputy3'
  const refused = '账号或密码错误，或账号因多次输错已临时锁定。'
  for (let i = 0; i < 5; i++) {
    await signInWithForm(page, account, 'Wrong-password-1')
    await expect(page.locator('.alert[role=alert]')).toHaveText(refused)
  }
  // Locked: even the right password is refused, with the words an unknown account gets.
  await signInWithForm(page, account)
  await expect(page.locator('.alert[role=alert]')).toHaveText(refused)
  await signInWithForm(page, `nobody-${account}`)
  await expect(page.locator('.alert[role=alert]')).toHaveText(refused)
})

test('a demo administrator signs in with password and authenticator code', async ({ page }) => {
  await signInWithForm(page, 'secadmin')
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('郑晓东')
})

test('switches the language to English and back', async ({ page }) => {
  await signInWithForm(page, 'clerk')
  await expect(page).toHaveURL(/\/$/)
  await page.getByRole('button', { name: 'English' }).first().click()
  await expect(page.getByRole('heading', { name: 'Apps' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.getByRole('button', { name: '中文' }).first().click()
  await expect(page.getByRole('heading', { name: '应用' })).toBeVisible()
})
