-- AlterTable
-- Records already written were hashed under rule 0 (details not normalised: a Date hashed as {}); they
-- get 0, and every record written from now on gets the column's default, 1. Adding a column with a
-- default rewrites no row, so the append-only trigger does not fire.
ALTER TABLE "AuditEvent" ADD COLUMN     "hashVersion" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "AuditEvent" ALTER COLUMN "hashVersion" SET DEFAULT 1;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "totpLastStep" INTEGER;

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "personId" UUID NOT NULL,
    "ip" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "lastAttemptAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SignInAttempt_pkey" PRIMARY KEY ("personId","ip")
);

-- AddForeignKey
ALTER TABLE "SignInAttempt" ADD CONSTRAINT "SignInAttempt_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The three administrator roles (三员) require a second factor by default (server/core/authz/permissions.ts).
UPDATE "Role" SET "requiresTotp" = true WHERE "isSystem" AND "key" IN ('system-admin', 'security-admin', 'auditor');
