-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ConversationKind" ADD VALUE 'MEETING';
ALTER TYPE "ConversationKind" ADD VALUE 'SUPERVISION';

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "meetingId" UUID,
ADD COLUMN     "supervisionItemId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_meetingId_key" ON "Conversation"("meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_supervisionItemId_key" ON "Conversation"("supervisionItemId");

-- A meeting thread's members are the meeting's audience: an invitation added or removed re-computes
-- that person's conversations at once (the periodic round catches the rest: an organiser or a chair
-- changed, a supervision assignment returned).
CREATE TRIGGER "MeetingInvitee_messaging_access" AFTER INSERT OR UPDATE OF "personId" OR DELETE ON "MeetingInvitee"
  FOR EACH ROW EXECUTE FUNCTION xietong_notify_messaging_access();
