-- Numbering invariants (issue 12): what was a convention becomes a constraint.
--  * Unit."organCode" (机关代字) is unique: number prefixes are made from it, so two organs with one
--    code would share one sequence and one register.
--  * Document."number" is unique: one number, one document (a reserved number could be used twice).
--  * The counters' and numbers' "organCode" column holds a prefix (泰政发, 泰政收), not an organ
--    code: renamed to "prefix", data kept.
-- Existing data that breaks a new rule stops the migration with a message naming the rows; nothing is
-- changed silently (an organ code or a document's number is an official fact a person must decide).

DO $$
DECLARE
  dupes text;
BEGIN
  SELECT string_agg(format('%s (%s units)', "organCode", n), ', ') INTO dupes
    FROM (SELECT "organCode", count(*) AS n FROM "Unit" WHERE "organCode" IS NOT NULL GROUP BY "organCode" HAVING count(*) > 1) d;
  IF dupes IS NOT NULL THEN
    RAISE EXCEPTION 'Unit.organCode must be unique; give these units distinct 机关代字 (or clear one) and migrate again: %', dupes;
  END IF;
  SELECT string_agg(format('%s (documents %s)', number, ids), ', ') INTO dupes
    FROM (SELECT number, string_agg(id::text, ' ') AS ids FROM "Document" WHERE number IS NOT NULL GROUP BY number HAVING count(*) > 1) d;
  IF dupes IS NOT NULL THEN
    RAISE EXCEPTION 'Document.number must be unique; void the number of all but one of these documents and migrate again: %', dupes;
  END IF;
END $$;

-- AlterTable
ALTER TABLE "DocumentAttachment" ADD COLUMN     "notEmbeddable" BOOLEAN NOT NULL DEFAULT false;

-- Rename, keeping data (the generated SQL dropped and re-added the columns).
ALTER TABLE "DocumentNumber" RENAME COLUMN "organCode" TO "prefix";
ALTER INDEX "DocumentNumber_organCode_year_sequence_key" RENAME TO "DocumentNumber_prefix_year_sequence_key";
ALTER TABLE "DocumentNumberCounter" RENAME COLUMN "organCode" TO "prefix";

-- CreateIndex
CREATE UNIQUE INDEX "Document_number_key" ON "Document"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_organCode_key" ON "Unit"("organCode");
