import { getTranslations } from 'next-intl/server'
import Link from 'next/link'

/** The localized "not found" card, for the not-found pages inside and outside the shell. */
export async function NotFoundCard() {
  const t = await getTranslations('shell')
  return (
    <div className="card stack" role="alert" data-testid="not-found">
      <h1>{t('notFoundTitle')}</h1>
      <p className="muted">{t('notFound')}</p>
      <p><Link href="/">{t('backHome')}</Link></p>
    </div>
  )
}
