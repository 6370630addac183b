-- CreateTable
CREATE TABLE "DocumentRendition" (
    "id" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "pdf" BYTEA NOT NULL,
    "sm3" TEXT NOT NULL,
    "sealId" UUID,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentRendition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Seal" (
    "id" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "image" BYTEA,
    "publicKey" TEXT,
    "privateKeyEnc" TEXT,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Seal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SealHolder" (
    "sealId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "grantedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SealHolder_pkey" PRIMARY KEY ("sealId","personId")
);

-- CreateTable
CREATE TABLE "SealUse" (
    "id" UUID NOT NULL,
    "sealId" UUID NOT NULL,
    "documentId" UUID,
    "personId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "documentHash" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "SealUse_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DocumentRendition_documentId_createdAt_idx" ON "DocumentRendition"("documentId", "createdAt");

-- CreateIndex
CREATE INDEX "Seal_unitId_idx" ON "Seal"("unitId");

-- CreateIndex
CREATE INDEX "SealHolder_personId_idx" ON "SealHolder"("personId");

-- CreateIndex
CREATE INDEX "SealUse_sealId_at_idx" ON "SealUse"("sealId", "at");

-- CreateIndex
CREATE INDEX "SealUse_documentId_idx" ON "SealUse"("documentId");

-- AddForeignKey
ALTER TABLE "SealHolder" ADD CONSTRAINT "SealHolder_sealId_fkey" FOREIGN KEY ("sealId") REFERENCES "Seal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SealUse" ADD CONSTRAINT "SealUse_sealId_fkey" FOREIGN KEY ("sealId") REFERENCES "Seal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
