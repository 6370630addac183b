import { TrackSource, type VideoGrant } from 'livekit-server-sdk'
import type { MeetingModel } from '../core/db/index.ts'

export type VideoRole = 'host' | 'speaker' | 'attendee'

type Viewer = {
  personId: string
  /** Organiser or the organiser unit's office (meetingPolicy.mayManageMeeting). */
  mayManage: boolean
  invitee: { role: 'HOST' | 'SPEAKER' | 'ATTENDEE'; answer: string; viaUnitId: string | null } | null
  /** Paths of the person's units (posts), for the chair's venue in a briefing. */
  unitPaths: string[]
}

/**
 * The one rule for who joins a meeting's video and as what (the meeting page uses it too). The chair,
 * hosts and the organisers host (publish, administer); speakers publish; attendees join muted and may
 * raise a hand. In a briefing (视频会商) everyone outside the chair's venue starts listen-only and the
 * venue's people speak. Who declined or sent a substitute does not join; nor does anyone when the
 * meeting has no video, or attendees when it does not allow them.
 */
export function videoRoleOf(meeting: Pick<MeetingModel, 'status' | 'kind' | 'allowVideo' | 'chairId' | 'isBriefing'>, viewer: Viewer, chairVenuePath: string | null): VideoRole | null {
  if (meeting.status !== 'SCHEDULED' || meeting.kind === 'ROOM') return null
  if (meeting.chairId === viewer.personId || viewer.invitee?.role === 'HOST' || viewer.mayManage) return 'host'
  if (!viewer.invitee || viewer.invitee.answer === 'DECLINE' || viewer.invitee.answer === 'SUBSTITUTE') return null
  if (meeting.isBriefing) {
    const inVenue = !!chairVenuePath && viewer.unitPaths.some((p) => p.startsWith(chairVenuePath))
    return inVenue ? 'speaker' : meeting.allowVideo ? 'attendee' : null
  }
  if (viewer.invitee.role === 'SPEAKER') return 'speaker'
  return meeting.allowVideo ? 'attendee' : null
}

const publishing = [TrackSource.CAMERA, TrackSource.MICROPHONE, TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO]

/** The LiveKit grant for a role in a meeting's room. */
export function grantFor(role: VideoRole, room: string): VideoGrant {
  const base = { room, roomJoin: true, canSubscribe: true, canPublishData: true, canUpdateOwnMetadata: true }
  if (role === 'host') return { ...base, canPublish: true, canPublishSources: publishing, roomAdmin: true }
  if (role === 'speaker') return { ...base, canPublish: true, canPublishSources: publishing }
  // Attendees listen; raising a hand is their own attribute (canUpdateOwnMetadata); a host grants speaking.
  return { ...base, canPublish: false }
}

/** What a host grants when giving someone the floor (camera, microphone; no screen). */
export const speakingPermission = { canPublish: true, canSubscribe: true, canPublishData: true, canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE] }
export const listeningPermission = { canPublish: false, canSubscribe: true, canPublishData: true, canPublishSources: [] }
