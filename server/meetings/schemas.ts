import { z } from 'zod'
import { plainText } from '../core/text.ts'

/** An instant with its offset (the pages send Beijing time as …+08:00). */
export const instant = z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))])

export const createRoomInput = z.object({
  unitId: z.uuid(),
  name: plainText(60).pipe(z.string().min(1)),
  location: plainText(120).default(''),
  capacity: z.coerce.number().int().min(1).max(5000),
  equipment: z.array(plainText(30)).max(20).default([]),
  needsApproval: z.boolean().default(false),
})
export type CreateRoomInput = z.input<typeof createRoomInput>

export const bookRoomInput = z.object({
  roomId: z.uuid(),
  title: plainText(100).pipe(z.string().min(1)),
  startsAt: instant,
  endsAt: instant,
  /** The unit booking (one the booker organises for); default their primary unit. */
  unitId: z.uuid().optional(),
})
export type BookRoomInput = z.input<typeof bookRoomInput>

export const decideBookingInput = z.object({
  approve: z.boolean(),
  reason: plainText(200).optional(),
})

export const freeBusyInput = z.object({
  /** YYYY-MM-DD in Asia/Shanghai. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  range: z.enum(['day', 'week']).default('day'),
})
export type FreeBusyInput = z.input<typeof freeBusyInput>

export const meetingFields = {
  title: plainText(100).pipe(z.string().min(1)),
  kind: z.enum(['ROOM', 'VIDEO', 'BOTH']),
  startsAt: instant,
  endsAt: instant,
  recurrence: plainText(200).optional().nullable(),
  roomId: z.uuid().optional().nullable(),
  location: plainText(120).default(''),
  rsvpDeadline: instant.optional().nullable(),
  /** Non-secret markings only: classified meetings are not held on this platform. */
  marking: z.enum(['NONE', 'INTERNAL']).default('NONE'),
  allowVideo: z.boolean().default(true),
  isBriefing: z.boolean().default(false),
  chairVenueUnitId: z.uuid().optional().nullable(),
  reminderMinutes: z.array(z.number().int().min(1).max(7 * 24 * 60)).max(4).default([1440, 15]),
}

export const createMeetingInput = z.object({
  ...meetingFields,
  organiserUnitId: z.uuid().optional(),
  chairId: z.uuid(),
  personIds: z.array(z.uuid()).max(5000).default([]),
  hostIds: z.array(z.uuid()).max(20).default([]),
  speakerIds: z.array(z.uuid()).max(100).default([]),
  units: z.array(z.object({ unitId: z.uuid(), quota: z.number().int().min(1).max(50).default(1) })).max(3000).default([]),
})
export type CreateMeetingInput = z.input<typeof createMeetingInput>

export const updateMeetingInput = z.object({
  revision: z.number().int().min(0),
  title: meetingFields.title.optional(),
  startsAt: instant.optional(),
  endsAt: instant.optional(),
  location: plainText(120).optional(),
  roomId: z.uuid().optional().nullable(),
  rsvpDeadline: instant.optional().nullable(),
  recurrence: plainText(200).optional().nullable(),
  personIds: z.array(z.uuid()).max(5000).optional(),
})
export type UpdateMeetingInput = z.input<typeof updateMeetingInput>

export const answerInput = z.discriminatedUnion('answer', [
  z.object({ answer: z.literal('ATTEND') }),
  z.object({ answer: z.literal('DECLINE'), reason: plainText(200).pipe(z.string().min(1)) }),
  z.object({ answer: z.literal('SUBSTITUTE'), substituteId: z.uuid(), reason: plainText(200).optional() }),
])
export type AnswerInput = z.input<typeof answerInput>

export const nameAttendeesInput = z.object({ personIds: z.array(z.uuid()).min(1).max(50) })
