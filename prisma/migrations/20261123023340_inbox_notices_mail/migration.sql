-- CreateEnum
CREATE TYPE "InboxKind" AS ENUM ('TODO', 'TO_READ');

-- CreateEnum
CREATE TYPE "Urgency" AS ENUM ('NORMAL', 'URGENT', 'EXTRA_URGENT');

-- CreateEnum
CREATE TYPE "InboxState" AS ENUM ('OPEN', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('PENDING', 'SENT', 'FAILED', 'HELD');

-- CreateTable
CREATE TABLE "InboxItem" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "kind" "InboxKind" NOT NULL,
    "module" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT '',
    "url" TEXT NOT NULL,
    "urgency" "Urgency" NOT NULL DEFAULT 'NORMAL',
    "dueAt" TIMESTAMPTZ(3),
    "unitId" UUID,
    "state" "InboxState" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" TIMESTAMPTZ(3),

    CONSTRAINT "InboxItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" UUID NOT NULL,
    "senderId" UUID NOT NULL,
    "senderUnitId" UUID,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "urgency" "Urgency" NOT NULL DEFAULT 'URGENT',
    "repingMinutes" INTEGER NOT NULL DEFAULT 30,
    "repingMax" INTEGER NOT NULL DEFAULT 3,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeRecipient" (
    "noticeId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "readAt" TIMESTAMPTZ(3),
    "pingCount" INTEGER NOT NULL DEFAULT 0,
    "lastPingAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NoticeRecipient_pkey" PRIMARY KEY ("noticeId","personId")
);

-- CreateTable
CREATE TABLE "OutboxMail" (
    "id" UUID NOT NULL,
    "toAddress" TEXT NOT NULL,
    "toPersonId" UUID,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "status" "MailStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "OutboxMail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InboxItem_personId_state_createdAt_idx" ON "InboxItem"("personId", "state", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "InboxItem_objectType_objectId_idx" ON "InboxItem"("objectType", "objectId");

-- CreateIndex
CREATE UNIQUE INDEX "InboxItem_personId_objectType_objectId_kind_key" ON "InboxItem"("personId", "objectType", "objectId", "kind");

-- CreateIndex
CREATE INDEX "NoticeRecipient_personId_idx" ON "NoticeRecipient"("personId");

-- CreateIndex
CREATE INDEX "NoticeRecipient_readAt_lastPingAt_idx" ON "NoticeRecipient"("readAt", "lastPingAt");

-- CreateIndex
CREATE INDEX "OutboxMail_status_nextAttemptAt_idx" ON "OutboxMail"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMail_toAddress_createdAt_idx" ON "OutboxMail"("toAddress", "createdAt");

-- AddForeignKey
ALTER TABLE "InboxItem" ADD CONSTRAINT "InboxItem_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_senderId_fkey" FOREIGN KEY ("senderId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeRecipient" ADD CONSTRAINT "NoticeRecipient_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeRecipient" ADD CONSTRAINT "NoticeRecipient_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
