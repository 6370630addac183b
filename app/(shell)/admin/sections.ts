import { hasPermission, type Actor, type Permission } from '@/server/core/authz/index.ts'

/** The admin pages and the permission that opens each; the shell and the hub show only these. */
const sections = [
  { key: 'units', href: '/admin/units', icon: '🏛', permission: 'unit.manage' },
  { key: 'people', href: '/admin/people', icon: '👥', permission: 'person.manage' },
  { key: 'import', href: '/admin/import', icon: '⇅', permission: 'directory.import' },
  { key: 'roles', href: '/admin/roles', icon: '🔑', permission: 'role.manage' },
  { key: 'audit', href: '/admin/audit', icon: '📜', permission: 'audit.view' },
] as const satisfies readonly { key: string; href: string; icon: string; permission: Permission }[]

export type AdminSection = (typeof sections)[number]

export function adminSections(actor: Actor): AdminSection[] {
  return sections.filter((s) => hasPermission(actor, s.permission) || (s.key === 'import' && hasPermission(actor, 'directory.export')))
}
