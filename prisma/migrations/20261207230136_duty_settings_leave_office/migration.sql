-- AlterTable
ALTER TABLE "LeaveBalance" ADD COLUMN     "carriedHalfDays" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "LeaveRule" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "DutyUnitSettings" (
    "unitId" UUID NOT NULL,
    "value" JSONB NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "updatedById" UUID,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DutyUnitSettings_pkey" PRIMARY KEY ("unitId")
);
