-- CreateEnum
CREATE TYPE "LeaveType" AS ENUM ('ANNUAL', 'SICK', 'PERSONAL', 'BUSINESS_TRIP', 'TRAINING', 'MARRIAGE', 'MATERNITY', 'BEREAVEMENT');

-- CreateEnum
CREATE TYPE "HalfDay" AS ENUM ('AM', 'PM');

-- CreateEnum
CREATE TYPE "LeaveStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED');

-- CreateTable
CREATE TABLE "LeaveRequest" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "organId" UUID NOT NULL,
    "approverIds" UUID[],
    "type" "LeaveType" NOT NULL,
    "startDate" TEXT NOT NULL,
    "startHalf" "HalfDay" NOT NULL DEFAULT 'AM',
    "endDate" TEXT NOT NULL,
    "endHalf" "HalfDay" NOT NULL DEFAULT 'PM',
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "halfDays" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "LeaveStatus" NOT NULL DEFAULT 'PENDING',
    "steps" JSONB NOT NULL,
    "stepIndex" INTEGER NOT NULL DEFAULT 0,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "decidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeaveRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeaveDecision" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "stepIndex" INTEGER NOT NULL,
    "approverId" UUID NOT NULL,
    "approverName" TEXT NOT NULL,
    "isApproved" BOOLEAN NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "decidedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LeaveDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeaveRule" (
    "unitId" UUID NOT NULL,
    "steps" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LeaveRule_pkey" PRIMARY KEY ("unitId")
);

-- CreateTable
CREATE TABLE "LeaveBalance" (
    "personId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "entitledHalfDays" INTEGER NOT NULL,

    CONSTRAINT "LeaveBalance_pkey" PRIMARY KEY ("personId","year")
);

-- CreateTable
CREATE TABLE "CalendarEntry" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "isAllDay" BOOLEAN NOT NULL DEFAULT false,
    "location" TEXT NOT NULL DEFAULT '',
    "notes" TEXT NOT NULL DEFAULT '',
    "recurrence" TEXT,
    "repeatsUntil" TIMESTAMPTZ(3),
    "remindMinutes" INTEGER,
    "nextRemindAt" TIMESTAMPTZ(3),
    "revision" INTEGER NOT NULL DEFAULT 0,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CalendarEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "personId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("personId")
);

-- CreateIndex
CREATE INDEX "LeaveRequest_personId_startsAt_idx" ON "LeaveRequest"("personId", "startsAt");

-- CreateIndex
CREATE INDEX "LeaveRequest_organId_status_startsAt_idx" ON "LeaveRequest"("organId", "status", "startsAt");

-- CreateIndex
CREATE INDEX "LeaveRequest_status_startsAt_endsAt_idx" ON "LeaveRequest"("status", "startsAt", "endsAt");

-- CreateIndex
CREATE INDEX "LeaveRequest_approverIds_idx" ON "LeaveRequest" USING GIN ("approverIds");

-- CreateIndex
CREATE INDEX "LeaveDecision_requestId_idx" ON "LeaveDecision"("requestId");

-- CreateIndex
CREATE INDEX "CalendarEntry_personId_startsAt_idx" ON "CalendarEntry"("personId", "startsAt");

-- CreateIndex
CREATE INDEX "CalendarEntry_nextRemindAt_idx" ON "CalendarEntry"("nextRemindAt");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");

-- AddForeignKey
ALTER TABLE "LeaveRequest" ADD CONSTRAINT "LeaveRequest_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeaveRequest" ADD CONSTRAINT "LeaveRequest_organId_fkey" FOREIGN KEY ("organId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeaveDecision" ADD CONSTRAINT "LeaveDecision_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "LeaveRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeaveBalance" ADD CONSTRAINT "LeaveBalance_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarEntry" ADD CONSTRAINT "CalendarEntry_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
