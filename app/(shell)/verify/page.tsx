import { getTranslations } from 'next-intl/server'
import { requireActor } from '../../lib/session.ts'
import { VerifyForm } from './VerifyForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('verify'))('title') }
}

/** 验章: anyone signed in uploads a PDF and learns whether its electronic seal is genuine and the file unchanged. */
export default async function VerifyPage() {
  await requireActor()
  const t = await getTranslations('verify')
  return (
    <div className="stack">
      <h1>{t('title')}</h1>
      <section className="card stack">
        <p className="small muted" style={{ margin: 0 }}>{t('help')}</p>
        <VerifyForm />
      </section>
    </div>
  )
}
