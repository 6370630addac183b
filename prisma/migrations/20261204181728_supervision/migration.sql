-- CreateEnum
CREATE TYPE "SupervisionSource" AS ENUM ('ASSIGNED_FROM_ABOVE', 'LEADER_INSTRUCTION', 'MEETING_DECISION', 'KEY_WORK', 'DEPUTY_SUGGESTION', 'COMMITTEE_PROPOSAL', 'MANUAL');

-- CreateEnum
CREATE TYPE "SupervisionStatus" AS ENUM ('DRAFT', 'IN_PROGRESS', 'COMPLETION_REQUESTED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "SupervisionCycle" AS ENUM ('WEEKLY', 'MONTHLY', 'DATES', 'FREE');

-- CreateEnum
CREATE TYPE "SupervisionAssignmentRole" AS ENUM ('LEAD', 'CO');

-- CreateEnum
CREATE TYPE "SupervisionAssignmentStatus" AS ENUM ('PENDING', 'ACCEPTED', 'RETURNED');

-- CreateTable
CREATE TABLE "SupervisionItem" (
    "id" UUID NOT NULL,
    "parentId" UUID,
    "path" TEXT NOT NULL,
    "depth" INTEGER NOT NULL DEFAULT 0,
    "officeUnitId" UUID NOT NULL,
    "createdById" UUID NOT NULL,
    "source" "SupervisionSource" NOT NULL,
    "sourceNumber" TEXT NOT NULL DEFAULT '',
    "sourceDocumentId" UUID,
    "sourceRef" TEXT,
    "instruction" TEXT NOT NULL DEFAULT '',
    "title" TEXT NOT NULL,
    "requirement" TEXT NOT NULL DEFAULT '',
    "category" TEXT NOT NULL DEFAULT '',
    "priority" "Urgency" NOT NULL DEFAULT 'NORMAL',
    "deadline" TIMESTAMPTZ(3) NOT NULL,
    "supervisorId" UUID,
    "cycle" "SupervisionCycle" NOT NULL DEFAULT 'FREE',
    "cycleDates" TIMESTAMPTZ(3)[],
    "nextReportDueAt" TIMESTAMPTZ(3),
    "status" "SupervisionStatus" NOT NULL DEFAULT 'DRAFT',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "lastReportAt" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),
    "completionSummary" TEXT NOT NULL DEFAULT '',
    "rating" TEXT,
    "score" INTEGER,
    "ratingComment" TEXT NOT NULL DEFAULT '',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SupervisionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionAssignment" (
    "id" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "role" "SupervisionAssignmentRole" NOT NULL,
    "status" "SupervisionAssignmentStatus" NOT NULL DEFAULT 'PENDING',
    "ownerId" UUID,
    "acceptedAt" TIMESTAMPTZ(3),
    "acceptedById" UUID,
    "returnReason" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupervisionAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionIndicator" (
    "id" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "measure" TEXT NOT NULL DEFAULT '',
    "baseline" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "target" DOUBLE PRECISION NOT NULL,
    "targetDate" TIMESTAMPTZ(3),
    "current" DOUBLE PRECISION,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SupervisionIndicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionReport" (
    "id" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "unitId" UUID,
    "text" TEXT NOT NULL,
    "percent" INTEGER NOT NULL,
    "problems" TEXT NOT NULL DEFAULT '',
    "values" JSONB NOT NULL DEFAULT '{}',
    "dueAt" TIMESTAMPTZ(3),
    "late" BOOLEAN NOT NULL DEFAULT false,
    "clientKey" TEXT,
    "comment" TEXT NOT NULL DEFAULT '',
    "moreRequested" BOOLEAN NOT NULL DEFAULT false,
    "commentedById" UUID,
    "commentedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupervisionReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionPhoto" (
    "id" UUID NOT NULL,
    "reportId" UUID,
    "itemId" UUID NOT NULL,
    "uploadedById" UUID NOT NULL,
    "mime" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "thumb" BYTEA NOT NULL,
    "keptLocation" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupervisionPhoto_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionUrge" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "itemId" UUID NOT NULL,
    "level" INTEGER NOT NULL,
    "unitId" UUID NOT NULL,
    "toPersonId" UUID NOT NULL,
    "daysOverdue" INTEGER NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "automatic" BOOLEAN NOT NULL,
    "byId" UUID,
    "autoKey" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "respondedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SupervisionUrge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionCounter" (
    "key" TEXT NOT NULL,
    "next" INTEGER NOT NULL,

    CONSTRAINT "SupervisionCounter_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SupervisionEvent" (
    "id" BIGSERIAL NOT NULL,
    "itemId" UUID NOT NULL,
    "actorId" UUID,
    "action" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SupervisionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionRanking" (
    "id" UUID NOT NULL,
    "officeUnitId" UUID NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "periodEnd" TIMESTAMPTZ(3) NOT NULL,
    "rows" JSONB NOT NULL,
    "publishedById" UUID NOT NULL,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SupervisionRanking_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SupervisionItem_parentId_idx" ON "SupervisionItem"("parentId");

-- CreateIndex
CREATE INDEX "SupervisionItem_officeUnitId_status_deadline_idx" ON "SupervisionItem"("officeUnitId", "status", "deadline");

-- CreateIndex
CREATE INDEX "SupervisionItem_status_deadline_idx" ON "SupervisionItem"("status", "deadline");

-- CreateIndex
CREATE INDEX "SupervisionItem_path_idx" ON "SupervisionItem"("path");

-- CreateIndex
CREATE INDEX "SupervisionAssignment_unitId_status_idx" ON "SupervisionAssignment"("unitId", "status");

-- CreateIndex
CREATE INDEX "SupervisionAssignment_ownerId_status_idx" ON "SupervisionAssignment"("ownerId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionAssignment_itemId_unitId_key" ON "SupervisionAssignment"("itemId", "unitId");

-- CreateIndex
CREATE INDEX "SupervisionIndicator_itemId_idx" ON "SupervisionIndicator"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionReport_clientKey_key" ON "SupervisionReport"("clientKey");

-- CreateIndex
CREATE INDEX "SupervisionReport_itemId_createdAt_idx" ON "SupervisionReport"("itemId", "createdAt");

-- CreateIndex
CREATE INDEX "SupervisionReport_unitId_createdAt_idx" ON "SupervisionReport"("unitId", "createdAt");

-- CreateIndex
CREATE INDEX "SupervisionPhoto_reportId_idx" ON "SupervisionPhoto"("reportId");

-- CreateIndex
CREATE INDEX "SupervisionPhoto_itemId_idx" ON "SupervisionPhoto"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionUrge_number_key" ON "SupervisionUrge"("number");

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionUrge_autoKey_key" ON "SupervisionUrge"("autoKey");

-- CreateIndex
CREATE INDEX "SupervisionUrge_itemId_createdAt_idx" ON "SupervisionUrge"("itemId", "createdAt");

-- CreateIndex
CREATE INDEX "SupervisionUrge_respondedAt_level_createdAt_idx" ON "SupervisionUrge"("respondedAt", "level", "createdAt");

-- CreateIndex
CREATE INDEX "SupervisionEvent_itemId_id_idx" ON "SupervisionEvent"("itemId", "id");

-- CreateIndex
CREATE INDEX "SupervisionRanking_officeUnitId_publishedAt_idx" ON "SupervisionRanking"("officeUnitId", "publishedAt");

-- AddForeignKey
ALTER TABLE "SupervisionItem" ADD CONSTRAINT "SupervisionItem_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "SupervisionItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionItem" ADD CONSTRAINT "SupervisionItem_officeUnitId_fkey" FOREIGN KEY ("officeUnitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionAssignment" ADD CONSTRAINT "SupervisionAssignment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "SupervisionItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionAssignment" ADD CONSTRAINT "SupervisionAssignment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionIndicator" ADD CONSTRAINT "SupervisionIndicator_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "SupervisionItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionReport" ADD CONSTRAINT "SupervisionReport_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "SupervisionItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionPhoto" ADD CONSTRAINT "SupervisionPhoto_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "SupervisionReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionUrge" ADD CONSTRAINT "SupervisionUrge_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "SupervisionItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionEvent" ADD CONSTRAINT "SupervisionEvent_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "SupervisionItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
