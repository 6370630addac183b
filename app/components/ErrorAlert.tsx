import type { ApiError } from '../lib/client-api.ts'

export function ErrorAlert({ error }: { error: ApiError | string | null }) {
  if (!error) return null
  return (
    <div className="alert error" role="alert">
      {typeof error === 'string' ? error : error.message}
    </div>
  )
}
