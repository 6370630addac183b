import Link from 'next/link'
import { getTranslations } from 'next-intl/server'

/** The module's tabs: my unit's reports, the office's collections and templates, bulletins, ranking. */
export async function ReportingTabs({ current, isCollector }: { current: 'mine' | 'collections' | 'bulletins' | 'ranking'; isCollector: boolean }) {
  const t = await getTranslations('reporting')
  const tabs = [
    { key: 'mine', href: '/reporting' },
    ...(isCollector ? [{ key: 'collections', href: '/reporting?view=collections' }] : []),
    { key: 'bulletins', href: '/reporting/bulletins' },
    { key: 'ranking', href: '/reporting/bulletins/ranking' },
  ] as const
  return (
    <nav className="tabs" aria-label={t('title')}>
      {tabs.map((tab) => <Link key={tab.key} href={tab.href} aria-current={tab.key === current ? 'page' : undefined}>{t(`tabs.${tab.key}`)}</Link>)}
    </nav>
  )
}

export const statusKeys = ['NOT_STARTED', 'DRAFT', 'PENDING_REVIEW', 'RETURNED', 'SUBMITTED'] as const
