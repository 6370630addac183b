-- CreateTable
CREATE TABLE "BulletinRanking" (
    "id" UUID NOT NULL,
    "officeUnitId" UUID NOT NULL,
    "periodFrom" TEXT NOT NULL,
    "periodTo" TEXT NOT NULL,
    "rows" JSONB NOT NULL,
    "publishedById" UUID NOT NULL,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BulletinRanking_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BulletinRanking_officeUnitId_publishedAt_idx" ON "BulletinRanking"("officeUnitId", "publishedAt");
