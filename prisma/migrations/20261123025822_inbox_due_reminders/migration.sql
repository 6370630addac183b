-- AlterTable
ALTER TABLE "InboxItem" ADD COLUMN     "remindedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "InboxItem_state_dueAt_idx" ON "InboxItem"("state", "dueAt");
