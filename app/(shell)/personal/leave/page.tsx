import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { clock, shanghaiDate, shanghaiYear } from '@/server/core/clock.ts'
import { hasPermission } from '@/server/core/authz/index.ts'
import { asDays, leaveToApprove, myAnnualBalance, myLeave, officeLeave } from '@/server/personal/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { PersonalTabs } from '../PersonalTabs.tsx'
import { LeaveForm } from './LeaveForm.tsx'
import { LeaveList } from './LeaveList.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('personal'))('leave') }
}

export default async function LeavePage() {
  const actor = await requireActor()
  const t = await getTranslations('personal')
  const now = clock.now()
  const year = shanghaiYear(now)
  const [mine, toApprove, office, balance] = await Promise.all([myLeave(db(), actor), leaveToApprove(db(), actor), officeLeave(db(), actor), myAnnualBalance(db(), actor, year)])
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t('leave')}</h1>
      <PersonalTabs current="leave" actor={actor} />
      {toApprove.length ? (
        <section className="card stack" aria-labelledby="to-approve">
          <h2 id="to-approve" style={{ margin: 0 }}>{t('toApprove')} <span className="badge red">{toApprove.length}</span></h2>
          <LeaveList rows={toApprove} showName />
        </section>
      ) : null}
      <section className="card stack" aria-labelledby="ask">
        <h2 id="ask" style={{ margin: 0 }}>{t('askLeave')}</h2>
        <p className="small" style={{ margin: 0 }} data-testid="balance">{t('balance', { year, entitled: asDays(balance.entitledHalfDays + balance.carriedHalfDays), used: asDays(balance.usedHalfDays), pending: asDays(balance.pendingHalfDays), remaining: asDays(balance.remainingHalfDays) })}{balance.carriedHalfDays ? t('balanceCarried', { carried: asDays(balance.carriedHalfDays) }) : null}</p>
        <LeaveForm today={shanghaiDate(now)} />
      </section>
      <section className="card stack" aria-labelledby="mine">
        <h2 id="mine" style={{ margin: 0 }}>{t('myLeave')}</h2>
        <LeaveList rows={mine} />
      </section>
      {hasPermission(actor, 'leave.manage') ? (
        <section className="card stack" aria-labelledby="office">
          <h2 id="office" style={{ margin: 0 }}>{t('officeLeave')}</h2>
          <LeaveList rows={office} showName />
        </section>
      ) : null}
    </div>
  )
}
