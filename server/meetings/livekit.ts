import { EgressClient, RoomServiceClient, WebhookReceiver } from 'livekit-server-sdk'
import { config } from '../core/config.ts'
import { AppError } from '../core/errors.ts'
import { logger } from '../core/logger.ts'

export type LiveKitSettings = { url: string; apiUrl: string; key: string; secret: string }

/** LIVEKIT_URL/API_KEY/API_SECRET, or null when video is not configured (everything else still works). */
export function liveKitSettings(): LiveKitSettings | null {
  const c = config()
  if (!c.LIVEKIT_URL || !c.LIVEKIT_API_KEY || !c.LIVEKIT_API_SECRET) return null
  return { url: c.LIVEKIT_URL, apiUrl: c.LIVEKIT_URL.replace(/^ws/, 'http'), key: c.LIVEKIT_API_KEY, secret: c.LIVEKIT_API_SECRET }
}

export function requireLiveKit(): LiveKitSettings {
  const settings = liveKitSettings()
  if (!settings) throw new AppError('meeting.video_not_configured')
  return settings
}

/** One LiveKit room per meeting. */
export const videoRoomName = (meetingId: string) => `meeting-${meetingId}`
export const meetingIdOfRoom = (room: string | undefined) => /^meeting-([0-9a-f-]{36})$/.exec(room ?? '')?.[1] ?? null

export const roomService = (s: LiveKitSettings) => new RoomServiceClient(s.apiUrl, s.key, s.secret, { requestTimeout: 10 })
export const egressService = (s: LiveKitSettings) => new EgressClient(s.apiUrl, s.key, s.secret, { requestTimeout: 10 })
export const webhookReceiver = (s: LiveKitSettings) => new WebhookReceiver(s.key, s.secret)

/**
 * Run a call to the LiveKit server: an answer it refused (Twirp error) or no answer at all becomes
 * `meeting.video_unreachable`, a clear error the page offers to retry — never a crash.
 */
export async function callLiveKit<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error), what }, 'LiveKit call failed')
    throw new AppError('meeting.video_unreachable', {}, undefined, error)
  }
}
