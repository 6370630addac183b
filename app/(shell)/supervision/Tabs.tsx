import Link from 'next/link'
import { getTranslations } from 'next-intl/server'

/** The module's own tabs: my items, all items, dashboard, rankings. */
export async function SupervisionTabs({ current }: { current: 'mine' | 'all' | 'dashboard' | 'rankings' }) {
  const t = await getTranslations('supervision')
  const tabs = [
    { key: 'mine', href: '/supervision' },
    { key: 'all', href: '/supervision?view=all' },
    { key: 'dashboard', href: '/supervision/dashboard' },
    { key: 'rankings', href: '/supervision/rankings' },
  ] as const
  return (
    <nav className="tabs" aria-label={t('title')}>
      {tabs.map((tab) => <Link key={tab.key} href={tab.href} aria-current={tab.key === current ? 'page' : undefined}>{t(tab.key)}</Link>)}
    </nav>
  )
}
