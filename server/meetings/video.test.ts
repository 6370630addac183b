/**
 * Video on LiveKit. No LiveKit server can be installed on these machines (npm has only SDKs, Debian has
 * none), so the RoomService and Egress calls go to a local HTTP server in this test that stands in for
 * one: it records each Twirp request (path, JSON body, the bearer token's grants) and answers as
 * LiveKit would. Tokens and webhooks use the SDK's own signing and verification. The media path is not
 * tested here.
 */
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AccessToken, TokenVerifier } from 'livekit-server-sdk'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, fromShanghai } from '../core/clock.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildTree, buildUnit } from '../test/factories.ts'
import { answerInvitation, createMeeting, hostControl, issueVideoToken, receiveWebhook, startRecording, videoRoomName } from './index.ts'

const KEY = 'APItestkey'
const SECRET = 'test-secret-that-is-long-enough-for-hs256-signing'
type Recorded = { path: string; body: Record<string, unknown>; grants: Record<string, unknown> }
const recorded: Recorded[] = []
let server: Server
let url: string

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c)).on('end', async () => {
      const jwt = (req.headers.authorization ?? '').replace(/^Bearer /, '')
      const claims = await new TokenVerifier(KEY, SECRET).verify(jwt).catch(() => null)
      if (!claims) return res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":"unauthenticated","msg":"bad token"}')
      recorded.push({ path: req.url ?? '', body: JSON.parse(body || '{}'), grants: (claims.video ?? {}) as Record<string, unknown> })
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(req.url?.includes('Egress') ? JSON.stringify({ egressId: 'EG_test1', roomName: JSON.parse(body).roomName }) : '{}')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

function configure(on = true, at = url) {
  if (on) Object.assign(process.env, { LIVEKIT_URL: at, LIVEKIT_API_KEY: KEY, LIVEKIT_API_SECRET: SECRET })
  else for (const k of ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET']) delete process.env[k]
}
afterEach(() => { clock.reset(); configure(false); recorded.length = 0 })

async function setup(extra: Record<string, unknown> = {}) {
  configure()
  clock.freeze(fromShanghai('2026-12-03', '09:25'))
  const tree = await buildTree()
  const county = await buildUnit({ parent: tree.root, name: '县政府' })
  const organiser = await buildPerson({ unit: tree.root, name: '会务', grants: [{ permissions: ['meeting.organise'], unit: tree.root }] })
  const chair = await buildPerson({ unit: tree.dept, name: '主持人' })
  const speaker = await buildPerson({ unit: tree.dept, name: '发言人' })
  const attendee = await buildPerson({ unit: county, name: '县里参会' })
  const venueAttendee = await buildPerson({ unit: tree.division, name: '主会场参会' })
  const decliner = await buildPerson({ unit: tree.dept, name: '请假的' })
  const outsider = await buildPerson({ unit: tree.sibling, name: '外人' })
  const office = await actorFor(organiser)
  const made = await createMeeting(db(), office, {
    title: '全市视频调度会', kind: 'VIDEO', chairId: chair.id, speakerIds: [speaker.id], personIds: [attendee.id, venueAttendee.id, decliner.id],
    startsAt: fromShanghai('2026-12-03', '09:30'), endsAt: fromShanghai('2026-12-03', '10:30'), ...extra,
  }, buildContext())
  await answerInvitation(db(), await actorFor(decliner), made.id, { answer: 'DECLINE', reason: '外出' }, buildContext())
  const a = async (p: typeof chair) => actorFor(p)
  return { ...tree, county, meetingId: made.id, office, chair: await a(chair), speaker: await a(speaker), attendee: await a(attendee), venueAttendee: await a(venueAttendee), decliner: await a(decliner), outsider: await a(outsider) }
}

const grantsOf = async (token: string) => new TokenVerifier(KEY, SECRET).verify(token)

describe('video meetings on LiveKit', () => {
  it('tokens: by the policy, short-lived, naming the person; hosts administer, speakers publish, attendees listen', async () => {
    const s = await setup()
    const room = videoRoomName(s.meetingId)
    const chair = await issueVideoToken(db(), s.chair, s.meetingId, buildContext())
    const claims = await grantsOf(chair.token)
    expect(claims).toMatchObject({ sub: s.chair.personId, name: '主持人', video: { room, roomJoin: true, roomAdmin: true, canPublish: true, canSubscribe: true } })
    expect(claims.exp! - claims.nbf!).toBeLessThanOrEqual(600)
    expect((claims.video as { canPublishSources?: string[] }).canPublishSources).toEqual(expect.arrayContaining(['camera', 'microphone', 'screen_share']))
    expect((await grantsOf((await issueVideoToken(db(), s.office, s.meetingId, buildContext())).token)).video).toMatchObject({ roomAdmin: true })
    const speaker = (await grantsOf((await issueVideoToken(db(), s.speaker, s.meetingId, buildContext())).token)).video!
    expect(speaker).toMatchObject({ room, canPublish: true })
    expect(speaker.roomAdmin).toBeFalsy()
    const attendee = await issueVideoToken(db(), s.attendee, s.meetingId, buildContext())
    expect(attendee.role).toBe('attendee')
    const grants = (await grantsOf(attendee.token)).video!
    expect(grants).toMatchObject({ room, roomJoin: true, canPublish: false, canSubscribe: true, canUpdateOwnMetadata: true })
    expect(grants.roomAdmin).toBeFalsy()
    await expectAppError(issueVideoToken(db(), s.decliner, s.meetingId, buildContext()), 'meeting.video_not_allowed')
    await expectAppError(issueVideoToken(db(), s.outsider, s.meetingId, buildContext()), 'not_found')
  })

  it('a briefing (视频会商) is listen-only outside the chair’s venue; without configuration the page is told so', async () => {
    const s = await setup({ isBriefing: true })
    await db().meeting.update({ where: { id: s.meetingId }, data: { chairVenueUnitId: s.dept.id } })
    expect((await issueVideoToken(db(), s.venueAttendee, s.meetingId, buildContext())).role).toBe('speaker')
    expect((await issueVideoToken(db(), s.attendee, s.meetingId, buildContext())).role).toBe('attendee')
    configure(false)
    await expectAppError(issueVideoToken(db(), s.chair, s.meetingId, buildContext()), 'meeting.video_not_configured')
  })

  it('host controls go to RoomService as Twirp calls with admin grants; non-hosts are refused; an unreachable server is a clear error', async () => {
    const s = await setup()
    const room = videoRoomName(s.meetingId)
    await hostControl(db(), s.chair, s.meetingId, { action: 'mute', identity: s.speaker.personId, trackSid: 'TR_abc' }, buildContext())
    await hostControl(db(), s.chair, s.meetingId, { action: 'grant', identity: s.attendee.personId }, buildContext())
    await hostControl(db(), s.chair, s.meetingId, { action: 'revoke', identity: s.attendee.personId }, buildContext())
    await hostControl(db(), s.chair, s.meetingId, { action: 'remove', identity: s.attendee.personId }, buildContext())
    await hostControl(db(), s.chair, s.meetingId, { action: 'end' }, buildContext())
    expect(recorded.map((r) => r.path)).toEqual([
      '/twirp/livekit.RoomService/MutePublishedTrack', '/twirp/livekit.RoomService/UpdateParticipant', '/twirp/livekit.RoomService/UpdateParticipant',
      '/twirp/livekit.RoomService/RemoveParticipant', '/twirp/livekit.RoomService/DeleteRoom',
    ])
    expect(recorded[0]!.body).toMatchObject({ room, identity: s.speaker.personId, trackSid: 'TR_abc', muted: true })
    expect(recorded[1]!.body).toMatchObject({ room, identity: s.attendee.personId, permission: { canPublish: true } })
    expect((recorded[2]!.body.permission as { canPublish?: boolean }).canPublish ?? false).toBe(false)
    for (const r of recorded.slice(0, 4)) expect(r.grants).toMatchObject({ roomAdmin: true, room })
    // Deleting a room is LiveKit's roomCreate grant.
    expect(recorded[4]!.grants).toMatchObject({ roomCreate: true })
    await expectAppError(hostControl(db(), s.attendee, s.meetingId, { action: 'end' }, buildContext()), 'forbidden')
    await expectAppError(hostControl(db(), s.outsider, s.meetingId, { action: 'end' }, buildContext()), 'not_found')
    expect(await db().auditEvent.count({ where: { action: 'meeting.host_control', objectId: s.meetingId } })).toBe(5)
    configure(true, 'ws://127.0.0.1:1')
    await expectAppError(hostControl(db(), s.chair, s.meetingId, { action: 'end' }, buildContext()), 'meeting.video_unreachable')
  })

  it('recording starts an Egress room composite for unmarked meetings only', async () => {
    const s = await setup()
    expect(await startRecording(db(), s.chair, s.meetingId, buildContext())).toEqual({ egressId: 'EG_test1' })
    expect(recorded).toMatchObject([{ path: '/twirp/livekit.Egress/StartRoomCompositeEgress', body: { roomName: videoRoomName(s.meetingId) }, grants: { roomRecord: true } }])
    await db().meeting.update({ where: { id: s.meetingId }, data: { marking: 'INTERNAL' } })
    await expectAppError(startRecording(db(), s.chair, s.meetingId, buildContext()), 'forbidden')
  })

  it('webhooks: signed ones apply once (joined → checked in by video, left, room finished, egress ended → recording); forged, tampered and replayed ones change nothing', async () => {
    const s = await setup()
    const room = videoRoomName(s.meetingId)
    let n = 0
    const event = (e: Record<string, unknown>) => JSON.stringify({ id: `EV_${++n}_${s.meetingId.slice(0, 8)}`, createdAt: String(Math.floor(clock.now().getTime() / 1000)), room: { name: room }, ...e })
    const sign = async (body: string, secret = SECRET) => {
      const token = new AccessToken(KEY, secret)
      token.sha256 = createHash('sha256').update(body).digest('base64')
      return token.toJwt()
    }
    const joined = event({ event: 'participant_joined', participant: { identity: s.attendee.personId, name: '县里参会' } })
    expect(await receiveWebhook(db(), joined, await sign(joined), buildContext())).toMatchObject({ applied: true })
    let invitee = await db().meetingInvitee.findFirstOrThrow({ where: { meetingId: s.meetingId, personId: s.attendee.personId } })
    expect(invitee).toMatchObject({ checkInMethod: 'VIDEO' })
    expect(invitee.checkedInAt).toEqual(clock.now())
    // The same delivery again (a replay) is taken but changes nothing.
    expect(await receiveWebhook(db(), joined, await sign(joined), buildContext())).toMatchObject({ applied: false, reason: 'duplicate' })
    // Forged (another secret), tampered (body changed after signing), unsigned, stale: refused.
    const forged = event({ event: 'participant_joined', participant: { identity: s.speaker.personId } })
    await expectAppError(receiveWebhook(db(), forged, await sign(forged, 'another-secret-long-enough-for-hs256-signing'), buildContext()), 'meeting.webhook_invalid')
    await expectAppError(receiveWebhook(db(), forged.replace(s.speaker.personId, s.chair.personId), await sign(forged), buildContext()), 'meeting.webhook_invalid')
    await expectAppError(receiveWebhook(db(), forged, null, buildContext()), 'meeting.webhook_invalid')
    const old = JSON.stringify({ ...JSON.parse(forged), id: 'EV_old', createdAt: String(Math.floor(clock.now().getTime() / 1000) - 3600) })
    await expectAppError(receiveWebhook(db(), old, await sign(old), buildContext()), 'meeting.webhook_invalid')
    expect((await db().meetingInvitee.findFirstOrThrow({ where: { meetingId: s.meetingId, personId: s.speaker.personId } })).checkedInAt).toBeNull()
    clock.advance(60_000)
    const left = event({ event: 'participant_left', participant: { identity: s.attendee.personId } })
    await receiveWebhook(db(), left, await sign(left), buildContext())
    invitee = await db().meetingInvitee.findFirstOrThrow({ where: { id: invitee.id } })
    expect(invitee.videoLeftAt).toEqual(clock.now())
    const finished = event({ event: 'room_finished' })
    await receiveWebhook(db(), finished, await sign(finished), buildContext())
    const egress = event({ event: 'egress_ended', room: undefined, egressInfo: { egressId: 'EG_1', roomName: room, fileResults: [{ filename: 'x.mp4', location: 's3://records/x.mp4' }] } })
    await receiveWebhook(db(), egress, await sign(egress), buildContext())
    const meeting = await db().meeting.findUniqueOrThrow({ where: { id: s.meetingId } })
    expect(meeting.videoEndedAt).toEqual(clock.now())
    expect(meeting.recordingUrl).toBe('s3://records/x.mp4')
  })
})
