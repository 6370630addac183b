-- CreateEnum
CREATE TYPE "ConversationKind" AS ENUM ('DIRECT', 'TOPIC', 'UNIT', 'DOCUMENT');

-- CreateEnum
CREATE TYPE "MessageKind" AS ENUM ('TEXT', 'IMAGE', 'FILE');

-- CreateEnum
CREATE TYPE "ConversationRole" AS ENUM ('OWNER', 'MEMBER');

-- CreateTable
CREATE TABLE "Conversation" (
    "id" UUID NOT NULL,
    "kind" "ConversationKind" NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "unitId" UUID,
    "documentId" UUID,
    "directKey" TEXT,
    "createdById" UUID,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "lastMessageAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationMember" (
    "conversationId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "role" "ConversationRole" NOT NULL DEFAULT 'MEMBER',
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ConversationMember_pkey" PRIMARY KEY ("conversationId","personId")
);

-- CreateTable
CREATE TABLE "ConversationState" (
    "conversationId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "readSeq" INTEGER NOT NULL DEFAULT 0,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "muted" BOOLEAN NOT NULL DEFAULT false,
    "readAt" TIMESTAMPTZ(3),

    CONSTRAINT "ConversationState_pkey" PRIMARY KEY ("conversationId","personId")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "clientId" TEXT NOT NULL,
    "senderId" UUID NOT NULL,
    "kind" "MessageKind" NOT NULL DEFAULT 'TEXT',
    "text" TEXT NOT NULL DEFAULT '',
    "mentionIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "mentionAll" BOOLEAN NOT NULL DEFAULT false,
    "replyToId" UUID,
    "forwardedFromId" UUID,
    "fileId" UUID,
    "recalledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "searchTsv" tsvector,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageFile" (
    "id" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "uploaderId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "thumbnail" BYTEA,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_unitId_key" ON "Conversation"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_documentId_key" ON "Conversation"("documentId");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_directKey_key" ON "Conversation"("directKey");

-- CreateIndex
CREATE INDEX "ConversationMember_personId_removedAt_idx" ON "ConversationMember"("personId", "removedAt");

-- CreateIndex
CREATE INDEX "ConversationState_personId_idx" ON "ConversationState"("personId");

-- CreateIndex
CREATE INDEX "Message_createdAt_idx" ON "Message"("createdAt");

-- CreateIndex
CREATE INDEX "Message_searchTsv_idx" ON "Message" USING GIN ("searchTsv");

-- CreateIndex
CREATE UNIQUE INDEX "Message_conversationId_seq_key" ON "Message"("conversationId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Message_conversationId_senderId_clientId_key" ON "Message"("conversationId", "senderId", "clientId");

-- CreateIndex
CREATE INDEX "MessageFile_conversationId_idx" ON "MessageFile"("conversationId");

-- AddForeignKey
ALTER TABLE "ConversationMember" ADD CONSTRAINT "ConversationMember_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationState" ADD CONSTRAINT "ConversationState_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageFile" ADD CONSTRAINT "MessageFile_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Live messaging re-computes a person's conversations at once when their membership may have changed:
-- a post added, moved or removed (unit groups, 兼职 included), or a member row of a direct or topic
-- conversation changed. Payload: the person's id. A periodic round catches the rest (a document
-- passing out of sight, a delegation ending).
CREATE FUNCTION xietong_notify_messaging_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('xietong_messaging_access', OLD."personId"::text);
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD."personId" IS DISTINCT FROM NEW."personId" THEN
    PERFORM pg_notify('xietong_messaging_access', OLD."personId"::text);
  END IF;
  PERFORM pg_notify('xietong_messaging_access', NEW."personId"::text);
  RETURN NEW;
END
$$;

CREATE TRIGGER "Post_messaging_access" AFTER INSERT OR UPDATE OR DELETE ON "Post"
  FOR EACH ROW EXECUTE FUNCTION xietong_notify_messaging_access();

CREATE TRIGGER "ConversationMember_messaging_access" AFTER INSERT OR UPDATE OR DELETE ON "ConversationMember"
  FOR EACH ROW EXECUTE FUNCTION xietong_notify_messaging_access();

CREATE TRIGGER "DocumentReader_messaging_access" AFTER INSERT OR DELETE ON "DocumentReader"
  FOR EACH ROW EXECUTE FUNCTION xietong_notify_messaging_access();

-- Losing sight of a document (a document thread's members are whoever documents' policy lets see it):
-- a co-drafter removed, a task moved to someone else, a delegation revoked, a registry grant revoked.
CREATE FUNCTION xietong_notify_messaging_people() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  person uuid;
BEGIN
  IF TG_TABLE_NAME = 'Document' THEN
    FOREACH person IN ARRAY OLD."collaboratorIds" LOOP
      IF NOT person = ANY(NEW."collaboratorIds") THEN
        PERFORM pg_notify('xietong_messaging_access', person::text);
      END IF;
    END LOOP;
    RETURN NEW;
  ELSIF TG_TABLE_NAME = 'DocumentTask' THEN
    PERFORM pg_notify('xietong_messaging_access', OLD."assigneeId"::text);
  ELSIF TG_TABLE_NAME = 'Delegation' THEN
    PERFORM pg_notify('xietong_messaging_access', OLD."deputyId"::text);
  ELSE
    PERFORM pg_notify('xietong_messaging_access', OLD."personId"::text);
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "Document_messaging_access" AFTER UPDATE OF "collaboratorIds" ON "Document"
  FOR EACH ROW EXECUTE FUNCTION xietong_notify_messaging_people();
CREATE TRIGGER "DocumentTask_messaging_access" AFTER UPDATE OF "assigneeId" OR DELETE ON "DocumentTask"
  FOR EACH ROW EXECUTE FUNCTION xietong_notify_messaging_people();
CREATE TRIGGER "Delegation_messaging_access" AFTER UPDATE OF "revokedAt" OR DELETE ON "Delegation"
  FOR EACH ROW EXECUTE FUNCTION xietong_notify_messaging_people();
CREATE TRIGGER "RoleGrant_messaging_access" AFTER DELETE ON "RoleGrant"
  FOR EACH ROW EXECUTE FUNCTION xietong_notify_messaging_people();
