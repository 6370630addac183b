import { getTranslations } from 'next-intl/server'
import { requireActor } from '../lib/session.ts'
import { ChangePasswordForm } from '../(shell)/account/ChangePasswordForm.tsx'
import { SignOutButton } from '../components/SignOutButton.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('account'))('changePassword') }
}

/** Where a person lands when their password must be changed (reset by an admin, or too old). */
export default async function RequiredPasswordPage() {
  await requireActor({ allowPasswordDue: true })
  const t = await getTranslations('account')
  return (
    <main className="auth-page">
      <div className="auth-card stack">
        <h1>{t('changePassword')}</h1>
        <div className="alert info">{t('passwordDue')}</div>
        <ChangePasswordForm redirectTo="/" />
        <SignOutButton className="link" />
      </div>
    </main>
  )
}
