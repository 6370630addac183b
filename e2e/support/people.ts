import type { Browser, Page, TestInfo } from '@playwright/test'
import { signIn } from './helpers.ts'
import { watchCsp } from './csp.ts'

/** A browser context of its own for one person, signed in, with the project's device settings. */
export async function personPage(browser: Browser, testInfo: TestInfo, account: string, device: 'project' | 'phone' = 'project'): Promise<Page> {
  const { viewport, deviceScaleFactor, isMobile, hasTouch, locale, timezoneId, baseURL } = testInfo.project.use
  const settings = device === 'phone'
    ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true }
    : { viewport, deviceScaleFactor, isMobile, hasTouch }
  const context = await browser.newContext({ ...settings, locale, timezoneId, baseURL })
  watchCsp(context)
  const page = await context.newPage()
  await signIn(page, account)
  return page
}
