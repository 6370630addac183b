-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "noticeId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "Message_noticeId_key" ON "Message"("noticeId");
