-- CreateTable
CREATE TABLE "RealtimeVersion" (
    "id" UUID NOT NULL,
    "docName" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "snapshot" BYTEA NOT NULL,
    "restoredFromId" UUID,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RealtimeVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RealtimeAttribution" (
    "docName" TEXT NOT NULL,
    "personId" UUID NOT NULL,
    "clientIds" BIGINT[],
    "deleteSet" BYTEA NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RealtimeAttribution_pkey" PRIMARY KEY ("docName","personId")
);

-- CreateIndex
CREATE UNIQUE INDEX "RealtimeVersion_docName_number_key" ON "RealtimeVersion"("docName", "number");
