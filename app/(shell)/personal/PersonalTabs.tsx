import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import type { Actor } from '@/server/core/authz/index.ts'
import { hasPermission } from '@/server/core/authz/index.ts'

/** 个人事务's tabs: the calendar and leave, and for the leave office its page. */
export async function PersonalTabs({ current, actor }: { current: 'calendar' | 'leave' | 'office'; actor?: Actor }) {
  const t = await getTranslations('personal')
  return (
    <nav className="tabs" aria-label={t('title')}>
      <Link href="/personal/calendar" aria-current={current === 'calendar' ? 'page' : undefined}>{t('tabs.calendar')}</Link>
      <Link href="/personal/leave" aria-current={current === 'leave' ? 'page' : undefined}>{t('tabs.leave')}</Link>
      {current === 'office' || (actor && hasPermission(actor, 'leave.manage')) ? <Link href="/personal/leave/office" aria-current={current === 'office' ? 'page' : undefined}>{t('tabs.office')}</Link> : null}
    </nav>
  )
}
