-- CreateTable
CREATE TABLE "NotificationPreference" (
    "personId" UUID NOT NULL,
    "emailEnabled" BOOLEAN NOT NULL DEFAULT true,
    "pushEnabled" BOOLEAN NOT NULL DEFAULT true,
    "quietStart" INTEGER,
    "quietEnd" INTEGER,
    "digestEnabled" BOOLEAN NOT NULL DEFAULT false,
    "digestMinute" INTEGER NOT NULL DEFAULT 480,
    "lastDigestOn" TEXT,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("personId")
);

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
