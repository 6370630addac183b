'use client'
import { useRouter } from 'next/navigation'
import { useEffect } from 'react'
import { subscribeInboxEvents } from './inbox-events.ts'

/**
 * A page part that stays live without polling: the module wakes the viewer's badge stream (the
 * inbox's LISTEN/NOTIFY) when what it shows changed — reporting's board, a meeting's roll — and each
 * wake-up re-renders the page's server parts. At most one refresh per `everyMs`, and a burst (500
 * check-ins in ten seconds) is one refresh per interval, never starved by the next event.
 */
export function LiveRefresh({ everyMs = 500 }: { everyMs?: number }) {
  const router = useRouter()
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const stop = subscribeInboxEvents((_counts, first) => {
      if (first || timer) return
      timer = setTimeout(() => {
        timer = undefined
        router.refresh()
      }, everyMs)
    })
    return () => { clearTimeout(timer); stop() }
  }, [router, everyMs])
  return null
}
