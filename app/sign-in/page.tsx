import { getTranslations } from 'next-intl/server'
import { redirect } from 'next/navigation'
import { db } from '@/server/core/db/index.ts'
import { isSetupNeeded } from '@/server/platform/index.ts'
import { currentSession } from '../lib/session.ts'
import { sameOriginPath } from '../lib/redirects.ts'
import { SignInForm } from './SignInForm.tsx'
import { LanguageSwitch } from '../components/LanguageSwitch.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('signIn'))('title') }
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; step?: string }> }) {
  const params = await searchParams
  if (await isSetupNeeded(db())) redirect('/setup')
  const current = await currentSession()
  const pending = current?.session.isSecondFactorPending ?? false
  if (current && !pending) redirect('/')
  const next = sameOriginPath(params.next) ?? '/'
  const t = await getTranslations('signIn')
  const tShell = await getTranslations('shell')
  return (
    <main className="auth-page">
      <div className="auth-card">
        <div className="spread">
          <div className="auth-brand">
            <span className="brand-mark" aria-hidden="true">协</span>
            <div>
              <div className="auth-title">{tShell('appName')}</div>
              <div className="small muted">{tShell('appDescription')}</div>
            </div>
          </div>
        </div>
        <h1 className="visually-hidden">{t('title')}</h1>
        <SignInForm next={next} initialStep={pending ? 'second_factor' : 'password'} />
        <div className="row" style={{ marginTop: 16, justifyContent: 'center' }}>
          <LanguageSwitch className="link" />
        </div>
      </div>
    </main>
  )
}
