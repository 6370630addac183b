/**
 * The one permission catalogue. A role is a set of these; a grant gives a role within a unit scope.
 * Later modules add their permissions here.
 */
export const permissions = {
  'unit.manage': { zh: '管理单位（新建、编辑、移动、停用）', en: 'Manage units (create, edit, move, deactivate)' },
  'person.manage': { zh: '管理人员（新建、编辑、停用、重置密码）', en: 'Manage people (create, edit, deactivate, reset password)' },
  'directory.import': { zh: '从 Excel 导入通讯录', en: 'Import the directory from Excel' },
  'directory.export': { zh: '导出通讯录到 Excel', en: 'Export the directory to Excel' },
  'role.manage': { zh: '管理角色与授权', en: 'Manage roles and grants' },
  'security.manage': { zh: '安全管理（解锁账号、结束会话）', en: 'Security (unlock accounts, end sessions)' },
  'audit.view': { zh: '查看并校验审计日志', en: 'View and verify the audit log' },
  'notice.send': { zh: '向本范围内的单位和人员发送必达通知', en: 'Send urgent notices to units and people in scope' },
  'mail.manage': { zh: '查看邮件发件箱并重发失败邮件', en: 'View the mail outbox and retry failed mail' },
  'document.register': { zh: '公文收发（编号、用印、分发、签收登记、归档本机关公文）', en: 'Document registry (number, seal, distribute, sign for, register and archive the organisation’s documents)' },
  'workflow.manage': { zh: '管理公文流程模板', en: 'Manage document workflow templates' },
  'seal.manage': { zh: '管理电子印章（登记印章、生成密钥、指定用印人）', en: 'Manage electronic seals (register seals, generate keys, choose who may use them)' },
} as const satisfies Record<string, { zh: string; en: string }>

export type Permission = keyof typeof permissions

export const allPermissions = Object.keys(permissions) as Permission[]

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(permissions, value)
}

/**
 * Built-in roles (等保 三员分立: system administrator, security administrator, auditor are separate).
 * `satisfies` makes the compiler reject an unknown permission name.
 */
export const systemRoles = {
  'system-admin': {
    name: '系统管理员', nameEn: 'System administrator',
    permissions: ['unit.manage', 'person.manage', 'directory.import', 'directory.export', 'mail.manage', 'workflow.manage', 'seal.manage'],
  },
  'security-admin': {
    name: '安全管理员', nameEn: 'Security administrator',
    permissions: ['role.manage', 'security.manage'],
  },
  'auditor': {
    name: '安全审计员', nameEn: 'Security auditor',
    permissions: ['audit.view'],
  },
  'notice-sender': {
    name: '通知发布员', nameEn: 'Notice sender',
    permissions: ['notice.send'],
  },
  'registry-clerk': {
    name: '文书（收发文）', nameEn: 'Registry clerk',
    permissions: ['document.register'],
  },
  'directory-clerk': {
    name: '通讯录维护员', nameEn: 'Directory clerk',
    permissions: ['person.manage', 'directory.export'],
  },
} as const satisfies Record<string, { name: string; nameEn: string; permissions: readonly Permission[] }>

export type SystemRoleKey = keyof typeof systemRoles
