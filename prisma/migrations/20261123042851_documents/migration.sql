-- CreateEnum
CREATE TYPE "DocumentDirection" AS ENUM ('OUTGOING', 'INCOMING');

-- CreateEnum
CREATE TYPE "DocumentKind" AS ENUM ('RESOLUTION', 'DECISION', 'ORDER', 'COMMUNIQUE', 'ANNOUNCEMENT', 'PUBLIC_NOTICE', 'OPINION', 'NOTICE', 'CIRCULAR', 'REPORT', 'REQUEST', 'REPLY', 'MOTION', 'LETTER', 'MINUTES');

-- CreateEnum
CREATE TYPE "DocumentMarking" AS ENUM ('NONE', 'INTERNAL');

-- CreateEnum
CREATE TYPE "DocumentStatus" AS ENUM ('DRAFT', 'IN_PROGRESS', 'COMPLETED', 'ARCHIVED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "DocumentTaskStatus" AS ENUM ('PENDING', 'DONE', 'SENT_BACK', 'WITHDRAWN', 'TRANSFERRED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "DocumentNumberState" AS ENUM ('ASSIGNED', 'RESERVED', 'VOIDED');

-- CreateEnum
CREATE TYPE "DistributionStatus" AS ENUM ('SENT', 'SIGNED_FOR', 'RECALLED');

-- CreateTable
CREATE TABLE "Document" (
    "id" UUID NOT NULL,
    "direction" "DocumentDirection" NOT NULL,
    "kind" "DocumentKind" NOT NULL,
    "title" TEXT NOT NULL,
    "organId" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "createdById" UUID NOT NULL,
    "collaboratorIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "mainRecipients" TEXT NOT NULL DEFAULT '',
    "copyTo" TEXT NOT NULL DEFAULT '',
    "urgency" "Urgency" NOT NULL DEFAULT 'NORMAL',
    "marking" "DocumentMarking" NOT NULL DEFAULT 'NONE',
    "isJoint" BOOLEAN NOT NULL DEFAULT false,
    "signerName" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "status" "DocumentStatus" NOT NULL DEFAULT 'DRAFT',
    "templateId" UUID,
    "workflow" JSONB,
    "stepIndex" INTEGER,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "number" TEXT,
    "signedOffAt" TIMESTAMPTZ(3),
    "signedOffById" UUID,
    "senderOrgan" TEXT,
    "senderNumber" TEXT,
    "registrationNumber" TEXT,
    "copies" INTEGER,
    "deadline" TIMESTAMPTZ(3),
    "receivedAt" TIMESTAMPTZ(3),
    "arrivedByDistributionId" UUID,
    "replyToId" UUID,
    "archivedAt" TIMESTAMPTZ(3),
    "retentionYears" INTEGER,
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentTask" (
    "id" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "stepIndex" INTEGER NOT NULL,
    "assigneeId" UUID NOT NULL,
    "unitId" UUID,
    "status" "DocumentTaskStatus" NOT NULL DEFAULT 'PENDING',
    "createdById" UUID,
    "dueAt" TIMESTAMPTZ(3),
    "actedAt" TIMESTAMPTZ(3),
    "actedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentOpinion" (
    "id" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "taskId" UUID,
    "stepIndex" INTEGER NOT NULL,
    "stepName" TEXT NOT NULL,
    "personId" UUID NOT NULL,
    "personName" TEXT NOT NULL,
    "onBehalfOfName" TEXT,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentOpinion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentEvent" (
    "id" BIGSERIAL NOT NULL,
    "documentId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actorId" UUID,
    "actorName" TEXT,
    "action" TEXT NOT NULL,
    "stepName" TEXT,
    "details" JSONB,

    CONSTRAINT "DocumentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delegation" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "deputyId" UUID NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Delegation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowTemplate" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "direction" "DocumentDirection" NOT NULL,
    "kinds" "DocumentKind"[],
    "unitId" UUID,
    "steps" JSONB NOT NULL,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WorkflowTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentNumberCounter" (
    "organCode" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DocumentNumberCounter_pkey" PRIMARY KEY ("organCode","year")
);

-- CreateTable
CREATE TABLE "DocumentNumber" (
    "id" UUID NOT NULL,
    "organCode" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "state" "DocumentNumberState" NOT NULL,
    "documentId" UUID,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentNumber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentDistribution" (
    "id" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "recipientUnitId" UUID NOT NULL,
    "isExchange" BOOLEAN NOT NULL DEFAULT false,
    "status" "DistributionStatus" NOT NULL DEFAULT 'SENT',
    "sentAt" TIMESTAMPTZ(3) NOT NULL,
    "sentById" UUID NOT NULL,
    "signedForAt" TIMESTAMPTZ(3),
    "signedForById" UUID,
    "recalledAt" TIMESTAMPTZ(3),

    CONSTRAINT "DocumentDistribution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentReader" (
    "documentId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "sentById" UUID NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL,
    "readAt" TIMESTAMPTZ(3),

    CONSTRAINT "DocumentReader_pkey" PRIMARY KEY ("documentId","personId")
);

-- CreateTable
CREATE TABLE "DocumentAttachment" (
    "id" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "uploadedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Document_arrivedByDistributionId_key" ON "Document"("arrivedByDistributionId");

-- CreateIndex
CREATE INDEX "Document_organId_status_createdAt_idx" ON "Document"("organId", "status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Document_createdById_createdAt_idx" ON "Document"("createdById", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Document_searchText_idx" ON "Document" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "DocumentTask_documentId_stepIndex_idx" ON "DocumentTask"("documentId", "stepIndex");

-- CreateIndex
CREATE INDEX "DocumentTask_assigneeId_status_idx" ON "DocumentTask"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "DocumentOpinion_documentId_createdAt_idx" ON "DocumentOpinion"("documentId", "createdAt");

-- CreateIndex
CREATE INDEX "DocumentEvent_documentId_id_idx" ON "DocumentEvent"("documentId", "id");

-- CreateIndex
CREATE INDEX "Delegation_personId_startsAt_idx" ON "Delegation"("personId", "startsAt");

-- CreateIndex
CREATE INDEX "Delegation_deputyId_idx" ON "Delegation"("deputyId");

-- CreateIndex
CREATE UNIQUE INDEX "DocumentNumber_documentId_key" ON "DocumentNumber"("documentId");

-- CreateIndex
CREATE UNIQUE INDEX "DocumentNumber_organCode_year_sequence_key" ON "DocumentNumber"("organCode", "year", "sequence");

-- CreateIndex
CREATE INDEX "DocumentDistribution_recipientUnitId_status_idx" ON "DocumentDistribution"("recipientUnitId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "DocumentDistribution_documentId_recipientUnitId_key" ON "DocumentDistribution"("documentId", "recipientUnitId");

-- CreateIndex
CREATE INDEX "DocumentReader_personId_idx" ON "DocumentReader"("personId");

-- CreateIndex
CREATE INDEX "DocumentAttachment_documentId_idx" ON "DocumentAttachment"("documentId");

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_organId_fkey" FOREIGN KEY ("organId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentTask" ADD CONSTRAINT "DocumentTask_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentTask" ADD CONSTRAINT "DocumentTask_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentOpinion" ADD CONSTRAINT "DocumentOpinion_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentEvent" ADD CONSTRAINT "DocumentEvent_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentDistribution" ADD CONSTRAINT "DocumentDistribution_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentReader" ADD CONSTRAINT "DocumentReader_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentAttachment" ADD CONSTRAINT "DocumentAttachment_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;
