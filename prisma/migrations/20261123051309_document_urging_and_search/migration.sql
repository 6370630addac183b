-- AlterTable
ALTER TABLE "DocumentTask" ADD COLUMN     "autoUrgedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Document_collaboratorIds_idx" ON "Document" USING GIN ("collaboratorIds");

-- CreateIndex
CREATE INDEX "DocumentTask_actedById_idx" ON "DocumentTask"("actedById");

-- CreateIndex
CREATE INDEX "DocumentTask_status_dueAt_idx" ON "DocumentTask"("status", "dueAt");

-- Search compares folded text (NFKC, lower case) with LIKE, which is three times faster than ILIKE
-- in UTF-8; the application folds what it writes (server/documents/engine.ts, searchKey).
UPDATE "Document" SET "searchText" = lower(normalize("searchText", NFKC)) WHERE "searchText" <> lower(normalize("searchText", NFKC));
