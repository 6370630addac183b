import { expect, test, type Page } from '@playwright/test'
import { PDFDocument } from 'pdf-lib'
import { personPage } from './support/people.ts'

async function onePagePdf() {
  const pdf = await PDFDocument.create()
  pdf.addPage([595, 842])
  return Buffer.from(await pdf.save())
}

/**
 * 提交 → 核稿 → 签发 → 复核 → 编号 → 用印 → 分发, each irreversible step asked once in a dialog that
 * says what will happen (next step and people from the server, the number, the seal, the recipients);
 * the page follows every action without a reload, its editor connected, not 离线; after 签发 the
 * attachments can no longer be changed. Runs in both projects (the leader and the office on a phone).
 */
test('irreversible steps ask first, say what will happen, and the page stays live', async ({ browser }, testInfo) => {
  test.setTimeout(240_000)
  const device = testInfo.project.name
  const title = `关于做好岁末年初安全防范工作的通知（${device}${Date.now() % 100000}）`
  const step = (page: Page) => page.getByTestId('document-step')
  const status = (page: Page) => page.getByTestId('editor-status')
  const dialog = (page: Page) => page.getByRole('dialog')
  const live = async (page: Page) => {
    await expect(status(page)).toHaveText('已连接 · 已保存')
    await expect(status(page)).toHaveAttribute('data-state', 'connected')
  }
  const shoot = async (page: Page, name: string) => {
    await page.screenshot({ path: testInfo.outputPath(`${name}-${device}.png`) })
  }
  const confirm = async (page: Page) => {
    const revision = await page.locator('.document-page').getAttribute('data-revision')
    await dialog(page).getByTestId('confirm-action').click()
    // 签发 renders the signed-off PDF before it answers: slow on a loaded machine; the dialog waits, disabled.
    await expect(dialog(page)).toBeHidden({ timeout: 30_000 })
    await expect(page.locator('.document-page')).not.toHaveAttribute('data-revision', revision!)
  }

  // 创建草稿 keeps what was typed in 主送机关 and 抄送机关.
  const drafter = await personPage(browser, testInfo, 'drafter')
  await drafter.goto('/documents/new')
  await drafter.getByLabel('标题').fill(title)
  await drafter.getByLabel('主送机关').fill('秘书科')
  await drafter.getByLabel('抄送机关').fill('区政府办公室')
  await drafter.getByRole('button', { name: '创建草稿' }).click()
  await expect(drafter).toHaveURL(/\/documents\/[0-9a-f-]{36}$/)
  const url = drafter.url()
  const meta = drafter.locator('.meta-grid')
  await expect(meta.locator('div').filter({ hasText: '主送机关' }).locator('dd')).toHaveText('秘书科')
  await expect(meta.locator('div').filter({ hasText: '抄送机关' }).locator('dd')).toHaveText('区政府办公室')
  await drafter.getByTestId('attachments').getByLabel('上传附件').setInputFiles({ name: '检查表.pdf', mimeType: 'application/pdf', buffer: await onePagePdf() })
  await expect(drafter.getByTestId('attachments').getByRole('link', { name: '检查表.pdf' })).toBeVisible()
  await live(drafter)

  // 提交 sits in the action area, not in the co-drafters' card, and asks first.
  const actions = drafter.getByRole('region', { name: '办理' })
  await expect(drafter.getByRole('region', { name: '共同起草人' }).getByTestId('submit-draft')).toHaveCount(0)
  await actions.getByTestId('submit-draft').click()
  await expect(dialog(drafter)).toBeVisible()
  await expect(dialog(drafter).getByTestId('next-step')).toContainText('核稿')
  await expect(dialog(drafter).getByTestId('next-step')).toContainText('吴明')
  await shoot(drafter, 'confirm-submit')
  // Cancelling changes nothing.
  await dialog(drafter).getByRole('button', { name: '取消' }).click()
  await expect(step(drafter)).toHaveText('草稿')
  await actions.getByTestId('submit-draft').click()
  await confirm(drafter)
  await expect(step(drafter)).toHaveText('核稿')
  await live(drafter)

  // 核稿: the return list names the drafter; the dialog names the leader who signs next.
  const head = await personPage(browser, testInfo, 'head')
  await head.goto(url)
  await live(head)
  await head.locator('summary', { hasText: '退回' }).click()
  await expect(head.getByLabel('退回到').locator('option')).toHaveText(['拟稿人 · 张伟'])
  await head.locator('summary', { hasText: '退回' }).click()
  await head.getByRole('button', { name: '拟同意，请领导审签。' }).click()
  await head.getByTestId('act').click()
  await expect(dialog(head).getByTestId('next-step')).toContainText('签发')
  await expect(dialog(head).getByTestId('next-step')).toContainText('陈建国')
  await expect(dialog(head).getByTestId('next-step')).toContainText('会签')
  await confirm(head)
  await expect(step(head)).toHaveText('签发')
  await live(head)

  // 签发 says that the text becomes final.
  const leader = await personPage(browser, testInfo, 'leader')
  await leader.goto(url)
  await live(leader)
  await leader.getByLabel('办理意见').fill('同意印发。')
  await leader.getByTestId('act').click()
  await expect(dialog(leader)).toContainText('定稿')
  await expect(dialog(leader).getByTestId('next-step')).toContainText('复核')
  await shoot(leader, 'confirm-sign-off')
  await confirm(leader)
  await expect(step(leader)).toHaveText('复核')
  await live(leader)

  // The office: attachments are final now; 复核, 编号 (the number shown is the one issued), 用印, 分发.
  const clerk = await personPage(browser, testInfo, 'clerk')
  await clerk.goto(url)
  await live(clerk)
  const attachments = clerk.getByTestId('attachments')
  await expect(attachments.getByTestId('attachments-frozen')).toBeVisible()
  await expect(attachments.getByLabel('上传附件')).toHaveCount(0)
  await expect(attachments.getByRole('button', { name: /删除/ })).toHaveCount(0)
  await clerk.getByTestId('act').click()
  await expect(dialog(clerk).getByTestId('next-step')).toContainText('编号登记')
  await confirm(clerk)
  await expect(step(clerk)).toHaveText('编号登记')

  await clerk.getByRole('button', { name: '编号', exact: true }).click()
  const shown = dialog(clerk).getByTestId('next-step').locator('dd').first()
  await expect(shown).toHaveText(/^泰政办发〔\d{4}〕\d+号$/)
  const number = (await shown.textContent())!
  await expect(dialog(clerk).getByTestId('next-step')).toContainText('用印')
  await shoot(clerk, 'confirm-number')
  await confirm(clerk)
  await expect(clerk.getByTestId('document-number')).toHaveText(number)
  await expect(step(clerk)).toHaveText('用印')
  await live(clerk)

  await clerk.getByTestId('seal-panel').getByRole('button', { name: '用印' }).click()
  await expect(dialog(clerk).getByTestId('next-step')).toContainText('泰和市人民政府办公室')
  await expect(dialog(clerk).getByTestId('next-step')).toContainText('分发')
  await expect(dialog(clerk)).toContainText('更正')
  await shoot(clerk, 'confirm-seal')
  await confirm(clerk)
  await expect(step(clerk)).toHaveText('分发')
  await live(clerk)

  // 分发 starts from the document's 主送 and 抄送.
  await expect(clerk.getByTestId('recipients-preselected')).toBeVisible()
  await expect(clerk.getByRole('checkbox', { name: '秘书科' })).toBeChecked()
  await expect(clerk.getByRole('checkbox', { name: '区政府办公室' })).toBeChecked()
  await clerk.getByRole('button', { name: '分发', exact: true }).click()
  const recipients = dialog(clerk).getByTestId('confirm-recipients')
  await expect(recipients).toContainText('2 个单位')
  await expect(recipients.locator('div').filter({ hasText: '主送' }).locator('dd')).toHaveText('秘书科')
  await expect(recipients.locator('div').filter({ hasText: '抄送' }).locator('dd')).toHaveText('区政府办公室')
  await expect(dialog(clerk).getByTestId('next-step')).toContainText('办结')
  await shoot(clerk, 'confirm-distribute')
  await confirm(clerk)
  await expect(step(clerk)).toHaveText('已办结')
  await expect(clerk.getByTestId('distributions')).toContainText('未签收')
  await live(clerk)
  // The drafter's page, never reloaded, is still connected.
  await live(drafter)
})
