'use client'
import { useRouter } from 'next/navigation'
import { useEffect } from 'react'

/**
 * The board stays live without polling: submissions' changes wake the collector's badge stream
 * (the inbox's LISTEN/NOTIFY), and each wake-up after the first re-renders the page's server parts.
 */
export function LiveRefresh() {
  const router = useRouter()
  useEffect(() => {
    const source = new EventSource('/api/inbox/stream')
    let first = true
    let timer: ReturnType<typeof setTimeout> | undefined
    source.addEventListener('count', () => {
      if (first) { first = false; return }
      clearTimeout(timer)
      timer = setTimeout(() => router.refresh(), 300)
    })
    return () => { clearTimeout(timer); source.close() }
  }, [router])
  return null
}
