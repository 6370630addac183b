import { getTranslations } from 'next-intl/server'
import { redirect } from 'next/navigation'
import { db } from '@/server/core/db/index.ts'
import { isSetupNeeded } from '@/server/platform/index.ts'
import { SetupForm } from './SetupForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('setup'))('title') }
}

/** First start without demo data (SEED_DEMO=0): create the organisation and its first administrator. */
export default async function SetupPage() {
  if (!(await isSetupNeeded(db()))) redirect('/sign-in')
  const t = await getTranslations('setup')
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>{t('title')}</h1>
        <p className="small muted">{t('intro')}</p>
        <p className="small muted">{t.rich('appointHint', { code: (chunks) => <code>{chunks}</code> })}</p>
        <SetupForm />
      </div>
    </main>
  )
}
