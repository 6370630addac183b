-- CreateTable
CREATE TABLE "MicroAppFile" (
    "id" UUID NOT NULL,
    "appId" TEXT NOT NULL,
    "personId" UUID NOT NULL,
    "keyHash" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MicroAppFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MicroAppScreenshot" (
    "id" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "form" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "MicroAppScreenshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MicroAppFile_appId_personId_idx" ON "MicroAppFile"("appId", "personId");

-- CreateIndex
CREATE INDEX "MicroAppFile_expiresAt_idx" ON "MicroAppFile"("expiresAt");

-- CreateIndex
CREATE INDEX "MicroAppScreenshot_versionId_sortOrder_idx" ON "MicroAppScreenshot"("versionId", "sortOrder");
