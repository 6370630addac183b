-- CreateEnum
CREATE TYPE "DutyDayKind" AS ENUM ('HOLIDAY', 'WORKDAY');

-- CreateEnum
CREATE TYPE "DutyDayFilter" AS ENUM ('ALL', 'WORKDAYS', 'OFF_DAYS', 'HOLIDAYS');

-- CreateEnum
CREATE TYPE "DutyUnavailabilityReason" AS ENUM ('BUSINESS_TRIP', 'TRAINING', 'LEAVE', 'OTHER');

-- CreateEnum
CREATE TYPE "DutyRosterStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateTable
CREATE TABLE "DutyCalendarYear" (
    "year" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "notice" TEXT,
    "updatedById" UUID,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DutyCalendarYear_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "DutyCalendarDay" (
    "date" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" "DutyDayKind" NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "DutyCalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "DutyPost" (
    "id" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DutyPost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DutyShiftPattern" (
    "id" UUID NOT NULL,
    "postId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "appliesOn" "DutyDayFilter" NOT NULL DEFAULT 'ALL',
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DutyShiftPattern_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DutyShiftRole" (
    "id" UUID NOT NULL,
    "patternId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "isLeader" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DutyShiftRole_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DutyEligibility" (
    "roleId" UUID NOT NULL,
    "personId" UUID NOT NULL,

    CONSTRAINT "DutyEligibility_pkey" PRIMARY KEY ("roleId","personId")
);

-- CreateTable
CREATE TABLE "DutyUnavailability" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "reason" "DutyUnavailabilityReason" NOT NULL,
    "note" TEXT,
    "source" TEXT NOT NULL DEFAULT 'duty',
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DutyUnavailability_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DutyRoster" (
    "id" UUID NOT NULL,
    "postId" UUID NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "status" "DutyRosterStatus" NOT NULL DEFAULT 'DRAFT',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "unfilled" JSONB NOT NULL DEFAULT '[]',
    "generatedAt" TIMESTAMPTZ(3),
    "publishedAt" TIMESTAMPTZ(3),
    "filedAt" TIMESTAMPTZ(3),
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DutyRoster_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DutyAssignment" (
    "id" UUID NOT NULL,
    "rosterId" UUID NOT NULL,
    "patternId" UUID NOT NULL,
    "roleId" UUID NOT NULL,
    "date" TEXT NOT NULL,
    "slot" INTEGER NOT NULL DEFAULT 0,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "personId" UUID,
    "weight" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "isLocked" BOOLEAN NOT NULL DEFAULT false,
    "signedOnAt" TIMESTAMPTZ(3),

    CONSTRAINT "DutyAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DutyCalendarDay_year_idx" ON "DutyCalendarDay"("year");

-- CreateIndex
CREATE INDEX "DutyPost_unitId_idx" ON "DutyPost"("unitId");

-- CreateIndex
CREATE INDEX "DutyEligibility_personId_idx" ON "DutyEligibility"("personId");

-- CreateIndex
CREATE INDEX "DutyUnavailability_personId_startsAt_idx" ON "DutyUnavailability"("personId", "startsAt");

-- CreateIndex
CREATE INDEX "DutyUnavailability_source_idx" ON "DutyUnavailability"("source");

-- CreateIndex
CREATE INDEX "DutyRoster_postId_startDate_idx" ON "DutyRoster"("postId", "startDate");

-- CreateIndex
CREATE INDEX "DutyAssignment_personId_startsAt_idx" ON "DutyAssignment"("personId", "startsAt");

-- CreateIndex
CREATE INDEX "DutyAssignment_startsAt_endsAt_idx" ON "DutyAssignment"("startsAt", "endsAt");

-- CreateIndex
CREATE UNIQUE INDEX "DutyAssignment_rosterId_patternId_roleId_date_slot_key" ON "DutyAssignment"("rosterId", "patternId", "roleId", "date", "slot");

-- AddForeignKey
ALTER TABLE "DutyCalendarDay" ADD CONSTRAINT "DutyCalendarDay_year_fkey" FOREIGN KEY ("year") REFERENCES "DutyCalendarYear"("year") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DutyPost" ADD CONSTRAINT "DutyPost_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DutyShiftPattern" ADD CONSTRAINT "DutyShiftPattern_postId_fkey" FOREIGN KEY ("postId") REFERENCES "DutyPost"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DutyShiftRole" ADD CONSTRAINT "DutyShiftRole_patternId_fkey" FOREIGN KEY ("patternId") REFERENCES "DutyShiftPattern"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DutyEligibility" ADD CONSTRAINT "DutyEligibility_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "DutyShiftRole"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DutyEligibility" ADD CONSTRAINT "DutyEligibility_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DutyUnavailability" ADD CONSTRAINT "DutyUnavailability_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DutyRoster" ADD CONSTRAINT "DutyRoster_postId_fkey" FOREIGN KEY ("postId") REFERENCES "DutyPost"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DutyAssignment" ADD CONSTRAINT "DutyAssignment_rosterId_fkey" FOREIGN KEY ("rosterId") REFERENCES "DutyRoster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DutyAssignment" ADD CONSTRAINT "DutyAssignment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;
