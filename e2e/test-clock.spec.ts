import { expect, test } from '@playwright/test'
import { hours, runJob, shiftClock } from './support/clock.ts'
import { signIn } from './support/helpers.ts'

// The e2e clock itself (e2e/support/clock.ts): one browser context moved in time, the others not, and a
// job run as at a moved time. Modules' journeys (urging, deadlines, timers) rely on both.

/** The offset that puts Beijing time at 09:00 or 21:00, whichever part of the day it is not now. */
function offsetToOtherHalfOfDay(): { offset: number; greeting: RegExp; now: RegExp } {
  const beijingHour = new Date(Date.now() + hours(8)).getUTCHours()
  const morningNow = beijingHour >= 5 && beijingHour < 12
  const target = morningNow ? 21 : 9
  const offset = hours(((target - beijingHour + 24) % 24) || 24)
  return { offset, greeting: morningNow ? /晚上好/ : /上午好/, now: morningNow ? /上午好/ : /下午好|晚上好/ }
}

test('a shifted browser sees its own time, a job runs as at the time asked, and other browsers keep the real time', async ({ page, browser }) => {
  const { offset, greeting, now } = offsetToOtherHalfOfDay()
  await shiftClock(page.context(), offset)
  await signIn(page, 'drafter')
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toContainText(greeting)

  const other = await browser.newPage()
  await signIn(other, 'drafter')
  await other.goto('/')
  await expect(other.getByRole('heading', { level: 1 })).toContainText(now)
  await other.close()

  const { at } = await runJob(page.request, 'inbox.due-reminders', offset)
  expect(Math.abs(Date.parse(at) - (Date.now() + offset))).toBeLessThan(60_000)
  const missing = await page.request.post('/__test/jobs/no-such-job')
  expect(missing.status()).toBe(404)
})
