import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { asDays } from '@/server/personal/index.ts'

type Row = { id: string; type: string; startDate: string; startHalf: string; endDate: string; endHalf: string; halfDays: number; status: string; person: { name: string } }
const statusClass: Record<string, string> = { PENDING: 'amber', APPROVED: 'green', REJECTED: 'red', CANCELLED: 'gray' }

export async function LeaveList({ rows, showName = false }: { rows: Row[]; showName?: boolean }) {
  const t = await getTranslations('personal')
  if (rows.length === 0) return <p className="muted">{t('noLeave')}</p>
  return (
    <ul className="inbox-list">
      {rows.map((r) => (
        <li key={r.id}>
          <Link href={`/personal/leave/${r.id}`} className="inbox-row">
            <span className="inbox-main">
              <span className="inbox-title">{showName ? `${r.person.name} · ` : ''}{t(`types.${r.type}`)} · {t('days', { days: asDays(r.halfDays) })}</span>
              <span className="small muted">{r.startDate} {t(`half.${r.startHalf}`)} – {r.endDate} {t(`half.${r.endHalf}`)}</span>
            </span>
            <span className="inbox-side"><span className={`badge ${statusClass[r.status]}`}>{t(`status.${r.status}`)}</span></span>
          </Link>
        </li>
      ))}
    </ul>
  )
}
