import * as client from 'openid-client'
import { expect, test } from './support/csp.ts'
import { baseURL, e2ePort } from './support/env.ts'
import { signIn } from './support/helpers.ts'

// A departmental system (openid-client in this process) signs a person in through the platform's
// real sign-in page and consent screen; its callback address is answered by page.route.
test('an administrator registers a client; a person signs in to it through the platform and consents', async ({ page, browser }, testInfo) => {
  test.skip(testInfo.project.name === 'phone', 'one registration per run (the admin signs in with a second factor)')
  const callback = `http://localhost:${e2ePort + 9}/callback`
  await signIn(page, 'admin')
  await page.goto('/admin/sso')
  await page.getByLabel('名称').fill('人事系统')
  await page.getByLabel(/^回调地址/).fill(callback)
  await page.getByLabel('所在单位、职务').check()
  await page.getByRole('button', { name: '注册', exact: true }).click()
  const secretBox = page.getByTestId('client-secret')
  await expect(secretBox).toBeVisible()
  const clientId = (await secretBox.locator('code').first().textContent())!
  const clientSecret = (await page.getByTestId('client-secret-value').textContent())!
  await page.screenshot({ path: testInfo.outputPath('sso-admin.png'), fullPage: true })

  const config = await client.discovery(new URL(`${baseURL}/oidc`), clientId, undefined, client.ClientSecretBasic(clientSecret), { execute: [client.allowInsecureRequests] })
  const verifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const authorize = client.buildAuthorizationUrl(config, { redirect_uri: callback, scope: 'openid profile org', state, code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' })

  const context = await browser.newContext({ locale: 'zh-CN' })
  const person = await context.newPage()
  let returned = ''
  await context.route(`${callback}**`, (route) => { returned = route.request().url(); void route.fulfill({ body: 'ok' }) })
  await person.goto(authorize.href)
  await expect(person).toHaveURL(/\/sign-in\?next=%2Foidc%2Finteraction%2F/)
  await person.getByLabel(/账号或手机号/).fill('drafter')
  await person.getByLabel(/^密码$/).fill('Xietong@2026')
  await person.getByRole('button', { name: /^登录$/ }).click()
  await expect(person.getByRole('heading', { name: /“人事系统”请求使用您的协同账号登录/ })).toBeVisible()
  await expect(person.getByTestId('consent-claims')).toContainText('所在单位、职务')
  await person.screenshot({ path: testInfo.outputPath('sso-consent.png') })
  await person.getByRole('button', { name: '同意并登录' }).click()
  await expect.poll(() => returned).toContain('code=')
  const tokens = await client.authorizationCodeGrant(config, new URL(returned), { pkceCodeVerifier: verifier, expectedState: state })
  const me = await client.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub)
  expect(me).toMatchObject({ name: '张伟', account: 'drafter' })
  expect((me.posts as { title: string }[])[0]!.title).toBe('科员')
  await context.close()
})
