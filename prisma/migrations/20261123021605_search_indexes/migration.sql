-- DropIndex
DROP INDEX "Person_nameInitials_idx";

-- DropIndex
DROP INDEX "Person_namePinyin_idx";

-- CreateIndex
CREATE INDEX "Person_namePinyin_id_idx" ON "Person"("namePinyin", "id");

-- CreateIndex
CREATE INDEX "Person_nameInitials_namePinyin_idx" ON "Person"("nameInitials", "namePinyin");
