'use client'
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { InboxBadge } from './InboxBadge.tsx'

/** `phone`: one of the few shown in the phone's tab bar; the rest are reached from the workbench's tiles. */
export type NavItem = { href: string; label: string; icon: string; phone?: boolean; badge?: { initial: number; label: string } }

function isActive(pathname: string, href: string) {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`)
}

export function NavLinks({ items, className, label }: { items: NavItem[]; className: string; label: string }) {
  const pathname = usePathname()
  return (
    <nav className={className} aria-label={label}>
      {items.map((item) => (
        <Link key={item.href} href={item.href} aria-current={isActive(pathname, item.href) ? 'page' : undefined}>
          <span className="nav-icon" aria-hidden="true">{item.icon}</span>
          <span>{item.label}</span>
          {item.badge ? <InboxBadge initial={item.badge.initial} label={item.badge.label} /> : null}
        </Link>
      ))}
    </nav>
  )
}
