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
  'supervision.manage': { zh: '督查室（立项、交办、催办、审核办结、评价、发布排名）', en: 'Supervision office (open, assign, urge, review completion, rate, publish rankings)' },
  'calendar.manage': { zh: '维护法定节假日与调休日历', en: 'Maintain the official holiday and make-up working day calendar' },
  'duty.manage': { zh: '管理本单位值班（值班岗位、班次、值班表、换班审批）', en: 'Manage the unit’s duty (posts, shifts, rosters, swap approvals)' },
  'duty.oversee': { zh: '上级值班室：查看下级单位报备的值班表和突发事件信息', en: 'Upper duty office: see filed rosters and incident reports of the units below' },
  'meeting.organise': { zh: '办会（管理会议室、审批预定、组织会议、为本单位报名）', en: 'Organise meetings (manage rooms, approve bookings, hold meetings, name the unit’s attendees)' },
  'leave.manage': { zh: '办公室：查看本单位人员请假、终审超过规定天数的请假、维护年休假天数', en: 'Office: see the unit’s leave, give the final approval of long leave, keep annual leave entitlements' },
  'app.manage': { zh: '管理本范围的微应用与单点登录客户端（安装、启用、预授权、注册客户端）', en: 'Manage micro-apps and single sign-on clients in scope (install, enable, pre-approve, register clients)' },
  'metrics.view': { zh: '查看本范围单位的运营指标（开通率、活跃度、模块使用）并导出', en: 'View and export the platform metrics of units in scope (activation, activity, module use)' },
  'report.collect': { zh: '数据报送与信息报送（建填报模板、发起报送任务、查看汇总、编发政务信息）', en: 'Data collection and bulletins (build report templates, send collections, see summaries, compile bulletins)' },
  'report.fill': { zh: '为本单位填报数据、报送信息', en: 'Fill in the unit’s reports and submit news items' },
  'report.review': { zh: '审核本单位的报送数据（退回或审核上报）', en: 'Review the unit’s reports (send back, or approve and submit)' },
  'app.review': { zh: '审核微应用上架、轮换单点登录签名密钥（平台）', en: 'Review micro-apps for the store and rotate the sign-on signing keys (platform)' },
} as const satisfies Record<string, { zh: string; en: string }>

export type Permission = keyof typeof permissions

export const allPermissions = Object.keys(permissions) as Permission[]

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(permissions, value)
}

/**
 * Built-in roles (等保 三员分立: system administrator, security administrator, auditor are separate).
 * `satisfies` makes the compiler reject an unknown permission name. `requiresTotp`: whoever holds the
 * role signs in with a second factor (and must enrol one before the session is usable); the three
 * administrator roles require it.
 */
export const systemRoles = {
  'system-admin': {
    name: '系统管理员', nameEn: 'System administrator',
    permissions: ['unit.manage', 'person.manage', 'directory.import', 'directory.export', 'mail.manage', 'workflow.manage', 'seal.manage', 'app.manage', 'app.review'],
    requiresTotp: true,
  },
  'security-admin': {
    name: '安全管理员', nameEn: 'Security administrator',
    permissions: ['role.manage', 'security.manage'],
    requiresTotp: true,
  },
  'auditor': {
    name: '安全审计员', nameEn: 'Security auditor',
    permissions: ['audit.view'],
    requiresTotp: true,
  },
  'notice-sender': {
    name: '通知发布员', nameEn: 'Notice sender',
    permissions: ['notice.send'],
  },
  'registry-clerk': {
    name: '文书（收发文）', nameEn: 'Registry clerk',
    permissions: ['document.register'],
  },
  'supervision-office': {
    name: '督查室督办员', nameEn: 'Supervision officer',
    permissions: ['supervision.manage'],
  },
  'meeting-clerk': {
    name: '会务员', nameEn: 'Meeting clerk',
    permissions: ['meeting.organise'],
  },
  'directory-clerk': {
    name: '通讯录维护员', nameEn: 'Directory clerk',
    permissions: ['person.manage', 'directory.export'],
  },
  'duty-manager': {
    name: '值班管理员', nameEn: 'Duty manager',
    permissions: ['duty.manage'],
  },
  'calendar-keeper': {
    name: '节假日日历维护员', nameEn: 'Holiday calendar keeper',
    permissions: ['calendar.manage'],
  },
  'metrics-viewer': {
    name: '运营指标查看员', nameEn: 'Metrics viewer',
    permissions: ['metrics.view'],
  },
  'leave-office': {
    name: '办公室（请假审批）', nameEn: 'Office (leave approval)',
    permissions: ['leave.manage'],
  },
  'duty-office': {
    name: '值班室（上级）', nameEn: 'Upper duty office',
    permissions: ['duty.oversee'],
  },
  'report-collector': {
    name: '信息报送管理员', nameEn: 'Report collector',
    permissions: ['report.collect'],
  },
  'report-filler': {
    name: '数据填报员', nameEn: 'Report filler',
    permissions: ['report.fill'],
  },
  'report-reviewer': {
    name: '数据审核员', nameEn: 'Report reviewer',
    permissions: ['report.review'],
  },
} as const satisfies Record<string, { name: string; nameEn: string; permissions: readonly Permission[]; requiresTotp?: boolean }>

export type SystemRoleKey = keyof typeof systemRoles

/**
 * The three administrator duties (三员分立), each the permission set of its built-in role. One person
 * holds permissions of at most one duty, by whatever roles; `server/access` enforces it on every grant.
 */
export const administratorDuties = {
  system: systemRoles['system-admin'].permissions,
  security: systemRoles['security-admin'].permissions,
  audit: systemRoles['auditor'].permissions,
} as const satisfies Record<string, readonly Permission[]>

export type AdministratorDuty = keyof typeof administratorDuties

/** Administrator permissions: the union of the three duties. Everything else is a business permission. */
export const administratorPermissions: readonly Permission[] = Object.values(administratorDuties).flat()

export function isAdministratorPermission(permission: string): boolean {
  return (administratorPermissions as readonly string[]).includes(permission)
}

/** The duties a set of permissions reaches into. */
export function dutiesOf(permissions: Iterable<string>): AdministratorDuty[] {
  const held = new Set(permissions)
  return (Object.keys(administratorDuties) as AdministratorDuty[]).filter((duty) => administratorDuties[duty].some((p) => held.has(p)))
}
