'use client'
import { useFormatter, useTranslations } from 'next-intl'
import { useState } from 'react'
import { api, type ApiError } from '../../lib/client-api.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'

type Verdict = { valid: boolean; reason?: string; message: string; seal?: { name: string; unit: string }; signer?: string; signedAt?: string; documentHash?: string; document?: { title: string; number: string | null } }

const MAX_BYTES = 20 * 1024 * 1024

export function VerifyForm() {
  const t = useTranslations('verify')
  const format = useFormatter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | string | null>(null)
  const [verdict, setVerdict] = useState<Verdict | null>(null)
  async function submit(form: FormData) {
    setVerdict(null)
    const file = form.get('file')
    // Refused here too, so nobody waits for 50 MB to upload only to be told it is too large.
    if (file instanceof File && file.size > MAX_BYTES) return setError(t('tooLarge'))
    setBusy(true)
    const result = await api<Verdict>('/api/verify', { form })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setError(null)
    setVerdict(result.data)
  }
  return (
    <div className="stack">
      <form className="row" action={submit} style={{ alignItems: 'flex-end' }}>
        <label style={{ flex: 1 }}>{t('file')}<input name="file" type="file" accept="application/pdf,.pdf" required /></label>
        <button type="submit" disabled={busy}>{busy ? t('checking') : t('check')}</button>
      </form>
      <ErrorAlert error={error} />
      {verdict ? (
        <div className={`alert ${verdict.valid ? 'success' : 'error'} stack`} role="status" data-testid="verdict" style={{ gap: 6 }}>
          <strong className={verdict.valid ? 'verdict-ok' : 'verdict-bad'}>{verdict.valid ? `✓ ${verdict.message}` : `✗ ${t('invalid')} — ${verdict.message}`}</strong>
          {verdict.valid && verdict.seal ? (
            <dl className="meta-grid">
              {verdict.document ? <div><dt>{t('document')}</dt><dd data-testid="verified-document">{verdict.document.number ? `${verdict.document.number} ` : ''}{verdict.document.title}</dd></div> : null}
              <div><dt>{t('seal')}</dt><dd>{verdict.seal.name}</dd></div>
              <div><dt>{t('unit')}</dt><dd>{verdict.seal.unit}</dd></div>
              <div><dt>{t('signer')}</dt><dd>{verdict.signer}</dd></div>
              <div><dt>{t('signedAt')}</dt><dd>{verdict.signedAt ? format.dateTime(new Date(verdict.signedAt), { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Asia/Shanghai' }) : ''}</dd></div>
              <div><dt>{t('algorithm')}</dt><dd>SM2-with-SM3</dd></div>
              <div><dt>{t('documentHash')}</dt><dd><code className="code" style={{ wordBreak: 'break-all' }}>{verdict.documentHash}</code></dd></div>
            </dl>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
