import { getTranslations } from 'next-intl/server'
import Link from 'next/link'

/** 个人事务's tabs: the calendar and leave. */
export async function PersonalTabs({ current }: { current: 'calendar' | 'leave' }) {
  const t = await getTranslations('personal')
  return (
    <nav className="tabs" aria-label={t('title')}>
      <Link href="/personal/calendar" aria-current={current === 'calendar' ? 'page' : undefined}>{t('tabs.calendar')}</Link>
      <Link href="/personal/leave" aria-current={current === 'leave' ? 'page' : undefined}>{t('tabs.leave')}</Link>
    </nav>
  )
}
