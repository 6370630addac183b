-- CreateEnum
CREATE TYPE "ReportCycle" AS ENUM ('ONCE', 'WEEKLY', 'MONTHLY', 'QUARTERLY');

-- CreateEnum
CREATE TYPE "ReportSubmissionStatus" AS ENUM ('NOT_STARTED', 'DRAFT', 'PENDING_REVIEW', 'RETURNED', 'SUBMITTED');

-- CreateEnum
CREATE TYPE "BulletinItemStatus" AS ENUM ('SUBMITTED', 'ADOPTED', 'NOT_ADOPTED');

-- CreateTable
CREATE TABLE "ReportTemplate" (
    "id" UUID NOT NULL,
    "ownerUnitId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdById" UUID NOT NULL,
    "latestVersion" INTEGER NOT NULL DEFAULT 1,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReportTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportTemplateVersion" (
    "id" UUID NOT NULL,
    "templateId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReportTemplateVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportSeries" (
    "id" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "ownerUnitId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "cycle" "ReportCycle" NOT NULL,
    "unitIds" UUID[],
    "deadlineDays" INTEGER NOT NULL,
    "createdById" UUID NOT NULL,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReportSeries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportCollection" (
    "id" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "seriesId" UUID,
    "period" TEXT NOT NULL DEFAULT '',
    "ownerUnitId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "deadline" TIMESTAMPTZ(3) NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReportCollection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportSubmission" (
    "id" UUID NOT NULL,
    "collectionId" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "status" "ReportSubmissionStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "values" JSONB NOT NULL DEFAULT '{}',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "round" INTEGER NOT NULL DEFAULT 0,
    "returnReason" TEXT NOT NULL DEFAULT '',
    "editedById" UUID,
    "updatedAt" TIMESTAMPTZ(3),
    "submittedAt" TIMESTAMPTZ(3),
    "reviewedById" UUID,
    "remindedAt" TIMESTAMPTZ(3),
    "urgedAt" TIMESTAMPTZ(3),
    "urgeCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReportSubmission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportFile" (
    "id" UUID NOT NULL,
    "submissionId" UUID NOT NULL,
    "fieldKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "uploadedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReportFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulletinItem" (
    "id" UUID NOT NULL,
    "officeUnitId" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "BulletinItemStatus" NOT NULL DEFAULT 'SUBMITTED',
    "score" INTEGER NOT NULL DEFAULT 0,
    "issueId" UUID,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "submittedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BulletinItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulletinIssue" (
    "id" UUID NOT NULL,
    "officeUnitId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "documentId" UUID,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BulletinIssue_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportTemplate_ownerUnitId_idx" ON "ReportTemplate"("ownerUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportTemplateVersion_templateId_version_key" ON "ReportTemplateVersion"("templateId", "version");

-- CreateIndex
CREATE INDEX "ReportCollection_ownerUnitId_createdAt_idx" ON "ReportCollection"("ownerUnitId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ReportCollection_seriesId_period_key" ON "ReportCollection"("seriesId", "period");

-- CreateIndex
CREATE INDEX "ReportSubmission_unitId_status_idx" ON "ReportSubmission"("unitId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ReportSubmission_collectionId_unitId_key" ON "ReportSubmission"("collectionId", "unitId");

-- CreateIndex
CREATE INDEX "ReportFile_submissionId_idx" ON "ReportFile"("submissionId");

-- CreateIndex
CREATE INDEX "BulletinItem_officeUnitId_status_submittedAt_idx" ON "BulletinItem"("officeUnitId", "status", "submittedAt" DESC);

-- CreateIndex
CREATE INDEX "BulletinItem_unitId_submittedAt_idx" ON "BulletinItem"("unitId", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BulletinIssue_officeUnitId_year_sequence_key" ON "BulletinIssue"("officeUnitId", "year", "sequence");

-- AddForeignKey
ALTER TABLE "ReportTemplateVersion" ADD CONSTRAINT "ReportTemplateVersion_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "ReportTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportCollection" ADD CONSTRAINT "ReportCollection_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ReportTemplateVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportCollection" ADD CONSTRAINT "ReportCollection_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "ReportSeries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportSubmission" ADD CONSTRAINT "ReportSubmission_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "ReportCollection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportSubmission" ADD CONSTRAINT "ReportSubmission_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulletinItem" ADD CONSTRAINT "BulletinItem_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulletinItem" ADD CONSTRAINT "BulletinItem_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "BulletinIssue"("id") ON DELETE SET NULL ON UPDATE CASCADE;
