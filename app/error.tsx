'use client'
import { useTranslations } from 'next-intl'
import Link from 'next/link'

/** An unexpected error while rendering a page: a localized message and the digest to report, never the stack. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('shell')
  return (
    <main className="content" id="main" style={{ maxWidth: 560, margin: '48px auto' }}>
      <div className="card stack" role="alert" data-testid="error-page">
        <h1>{t('errorTitle')}</h1>
        <p className="muted">{t('error')}</p>
        {error.digest ? <p className="small muted">{t('errorDigest', { digest: error.digest })}</p> : null}
        <p className="row"><button type="button" onClick={() => reset()}>{t('retry')}</button> <Link href="/">{t('backHome')}</Link></p>
      </div>
    </main>
  )
}
