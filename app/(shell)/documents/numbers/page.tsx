import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { clock } from '@/server/core/clock.ts'
import { documentPolicy, listNumbers } from '@/server/documents/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { Forbidden } from '../../../components/Forbidden.tsx'
import { NumberActions, VoidButton } from './NumberActions.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('documents'))('numbers.title') }
}

/** 文号登记簿: every number of an organisation in a year — used, reserved (预留) or voided — in order. */
export default async function NumbersPage({ searchParams }: { searchParams: Promise<{ organ?: string; year?: string }> }) {
  const actor = await requireActor()
  if (!documentPolicy.isRegistryAnywhere(actor)) return <Forbidden />
  const t = await getTranslations('documents')
  const format = await getFormatter()
  const sp = await searchParams
  const organs = await db().unit.findMany({
    where: { AND: [documentPolicy.registryUnitsWhere(actor), { organCode: { not: null }, isActive: true }] },
    select: { id: true, name: true, path: true, organCode: true }, orderBy: { path: 'asc' },
  })
  const thisYear = new Date(clock.now().getTime() + 8 * 3_600_000).getUTCFullYear()
  const organ = organs.find((o) => o.id === sp.organ) ?? organs[0]
  const year = Number(sp.year) || thisYear
  if (!organ) return <Forbidden />
  const rows = await listNumbers(db(), actor, organ.id, year)
  const documents = new Map((await db().document.findMany({ where: { id: { in: rows.map((r) => r.documentId).filter((d): d is string => !!d) } }, select: { id: true, title: true } })).map((d) => [d.id, d.title]))
  return (
    <div className="stack">
      <p><Link href="/documents">← {t('back')}</Link></p>
      <h1 style={{ margin: 0 }}>{t('numbers.title')}</h1>
      <form className="row filters" action="/documents/numbers">
        <label>{t('fields.organ')}<select name="organ" defaultValue={organ.id}>{organs.map((o) => <option key={o.id} value={o.id}>{o.name}（{o.organCode}）</option>)}</select></label>
        <label>{t('numbers.year')}<select name="year" defaultValue={year}>{[thisYear, thisYear - 1, thisYear - 2].map((y) => <option key={y} value={y}>{y}</option>)}</select></label>
        <button type="submit" className="secondary">{t('searchButton')}</button>
      </form>
      <section className="card stack">
        <NumberActions organId={organ.id} />
        {rows.length === 0 ? <p className="muted">{t('numbers.none')}</p> : (
          <div className="table-wrap">
            <table data-testid="numbers">
              <thead><tr><th>{t('fields.number')}</th><th>{t('numbers.state')}</th><th>{t('fields.title')}</th><th>{t('numbers.reason')}</th><th>{t('numbers.at')}</th><th /></tr></thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>{r.number}</td>
                    <td><span className={`badge ${r.state === 'ASSIGNED' ? 'green' : r.state === 'RESERVED' ? 'amber' : 'gray'}`}>{t(`numbers.states.${r.state}`)}</span></td>
                    <td>{r.documentId ? <Link href={`/documents/${r.documentId}`}>{documents.get(r.documentId)}</Link> : ''}</td>
                    <td>{r.reason}</td>
                    <td className="small">{format.dateTime(r.createdAt, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })}</td>
                    <td>{r.state !== 'VOIDED' ? <VoidButton numberId={r.id} label={`${t('numbers.void')} ${r.number}`} /> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  )
}
