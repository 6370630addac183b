-- AlterTable
ALTER TABLE "SupervisionItem" ADD COLUMN     "leadUnitId" UUID;
