import { holdsAnywhere, type Actor, type Permission } from '@/server/core/authz/index.ts'
import { METRICS_PERMISSIONS } from '@/server/metrics/index.ts'

/**
 * The admin pages and the permission that opens each; the shell and the hub show only these. Holding
 * the permission anywhere shows the entry; what each page lists is scoped by its module's policy.
 */
const sections = [
  { key: 'units', href: '/admin/units', icon: '单', permission: 'unit.manage' },
  { key: 'people', href: '/admin/people', icon: '人', permission: 'person.manage' },
  { key: 'import', href: '/admin/import', icon: '导', permission: 'directory.import' },
  { key: 'roles', href: '/admin/roles', icon: '权', permission: 'role.manage' },
  { key: 'audit', href: '/admin/audit', icon: '审', permission: 'audit.view' },
  { key: 'messages', href: '/admin/messages', icon: '讯', permission: 'audit.view' },
  { key: 'messageRetention', href: '/admin/message-retention', icon: '存', permission: 'security.manage' },
  { key: 'mail', href: '/admin/mail', icon: '邮', permission: 'mail.manage' },
  { key: 'workflows', href: '/admin/workflows', icon: '流', permission: 'workflow.manage' },
  { key: 'seals', href: '/admin/seals', icon: '印', permission: 'seal.manage' },
  { key: 'calendar', href: '/duty/calendar', icon: '历', permission: 'calendar.manage' },
  { key: 'sso', href: '/admin/sso', icon: '登', permission: 'app.manage' },
  { key: 'metrics', href: '/admin/metrics', icon: '数', permission: 'metrics.view' },
] as const satisfies readonly { key: string; href: string; icon: string; permission: Permission }[]

export type AdminSection = (typeof sections)[number]

export function adminSections(actor: Actor): AdminSection[] {
  return sections.filter((s) => holdsAnywhere(actor, s.permission) || (s.key === 'import' && holdsAnywhere(actor, 'directory.export')) || (s.key === 'metrics' && METRICS_PERMISSIONS.some((p) => holdsAnywhere(actor, p))))
}
