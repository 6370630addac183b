import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'

export type ReceivedMail = { to: string[]; subject: string; text: string; html: string | null }

export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1')
  await new Promise((r) => server.once('listening', r))
  const port = (server.address() as net.AddressInfo).port
  await new Promise((r) => server.close(r))
  return port
}

/** Starts test/smtp-sink.ts as its own process; `received` fills as mail arrives. */
export async function startSmtpSink(port: number): Promise<{ received: ReceivedMail[]; stop: () => Promise<void>; process: ChildProcess }> {
  const received: ReceivedMail[] = []
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, '../../test/smtp-sink.ts')], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let buffer = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      let newline: number
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline)
        buffer = buffer.slice(newline + 1)
        if (line === 'READY') resolve()
        else if (line.trim()) received.push(JSON.parse(line))
      }
    })
    child.once('exit', (code) => reject(new Error(`smtp sink exited ${code}`)))
  })
  return {
    received,
    process: child,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    }),
  }
}
