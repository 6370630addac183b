-- CreateEnum
CREATE TYPE "DutyIncidentReportKind" AS ENUM ('PHONE', 'WRITTEN', 'FOLLOW_UP', 'FINAL');

-- CreateTable
CREATE TABLE "DutyIncident" (
    "id" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "postId" UUID,
    "reporterId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "place" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "casualties" TEXT NOT NULL,
    "measures" TEXT NOT NULL,
    "phoneAt" TIMESTAMPTZ(3),
    "writtenAt" TIMESTAMPTZ(3),
    "finalAt" TIMESTAMPTZ(3),
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DutyIncident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DutyIncidentReport" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "kind" "DutyIncidentReportKind" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "text" TEXT NOT NULL,
    "authorId" UUID NOT NULL,

    CONSTRAINT "DutyIncidentReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DutyIncidentEvent" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "personIds" UUID[],
    "text" TEXT NOT NULL,

    CONSTRAINT "DutyIncidentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DutyIncidentReceipt" (
    "incidentId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "readAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DutyIncidentReceipt_pkey" PRIMARY KEY ("incidentId","personId")
);

-- CreateIndex
CREATE INDEX "DutyIncident_unitId_occurredAt_idx" ON "DutyIncident"("unitId", "occurredAt");

-- CreateIndex
CREATE INDEX "DutyIncident_finalAt_occurredAt_idx" ON "DutyIncident"("finalAt", "occurredAt");

-- CreateIndex
CREATE INDEX "DutyIncidentReport_incidentId_at_idx" ON "DutyIncidentReport"("incidentId", "at");

-- CreateIndex
CREATE INDEX "DutyIncidentEvent_incidentId_at_idx" ON "DutyIncidentEvent"("incidentId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "DutyIncidentEvent_incidentId_key_key" ON "DutyIncidentEvent"("incidentId", "key");

-- AddForeignKey
ALTER TABLE "DutyIncident" ADD CONSTRAINT "DutyIncident_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DutyIncidentReport" ADD CONSTRAINT "DutyIncidentReport_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "DutyIncident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DutyIncidentEvent" ADD CONSTRAINT "DutyIncidentEvent_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "DutyIncident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DutyIncidentReceipt" ADD CONSTRAINT "DutyIncidentReceipt_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "DutyIncident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
