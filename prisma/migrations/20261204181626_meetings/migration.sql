-- CreateEnum
CREATE TYPE "RoomBookingStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "MeetingKind" AS ENUM ('ROOM', 'VIDEO', 'BOTH');

-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('SCHEDULED', 'CANCELLED', 'ENDED');

-- CreateEnum
CREATE TYPE "MeetingRole" AS ENUM ('HOST', 'SPEAKER', 'ATTENDEE');

-- CreateEnum
CREATE TYPE "RsvpAnswer" AS ENUM ('PENDING', 'ATTEND', 'DECLINE', 'SUBSTITUTE');

-- CreateEnum
CREATE TYPE "CheckInMethod" AS ENUM ('QR', 'CODE', 'VIDEO', 'MANUAL');

-- AlterTable
ALTER TABLE "OutboxMail" ADD COLUMN     "calendar" TEXT;

-- CreateTable
CREATE TABLE "MeetingRoom" (
    "id" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "location" TEXT NOT NULL DEFAULT '',
    "capacity" INTEGER NOT NULL,
    "equipment" TEXT[],
    "needsApproval" BOOLEAN NOT NULL DEFAULT false,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingRoom_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoomBooking" (
    "id" UUID NOT NULL,
    "roomId" UUID NOT NULL,
    "meetingId" UUID,
    "title" TEXT NOT NULL,
    "bookedById" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "RoomBookingStatus" NOT NULL,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "reason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoomBooking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "MeetingKind" NOT NULL,
    "status" "MeetingStatus" NOT NULL DEFAULT 'SCHEDULED',
    "organiserUnitId" UUID NOT NULL,
    "organiserId" UUID NOT NULL,
    "chairId" UUID NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "recurrence" TEXT,
    "location" TEXT NOT NULL DEFAULT '',
    "rsvpDeadline" TIMESTAMPTZ(3),
    "marking" "DocumentMarking" NOT NULL DEFAULT 'NONE',
    "allowVideo" BOOLEAN NOT NULL DEFAULT true,
    "isBriefing" BOOLEAN NOT NULL DEFAULT false,
    "chairVenueUnitId" UUID,
    "reminderMinutes" INTEGER[] DEFAULT ARRAY[1440, 15]::INTEGER[],
    "icsUid" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "videoStartedAt" TIMESTAMPTZ(3),
    "videoEndedAt" TIMESTAMPTZ(3),
    "recordingUrl" TEXT,
    "noticeDocumentId" UUID,
    "minutesDocumentId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingUnit" (
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "quota" INTEGER NOT NULL DEFAULT 1,
    "namedAt" TIMESTAMPTZ(3),
    "urgedAt" TIMESTAMPTZ(3),

    CONSTRAINT "MeetingUnit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingInvitee" (
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "role" "MeetingRole" NOT NULL DEFAULT 'ATTENDEE',
    "viaUnitId" UUID,
    "substituteForId" UUID,
    "answer" "RsvpAnswer" NOT NULL DEFAULT 'PENDING',
    "declineReason" TEXT,
    "answeredAt" TIMESTAMPTZ(3),
    "checkedInAt" TIMESTAMPTZ(3),
    "checkInMethod" "CheckInMethod",
    "videoJoinedAt" TIMESTAMPTZ(3),
    "videoLeftAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingInvitee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingAgendaItem" (
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "presenterId" UUID,
    "minutes" INTEGER NOT NULL DEFAULT 15,

    CONSTRAINT "MeetingAgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingMaterial" (
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "agendaItemId" UUID,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,
    "withdrawAfterMeeting" BOOLEAN NOT NULL DEFAULT false,
    "uploadedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingMaterial_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingDecision" (
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "ownerUnitId" UUID NOT NULL,
    "deadline" TIMESTAMPTZ(3) NOT NULL,
    "supervisionItemId" UUID,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingWebhookEvent" (
    "id" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingWebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MeetingRoom_unitId_idx" ON "MeetingRoom"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "RoomBooking_meetingId_key" ON "RoomBooking"("meetingId");

-- CreateIndex
CREATE INDEX "RoomBooking_roomId_startsAt_idx" ON "RoomBooking"("roomId", "startsAt");

-- CreateIndex
CREATE INDEX "RoomBooking_startsAt_idx" ON "RoomBooking"("startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_icsUid_key" ON "Meeting"("icsUid");

-- CreateIndex
CREATE INDEX "Meeting_organiserUnitId_startsAt_idx" ON "Meeting"("organiserUnitId", "startsAt");

-- CreateIndex
CREATE INDEX "Meeting_startsAt_idx" ON "Meeting"("startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingUnit_meetingId_unitId_key" ON "MeetingUnit"("meetingId", "unitId");

-- CreateIndex
CREATE INDEX "MeetingInvitee_personId_idx" ON "MeetingInvitee"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingInvitee_meetingId_personId_key" ON "MeetingInvitee"("meetingId", "personId");

-- CreateIndex
CREATE INDEX "MeetingAgendaItem_meetingId_position_idx" ON "MeetingAgendaItem"("meetingId", "position");

-- CreateIndex
CREATE INDEX "MeetingMaterial_meetingId_idx" ON "MeetingMaterial"("meetingId");

-- CreateIndex
CREATE INDEX "MeetingDecision_meetingId_idx" ON "MeetingDecision"("meetingId");

-- AddForeignKey
ALTER TABLE "RoomBooking" ADD CONSTRAINT "RoomBooking_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "MeetingRoom"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoomBooking" ADD CONSTRAINT "RoomBooking_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingUnit" ADD CONSTRAINT "MeetingUnit_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingInvitee" ADD CONSTRAINT "MeetingInvitee_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAgendaItem" ADD CONSTRAINT "MeetingAgendaItem_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingMaterial" ADD CONSTRAINT "MeetingMaterial_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingMaterial" ADD CONSTRAINT "MeetingMaterial_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "MeetingAgendaItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingDecision" ADD CONSTRAINT "MeetingDecision_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Two live bookings of one room never overlap, whatever the concurrency: the database refuses the
-- second (23P01). Half-open ranges, so back-to-back bookings (09:00–10:00, 10:00–11:00) are fine.
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE "RoomBooking" ADD CONSTRAINT "RoomBooking_no_overlap"
  EXCLUDE USING gist ("roomId" WITH =, tstzrange("startsAt", "endsAt", '[)') WITH &&)
  WHERE (status IN ('PENDING', 'APPROVED'));
ALTER TABLE "RoomBooking" ADD CONSTRAINT "RoomBooking_ends_after_start" CHECK ("endsAt" > "startsAt");
