-- AlterTable (edited by hand: existing reports take their item's office, then the column is required)
ALTER TABLE "SupervisionReport" ADD COLUMN     "officeUnitId" UUID;
UPDATE "SupervisionReport" r SET "officeUnitId" = i."officeUnitId" FROM "SupervisionItem" i WHERE i.id = r."itemId";
ALTER TABLE "SupervisionReport" ALTER COLUMN "officeUnitId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "SupervisionReport_officeUnitId_createdAt_unitId_late_idx" ON "SupervisionReport"("officeUnitId", "createdAt", "unitId", "late");
