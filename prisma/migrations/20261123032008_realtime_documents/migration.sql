-- CreateTable
CREATE TABLE "RealtimeUpdate" (
    "id" BIGSERIAL NOT NULL,
    "docName" TEXT NOT NULL,
    "update" BYTEA NOT NULL,
    "personId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RealtimeUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RealtimeSnapshot" (
    "docName" TEXT NOT NULL,
    "state" BYTEA NOT NULL,
    "upToId" BIGINT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RealtimeSnapshot_pkey" PRIMARY KEY ("docName")
);

-- CreateIndex
CREATE INDEX "RealtimeUpdate_docName_id_idx" ON "RealtimeUpdate"("docName", "id");
