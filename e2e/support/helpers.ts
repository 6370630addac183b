import { expect, type Page } from '@playwright/test'
import { baseURL } from './env.ts'

export const DEMO_PASSWORD = 'Xietong@2026'

/** Sign in through the real form. */
export async function signInWithForm(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.goto('/sign-in')
  await page.getByLabel(/账号或手机号|Account or phone/).fill(login)
  await page.getByLabel(/^密码$|^Password$/).fill(password)
  await page.getByRole('button', { name: /^登录$|^Sign in$/ }).click()
}

/** Sign in through the API (same cookies as the form), for tests about something else. */
export async function signIn(page: Page, login: string, password = DEMO_PASSWORD) {
  const response = await page.request.post('/api/auth/sign-in', {
    data: { login, password },
    headers: { origin: new URL(baseURL).origin },
  })
  expect(response.ok(), await response.text()).toBeTruthy()
}

export async function openNav(page: Page, name: RegExp) {
  const isPhone = (page.viewportSize()?.width ?? 1000) < 769
  await page.getByRole('navigation', { name: /主导航|Main navigation/ }).filter({ visible: true }).getByRole('link', { name }).click()
  return isPhone
}
