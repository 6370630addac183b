import { getTranslations } from 'next-intl/server'
import Link from 'next/link'

export async function Forbidden() {
  const t = await getTranslations('errors')
  return (
    <div className="card stack" role="alert">
      <h1>{t('forbiddenTitle')}</h1>
      <p className="muted">{t('forbidden')}</p>
      <p><Link href="/">{t('backToWorkbench')}</Link></p>
    </div>
  )
}
