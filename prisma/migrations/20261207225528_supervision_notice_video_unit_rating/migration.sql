-- AlterTable
ALTER TABLE "SupervisionItem" ADD COLUMN     "noticeDocumentId" UUID;

-- CreateTable
CREATE TABLE "SupervisionVideo" (
    "id" UUID NOT NULL,
    "reportId" UUID,
    "itemId" UUID NOT NULL,
    "uploadedById" UUID NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "durationSeconds" DOUBLE PRECISION,
    "bytes" BYTEA NOT NULL,
    "poster" BYTEA,
    "hasPoster" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupervisionVideo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionUnitRating" (
    "id" UUID NOT NULL,
    "officeUnitId" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "periodEnd" TIMESTAMPTZ(3) NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "ratedById" UUID NOT NULL,
    "ratedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SupervisionUnitRating_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SupervisionVideo_reportId_idx" ON "SupervisionVideo"("reportId");

-- CreateIndex
CREATE INDEX "SupervisionVideo_itemId_idx" ON "SupervisionVideo"("itemId");

-- CreateIndex
CREATE INDEX "SupervisionUnitRating_officeUnitId_periodStart_idx" ON "SupervisionUnitRating"("officeUnitId", "periodStart");

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionUnitRating_officeUnitId_unitId_period_key" ON "SupervisionUnitRating"("officeUnitId", "unitId", "period");

-- CreateIndex
CREATE INDEX "SupervisionItem_noticeDocumentId_idx" ON "SupervisionItem"("noticeDocumentId");

-- AddForeignKey
ALTER TABLE "SupervisionVideo" ADD CONSTRAINT "SupervisionVideo_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "SupervisionReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Videos are served in byte ranges (phones seek): EXTERNAL keeps them uncompressed in TOAST, so
-- substring() reads only the chunks of the range instead of detoasting the whole video.
ALTER TABLE "SupervisionVideo" ALTER COLUMN "bytes" SET STORAGE EXTERNAL;
