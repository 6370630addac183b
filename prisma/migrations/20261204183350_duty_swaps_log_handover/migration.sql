-- CreateEnum
CREATE TYPE "DutySwapKind" AS ENUM ('SWAP', 'REPLACE');

-- CreateEnum
CREATE TYPE "DutySwapStatus" AS ENUM ('REQUESTED', 'ACCEPTED', 'APPROVED', 'DECLINED', 'REJECTED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "DutyLogKind" AS ENUM ('CALL', 'EVENT', 'NOTE');

-- CreateTable
CREATE TABLE "DutySwap" (
    "id" UUID NOT NULL,
    "rosterId" UUID NOT NULL,
    "kind" "DutySwapKind" NOT NULL,
    "status" "DutySwapStatus" NOT NULL DEFAULT 'REQUESTED',
    "requesterId" UUID NOT NULL,
    "assignmentId" UUID NOT NULL,
    "counterpartId" UUID NOT NULL,
    "counterpartAssignmentId" UUID,
    "reason" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" TIMESTAMPTZ(3),
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" UUID,

    CONSTRAINT "DutySwap_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DutyLogEntry" (
    "id" UUID NOT NULL,
    "postId" UUID NOT NULL,
    "assignmentId" UUID,
    "authorId" UUID NOT NULL,
    "kind" "DutyLogKind" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DutyLogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DutyHandover" (
    "id" UUID NOT NULL,
    "postId" UUID NOT NULL,
    "fromAssignmentId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "note" TEXT NOT NULL,
    "items" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedById" UUID,
    "acknowledgedAt" TIMESTAMPTZ(3),

    CONSTRAINT "DutyHandover_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DutySwap_rosterId_status_idx" ON "DutySwap"("rosterId", "status");

-- CreateIndex
CREATE INDEX "DutySwap_counterpartId_status_idx" ON "DutySwap"("counterpartId", "status");

-- CreateIndex
CREATE INDEX "DutySwap_requesterId_status_idx" ON "DutySwap"("requesterId", "status");

-- CreateIndex
CREATE INDEX "DutyLogEntry_postId_at_idx" ON "DutyLogEntry"("postId", "at");

-- CreateIndex
CREATE INDEX "DutyHandover_postId_createdAt_idx" ON "DutyHandover"("postId", "createdAt");
