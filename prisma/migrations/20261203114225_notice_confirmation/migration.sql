-- AlterTable
ALTER TABLE "NoticeRecipient" ADD COLUMN     "confirmedAt" TIMESTAMPTZ(3);

-- Before this, opening a notice was its receipt: what was read counts as confirmed.
UPDATE "NoticeRecipient" SET "confirmedAt" = "readAt" WHERE "readAt" IS NOT NULL;

-- 传阅 (CIRCULATE) tasks are for reading: their open items move from 待办 to 待阅 (unless one exists).
UPDATE "InboxItem" i SET kind = 'TO_READ'
  FROM "DocumentTask" t JOIN "Document" d ON d.id = t."documentId"
 WHERE i."objectType" = 'DocumentTask' AND i."objectId" = t.id::text AND i.kind = 'TODO' AND i.state = 'OPEN'
   AND d.workflow -> t."stepIndex" ->> 'type' = 'CIRCULATE'
   AND NOT EXISTS (SELECT 1 FROM "InboxItem" o WHERE o."personId" = i."personId" AND o."objectType" = i."objectType" AND o."objectId" = i."objectId" AND o.kind = 'TO_READ');
