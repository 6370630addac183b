-- DropIndex
DROP INDEX "ConversationMember_personId_removedAt_idx";

-- CreateIndex
CREATE INDEX "ConversationMember_personId_removedAt_conversationId_idx" ON "ConversationMember"("personId", "removedAt", "conversationId");
