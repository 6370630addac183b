'use client'
import jsQR from 'jsqr'
import { useEffect, useRef } from 'react'

/**
 * The platform's camera scanner: the back camera in a <video>, frames decoded with jsQR (bundled, no
 * CDN) five times a second. `onResult` gets each decoded text and answers whether to stop; `onError`
 * when the camera cannot be had (refused, none). Used by meeting check-in and the micro-apps' scan.
 */
export function QrScanner({ label, onResult, onError }: { label: string; onResult: (text: string) => boolean; onError: () => void }) {
  const video = useRef<HTMLVideoElement>(null)
  const handlers = useRef({ onResult, onError })
  useEffect(() => {
    handlers.current = { onResult, onError }
  })

  useEffect(() => {
    let stream: MediaStream | null = null
    let timer = 0
    let stopped = false
    const canvas = document.createElement('canvas')
    const context = canvas.getContext('2d', { willReadFrequently: true })
    async function start() {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      } catch {
        if (!stopped) handlers.current.onError()
        return
      }
      if (stopped) return stream.getTracks().forEach((track) => track.stop())
      const el = video.current!
      el.srcObject = stream
      await el.play().catch(() => undefined)
      const tick = () => {
        if (stopped) return
        if (el.readyState >= 2 && context) {
          const w = Math.min(el.videoWidth, 800)
          const h = Math.round((el.videoHeight * w) / Math.max(1, el.videoWidth))
          canvas.width = w
          canvas.height = h
          context.drawImage(el, 0, 0, w, h)
          const found = jsQR(context.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: 'dontInvert' })
          if (found?.data && handlers.current.onResult(found.data)) {
            stopped = true
            return
          }
        }
        timer = window.setTimeout(tick, 200)
      }
      tick()
    }
    void start()
    return () => {
      stopped = true
      clearTimeout(timer)
      stream?.getTracks().forEach((track) => track.stop())
    }
  }, [])

  return <video ref={video} className="scanner" playsInline muted aria-label={label} />
}
