import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test, type Cookie, type Page } from '@playwright/test'
import { generate } from 'otplib'
import { baseURL } from './env.ts'

export const DEMO_PASSWORD = 'Xietong@2026'

/** DEMO_TOTP_SECRET in server/platform/demo-data.ts: the demo administrators' second factor. */
export const DEMO_TOTP_SECRET = 'XIETONGDEMOTOTPXIETONGDEMOTOTP23'
const withSecondFactor = new Set(['admin', 'secadmin', 'auditor'])

/** Sign in through the real form (and its second-factor step for the demo administrators). */
export async function signInWithForm(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.goto('/sign-in')
  await page.getByLabel(/账号或手机号|Account or phone/).fill(login)
  await page.getByLabel(/^密码$|^Password$/).fill(password)
  await page.getByRole('button', { name: /^登录$|^Sign in$/ }).click()
  if (withSecondFactor.has(login) && password === DEMO_PASSWORD) {
    await page.getByLabel(/^动态码$|^Code$/).fill(await unusedCode(login))
    await page.getByRole('button', { name: /^验证$|^Verify$/ }).click()
  }
}

// Signed-in cookies of the demo administrators, per worker process: each sign-in spends a TOTP time
// step (the server accepts a step once per person), so they sign in once and later pages reuse it.
const signedIn = new Map<string, Cookie[]>()

/** Sign in through the API (same cookies as the form), for tests about something else. */
export async function signIn(page: Page, login: string, password = DEMO_PASSWORD) {
  const isAdministrator = withSecondFactor.has(login) && password === DEMO_PASSWORD
  const saved = isAdministrator ? signedIn.get(login) : undefined
  if (saved) return page.context().addCookies(saved)
  const origin = new URL(baseURL).origin
  const response = await page.request.post('/api/auth/sign-in', { data: { login, password }, headers: { origin } })
  expect(response.ok(), await response.text()).toBeTruthy()
  const { next } = (await response.json()) as { next: string }
  if (next === 'second_factor') {
    const csrf = (await page.context().cookies()).find((c) => c.name.endsWith('xt_csrf'))?.value ?? ''
    const code = await page.request.post('/api/auth/second-factor', { data: { code: await unusedCode(login) }, headers: { origin, 'x-csrf-token': csrf } })
    expect(code.ok(), await code.text()).toBeTruthy()
  }
  if (isAdministrator) signedIn.set(login, await page.context().cookies())
}

/**
 * A code for a time step no sign-in of this run has used for the account yet. Both projects' workers
 * sign in as the same administrators, so the last step used is kept in a file under a lock (a
 * directory, created atomically) in the run's output folder. The server accepts the step before and
 * after the current one (clock drift), so a second sign-in within one step takes the next step; a
 * third waits, polling, until that step has begun.
 */
async function unusedCode(account: string): Promise<string> {
  const dir = path.join(test.info().project.outputDir, '.totp-steps')
  mkdirSync(dir, { recursive: true })
  const lock = path.join(dir, `${account}.lock`)
  const deadline = Date.now() + 45_000
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch {
      const held = statSync(lock, { throwIfNoEntry: false })
      if (held && Date.now() - held.mtimeMs > 10_000) rmSync(lock, { recursive: true, force: true }) // its holder died
      if (Date.now() > deadline) throw new Error(`TOTP step lock for ${account} not free`)
      await new Promise((r) => setTimeout(r, 20))
    }
  }
  try {
    const file = path.join(dir, `${account}.step`)
    const last = Number(readFileSync(file, { encoding: 'utf8', flag: 'a+' }) || 0)
    const currentStep = () => Math.floor(Date.now() / 30_000)
    const step = Math.max(currentStep(), last + 1)
    while (currentStep() < step - 1) {
      if (Date.now() > deadline) throw new Error(`no TOTP step free for ${account}`)
      await new Promise((r) => setTimeout(r, 200))
    }
    writeFileSync(file, String(step))
    return generate({ secret: DEMO_TOTP_SECRET, epoch: step * 30 })
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

export async function openNav(page: Page, name: RegExp) {
  const isPhone = (page.viewportSize()?.width ?? 1000) < 769
  await page.getByRole('navigation', { name: /主导航|Main navigation/ }).filter({ visible: true }).getByRole('link', { name }).click()
  return isPhone
}

/** Creates a draft from /documents/new with this title and waits for its page. */
export async function createDraft(page: Page, title: string): Promise<void> {
  await page.goto('/documents/new')
  await page.getByLabel('标题').fill(title)
  await page.getByRole('button', { name: '创建草稿' }).click()
  await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}$/)
}
