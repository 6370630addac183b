import { describeUserAgent } from '../../lib/user-agent.ts'
import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { isSecondFactorRequired } from '@/server/auth/index.ts'
import { requireActor } from '../../lib/session.ts'
import { ChangePasswordForm } from './ChangePasswordForm.tsx'
import { SecondFactorPanel } from './SecondFactorPanel.tsx'
import { SignOutEverywhereButton } from './SignOutEverywhereButton.tsx'
import { PushPanel } from './PushPanel.tsx'
import { PreferencesForm } from './PreferencesForm.tsx'
import { DelegationPanel } from './DelegationPanel.tsx'
import { listDelegations } from '@/server/documents/index.ts'
import { getPreferences } from '@/server/preferences/index.ts'
import { countPushDevices } from '@/server/push/index.ts'
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx'
import { SignOutButton } from '../../components/SignOutButton.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('account'))('title') }
}

export default async function AccountPage() {
  const actor = await requireActor()
  const t = await getTranslations('account')
  const person = await db().person.findUniqueOrThrow({
    where: { id: actor.personId },
    select: { account: true, name: true, phone: true, totpEnabledAt: true, posts: { select: { title: true, unit: { select: { name: true } } } } },
  })
  // Browser · system, as a person recognises their device.
  const deviceLabel = (ua: string | null) => {
    const { browser, os } = describeUserAgent(ua)
    if (!browser && !os) return t('unknownDevice')
    const name = browser && t.has(`browsers.${browser}`) ? t(`browsers.${browser}` as 'browsers.WeChat') : (browser ?? t('unknownBrowser'))
    return os ? `${name} · ${os}` : name
  }
  const sessions = await db().session.findMany({ where: { personId: actor.personId, isSecondFactorPending: false }, orderBy: { lastSeenAt: 'desc' } })
  return (
    <div className="stack">
      <h1>{t('title')}</h1>
      <section className="card stack">
        <div className="row">
          <span className="avatar large" aria-hidden="true">{person.name.slice(-2)}</span>
          <div>
            <h2 style={{ margin: 0 }}>{person.name}</h2>
            <div className="small muted">{t('accountName')}：{person.account}{person.phone ? ` · ${person.phone}` : ''}</div>
            <div className="small muted">{person.posts.map((p) => `${p.unit.name} · ${p.title}`).join('；')}</div>
          </div>
        </div>
        <div className="row">
          <LanguageSwitch />
          <SignOutButton />
        </div>
      </section>
      <section className="card stack" aria-labelledby="pw">
        <h2 id="pw">{t('changePassword')}</h2>
        <ChangePasswordForm />
      </section>
      <section className="card stack" aria-labelledby="totp">
        <h2 id="totp">{t('totpTitle')}</h2>
        <SecondFactorPanel isEnabled={!!person.totpEnabledAt} isRequired={await isSecondFactorRequired(db(), actor.personId)} />
      </section>
      <section className="card stack" aria-labelledby="notify">
        <h2 id="notify">{t('preferencesTitle')}</h2>
        <PreferencesForm initial={await getPreferences(db(), actor.personId)} />
      </section>
      <section className="card stack" aria-labelledby="delegation">
        <h2 id="delegation">{(await getTranslations('delegations'))('title')}</h2>
        <DelegationPanel me={actor.personId} delegations={JSON.parse(JSON.stringify(await listDelegations(db(), actor)))} />
      </section>
      <section className="card stack" aria-labelledby="push">
        <h2 id="push">{t('pushTitle')}</h2>
        <PushPanel devices={await countPushDevices(db(), actor.personId)} />
      </section>
      <section className="card stack" aria-labelledby="sessions">
        <h2 id="sessions">{t('sessionsTitle')}</h2>
        <ul className="small">
          {sessions.map((s) => (
            <li key={s.id}>
              {deviceLabel(s.userAgent)} · {s.ip ?? '—'} · {t('lastSeen')} {s.lastSeenAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}
              {s.id === actor.sessionId ? <> <span className="badge green">{t('thisDevice')}</span></> : null}
            </li>
          ))}
        </ul>
        <div><SignOutEverywhereButton /></div>
      </section>
    </div>
  )
}
