-- AlterEnum
ALTER TYPE "DistributionStatus" ADD VALUE 'RETURNED';

-- AlterTable
ALTER TABLE "DocumentDistribution" ADD COLUMN     "returnReason" TEXT,
ADD COLUMN     "returnedAt" TIMESTAMPTZ(3),
ADD COLUMN     "returnedById" UUID;
