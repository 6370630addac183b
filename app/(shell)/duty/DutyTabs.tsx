import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import type { Actor } from '@/server/core/authz/index.ts'
import { dutyPolicy } from '@/server/duty/index.ts'

/** The duty pages' tabs; managers and the calendar's keepers see theirs. */
export async function DutyTabs({ actor, current }: { actor: Actor; current: 'board' | 'rosters' | 'posts' | 'unavailability' | 'calendar' | 'incidents' | 'settings' }) {
  const t = await getTranslations('duty')
  const tabs = [
    { key: 'board', href: '/duty' },
    { key: 'rosters', href: '/duty/rosters' },
    { key: 'incidents', href: '/duty/incidents' },
    ...(dutyPolicy.mayManageAnywhere(actor) ? [{ key: 'posts', href: '/duty/posts' }] : []),
    { key: 'unavailability', href: '/duty/unavailability' },
    ...(dutyPolicy.mayManageCalendar(actor) || dutyPolicy.mayManageAnywhere(actor) ? [{ key: 'calendar', href: '/duty/calendar' }] : []),
    ...(dutyPolicy.mayManageAnywhere(actor) ? [{ key: 'settings', href: '/duty/settings' }] : []),
  ] as const
  return (
    <nav className="tabs" aria-label={t('title')}>
      {tabs.map((tab) => (
        <Link key={tab.key} href={tab.href} aria-current={tab.key === current ? 'page' : undefined}>{t(`tabs.${tab.key}`)}</Link>
      ))}
    </nav>
  )
}
