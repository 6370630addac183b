-- CreateIndex
CREATE INDEX "CalendarEntry_personId_repeatsUntil_idx" ON "CalendarEntry"("personId", "repeatsUntil");

-- CreateIndex
CREATE INDEX "Meeting_organiserId_startsAt_idx" ON "Meeting"("organiserId", "startsAt");

-- CreateIndex
CREATE INDEX "Meeting_chairId_startsAt_idx" ON "Meeting"("chairId", "startsAt");
