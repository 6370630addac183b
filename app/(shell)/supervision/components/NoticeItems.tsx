import { getTranslations } from 'next-intl/server'
import Link from 'next/link'

/** On a 督办通知's document page: the supervision items it was drafted for (those the reader may see). */
export async function NoticeItems({ items }: { items: { id: string; title: string }[] }) {
  if (!items.length) return null
  const t = await getTranslations('supervision')
  return (
    <section className="card stack" data-testid="notice-items">
      <h2 style={{ margin: 0 }}>{t('noticeItems')}</h2>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {items.map((i) => <li key={i.id}><Link href={`/supervision/${i.id}`}>{i.title}</Link></li>)}
      </ul>
    </section>
  )
}
