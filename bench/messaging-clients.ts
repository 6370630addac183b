/**
 * The load side of `bench/messaging.ts live`: many sockets in a process of their own, each saying
 * hello and timing every message from the `t=<ms>` its sender wrote to its arrival here.
 */
import WebSocket from 'ws'

const latencies: number[] = []
let received = 0
let retries = 0
const cpu0 = process.cpuUsage()

process.on('message', async (message: { t: string; url?: string; origin?: string; tickets?: string[] }) => {
  if (message.t === 'connect') {
    let ready = 0
    const all = message.tickets!
    await new Promise<void>((resolve) => {
      // A refused or reset upgrade (a busy server) is tried again, as the browser's client does.
      const connect = (ticket: string, attempt: number) => {
        let isReady = false
        const ws = new WebSocket(`${message.url}?ticket=${encodeURIComponent(ticket)}`, { headers: { origin: message.origin! } })
        ws.on('open', () => ws.send(JSON.stringify({ t: 'hello', since: {} })))
        ws.on('message', (data) => {
          const frame = JSON.parse(String(data)) as { t: string; m?: { text: string } }
          if (frame.t === 'ready' && !isReady) {
            isReady = true
            if (++ready === all.length) resolve()
          }
          if (frame.t === 'msg') {
            received++
            latencies.push(Date.now() - Number(frame.m!.text.slice(2)))
          }
        })
        ws.on('error', () => undefined)
        ws.on('close', () => {
          if (!isReady) {
            retries++
            setTimeout(() => connect(ticket, attempt + 1), 200 * Math.min(10, attempt + 1))
          }
        })
      }
      let i = 0
      const open = () => {
        // A hundred at a time, as offices come in at nine.
        for (const end = Math.min(all.length, i + 100); i < end; i++) connect(all[i]!, 0)
        if (i < all.length) setTimeout(open, 50)
      }
      open()
    })
    process.send!({ ok: true, retries })
  } else if (message.t === 'stats') {
    const cpu = process.cpuUsage(cpu0)
    process.send!({ latencies, received, childCpuMs: (cpu.user + cpu.system) / 1000, childRss: process.memoryUsage().rss })
  }
})
