-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "fullName" TEXT;
