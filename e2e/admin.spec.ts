import { expect, test } from '@playwright/test'
import { directoryWorkbook } from '../server/test/workbooks.ts'
import { baseURL } from './support/env.ts'
import { signIn } from './support/helpers.ts'

async function workbook(units: (string | number)[][], people: string[][]): Promise<Buffer> {
  return Buffer.from(await directoryWorkbook(units, people))
}

test('a clerk is refused an admin page and an admin API', async ({ page }) => {
  await signIn(page, 'clerk')
  await page.goto('/admin/units')
  await expect(page.getByRole('heading', { name: '无权访问' })).toBeVisible()
  const response = await page.request.post('/api/admin/units', {
    headers: { origin: new URL(baseURL).origin },
    data: { parentId: '00000000-0000-7000-8000-000000000000', name: 'x', shortName: 'x', kind: 'DEPARTMENT' },
  })
  expect(response.status()).toBe(403)
  // Without the CSRF token the request is refused before any permission check.
  expect((await response.json()).error.code).toBe('auth.csrf')
  const csrf = (await page.context().cookies()).find((c) => c.name.endsWith('xt_csrf'))!.value
  const withToken = await page.request.post('/api/admin/units', {
    headers: { origin: new URL(baseURL).origin, 'x-csrf-token': csrf },
    data: { parentId: '00000000-0000-7000-8000-000000000000', name: 'x', shortName: 'x', kind: 'DEPARTMENT' },
  })
  expect(withToken.status()).toBe(403)
  expect((await withToken.json()).error).toMatchObject({ code: 'forbidden', message: '您没有执行此操作的权限。' })
})

test('an admin imports an invalid Excel file, sees every bad row, and nothing is imported', async ({ page }, testInfo) => {
  await signIn(page, 'admin')
  const tag = `${testInfo.project.name}${Date.now() % 100000}`
  const file = await workbook(
    [[`泰和市人民政府/测试局${tag}`, '测试局', '', '部门', 1], [`泰和市人民政府/不存在/科${tag}`, '科', '', '处室', 1]],
    [[`ok${tag}`, '赵一', '', '', `泰和市人民政府/测试局${tag}`, '科员', '', '是', '', ''], [`bad${tag}`, '钱二', '12345', '', `泰和市人民政府/测试局${tag}`, '科员', '', '是', '', '']],
  )
  await page.goto('/admin/import')
  await page.getByLabel('Excel 文件（.xlsx）').setInputFiles({ name: 'bad.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file })
  await page.getByRole('button', { name: '导入' }).click()
  await expect(page.locator('.alert[role=alert]')).toContainText('未导入任何内容')
  const rows = page.locator('table tbody tr')
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(0)).toContainText('上级单位不存在')
  await expect(rows.nth(1)).toContainText('手机号格式不正确')
  await expect(rows.nth(1)).toContainText('3')
  await page.goto(`/directory?q=ok${tag}`)
  await expect(page.getByText('没有找到人员。')).toBeVisible()
})

test('an admin imports a valid Excel file and the people appear in the directory', async ({ page }, testInfo) => {
  await signIn(page, 'admin')
  const tag = `${testInfo.project.name === 'phone' ? 'p' : 'd'}${Date.now() % 100000}`
  const file = await workbook(
    [[`泰和市人民政府/数据局${tag}`, `数据局${tag}`, `泰数${tag}`, '部门', 20]],
    [[`sj${tag}`, '欧阳明月', '', '', `泰和市人民政府/数据局${tag}`, '局长', '主要领导', '是', '', 'Import-Pass-2026']],
  )
  await page.goto('/admin/import')
  await page.getByLabel('Excel 文件（.xlsx）').setInputFiles({ name: 'ok.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file })
  await page.getByRole('button', { name: '导入' }).click()
  await expect(page.getByRole('status')).toContainText('新建单位 1 个')
  await page.goto(`/directory?q=sj${tag}`)
  await expect(page.getByRole('link', { name: /欧阳明月/ })).toBeVisible()
})
