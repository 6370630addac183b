import { expect, test } from '@playwright/test'
import { personPage } from './support/people.ts'

test('an administrator creates a workflow template for one unit, with steps, and edits it', async ({ browser }, testInfo) => {
  const name = `卫健委简易发文（${testInfo.project.name}-${Date.now() % 100000}）`
  const admin = await personPage(browser, testInfo, 'admin')
  await admin.goto('/admin')
  await admin.getByRole('link', { name: /公文流程/ }).click()
  await admin.getByRole('link', { name: '新建模板' }).click()
  await admin.getByLabel('模板名称').fill(name)
  await admin.getByLabel('适用单位（含下级）').selectOption({ label: '　市卫生健康委员会' })
  await admin.getByRole('checkbox', { name: '通知' }).check()
  await admin.getByRole('button', { name: '添加环节' }).click()
  const second = admin.locator('.step-editor > li').nth(1)
  await second.getByLabel('环节类型').selectOption('SIGN_OFF')
  await second.getByLabel('环节名称').fill('签发')
  await second.getByLabel('办理人').selectOption('LEADER_IN_CHARGE')
  await admin.getByRole('button', { name: '保存' }).click()
  await expect(admin).toHaveURL(/\/admin\/workflows\/[0-9a-f-]{36}$/)
  await expect(admin.getByText('第 1 版')).toBeVisible()
  await admin.getByLabel('模板名称').fill(`${name}（修订）`)
  await admin.getByRole('button', { name: '保存' }).click()
  await expect(admin.getByRole('status')).toContainText('已在流转中的公文仍按原流程办理')
  await expect(admin.getByText('第 2 版')).toBeVisible()
  await admin.goto('/admin/workflows')
  await expect(admin.getByRole('link', { name: `${name}（修订）` })).toBeVisible()

  // Someone without workflow.manage cannot open it.
  const clerk = await personPage(browser, testInfo, 'clerk')
  await clerk.goto('/admin/workflows')
  await expect(clerk.getByRole('heading', { name: /无权|没有权限/ })).toBeVisible()
})

test('a leader delegates document steps to a colleague for a period, then revokes it', async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one delegation per run: both projects would share the account')
  const deputy = await personPage(browser, testInfo, 'deputy')
  await deputy.goto('/account')
  await deputy.getByRole('searchbox', { name: '受托人' }).fill('周文斌')
  await deputy.getByRole('button', { name: /周文斌/ }).click()
  await deputy.getByLabel('事由').fill('出差')
  await deputy.getByRole('button', { name: '委托', exact: true }).click()
  const row = deputy.getByRole('listitem').filter({ hasText: '周文斌' }).filter({ hasText: '出差' })
  await expect(row).toBeVisible()
  const secgen = await personPage(browser, testInfo, 'secgen')
  await secgen.goto('/account')
  await expect(secgen.getByRole('listitem').filter({ hasText: '刘海涛' })).toBeVisible()
  await row.getByRole('button', { name: '撤销' }).click()
  await expect(row).toHaveCount(0)
})

test('the registry reserves a document number and voids it, with reasons, in the number register', async ({ browser }, testInfo) => {
  const reason = `预留给常务会议纪要（${testInfo.project.name}-${Date.now() % 100000}）`
  const clerk = await personPage(browser, testInfo, 'clerk')
  await clerk.goto('/documents')
  await clerk.getByRole('link', { name: '文号登记簿' }).click()
  await clerk.getByLabel('事由').fill(reason)
  await clerk.getByRole('button', { name: '预留文号' }).click()
  const row = clerk.getByTestId('numbers').getByRole('row').filter({ hasText: reason })
  await expect(row).toContainText('预留')
  await expect(row).toContainText(/泰政办发〔\d{4}〕\d+号/)
  clerk.once('dialog', (dialog) => void dialog.accept('会议取消'))
  await row.getByRole('button', { name: /作废/ }).click()
  await expect(clerk.getByTestId('numbers').getByRole('row').filter({ hasText: '会议取消' })).toContainText('已作废')
})
