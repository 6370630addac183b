import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { listAuditEvents } from '@/server/core/audit/index.ts'
import { requireActor, may } from '../../../lib/session.ts'
import { Forbidden } from '../../../components/Forbidden.tsx'
import { VerifyChainButton } from './VerifyChainButton.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('admin'))('sections.audit') }
}

const outcomes = ['SUCCESS', 'FAILURE', 'DENIED'] as const

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ action?: string; outcome?: string; before?: string }> }) {
  const actor = await requireActor()
  if (!may(actor, 'audit.view')) return <Forbidden />
  const t = await getTranslations('admin')
  const params = await searchParams
  const outcome = outcomes.find((o) => o === params.outcome)
  const before = params.before && /^\d+$/.test(params.before) ? BigInt(params.before) : undefined
  const events = await listAuditEvents(db(), { action: params.action?.slice(0, 60) || undefined, outcome, before, limit: 50 })
  const nextBefore = events.length === 50 ? events.at(-1)!.id : null
  // Each action by its name in the person's language (the code stays in the row's title, for the record).
  const labels = Object.entries(t.raw('auditActions') as Record<string, Record<string, string>>)
    .flatMap(([module, actions]) => Object.entries(actions).map(([name, label]) => [`${module}.${name}`, label] as const))
  const labelOf = new Map<string, string>(labels)
  return (
    <div className="stack">
      <h1>{t('sections.audit')}</h1>
      <section className="card stack">
        <h2>{t('verifyTitle')}</h2>
        <p className="small muted">{t('verifyHelp')}</p>
        <VerifyChainButton />
      </section>
      <section className="card stack">
        <form className="row">
          <label>{t('action')}
            <select name="action" defaultValue={params.action ?? ''}>
              <option value="">{t('all')}</option>
              {labels.map(([code, label]) => <option key={code} value={code}>{label}</option>)}
            </select>
          </label>
          <label>{t('outcome')}
            <select name="outcome" defaultValue={outcome ?? ''}>
              <option value="">{t('all')}</option>
              {outcomes.map((o) => <option key={o} value={o}>{t(`outcomes.${o}`)}</option>)}
            </select>
          </label>
          <button type="submit" className="secondary" style={{ alignSelf: 'flex-end' }}>{t('filter')}</button>
        </form>
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('sections.audit')}>
          <table>
            <thead><tr><th>#</th><th>{t('time')}</th><th>{t('actor')}</th><th>{t('action')}</th><th>{t('object')}</th><th>{t('outcome')}</th><th>{t('ip')}</th></tr></thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="small muted">{e.id}</td>
                  <td className="small">{e.occurredAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}</td>
                  <td>{e.actorName ?? t('system')}</td>
                  <td data-action={e.action}>{labelOf.get(e.action) ?? e.action}</td>
                  <td className="small">{e.objectType ? (t.has(`objectTypes.${e.objectType}`) ? t(`objectTypes.${e.objectType}` as 'objectTypes.Document') : e.objectType) : ''}</td>
                  <td><span className={`badge ${e.outcome === 'SUCCESS' ? 'green' : e.outcome === 'DENIED' ? 'amber' : 'red'}`}>{t(`outcomes.${e.outcome}`)}</span></td>
                  <td className="small">{e.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {nextBefore ? (
          <Link href={`/admin/audit?${new URLSearchParams({ ...(params.action ? { action: params.action } : {}), ...(outcome ? { outcome } : {}), before: nextBefore })}`}>{t('older')}</Link>
        ) : null}
      </section>
    </div>
  )
}
