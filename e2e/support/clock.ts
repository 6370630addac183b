/**
 * Moving time in end-to-end tests without moving it for the tests beside them. The e2e platform runs
 * with XIETONG_TEST_CLOCK=1 (e2e/support/server.ts):
 *   await shiftClock(page.context(), days(3))   // this browser now lives three days ahead
 *   await runJob(page.request, 'supervision.urge-sweep', days(3))   // a sweep, run as at that time
 * Only this context's requests and the job run are shifted; the browser's own Date is not.
 */
import { expect, type APIRequestContext, type BrowserContext } from '@playwright/test'
import { baseURL } from './env.ts'

export const minutes = (n: number) => n * 60_000
export const hours = (n: number) => n * 3_600_000
export const days = (n: number) => n * 86_400_000

export async function shiftClock(context: BrowserContext, offsetMs: number): Promise<void> {
  const { hostname } = new URL(baseURL)
  await context.addCookies([{ name: 'xt_test_clock', value: String(Math.round(offsetMs)), domain: hostname, path: '/' }])
}

/** Run one job's handler now, as at now + offsetMs, and wait for it to finish. */
export async function runJob(request: APIRequestContext, name: string, offsetMs = 0, payload?: object): Promise<{ at: string }> {
  const response = await request.post(`${baseURL}/__test/jobs/${encodeURIComponent(name)}?offset=${Math.round(offsetMs)}`, payload ? { data: payload } : {})
  expect(response.status(), await response.text()).toBe(200)
  return (await response.json()) as { at: string }
}
