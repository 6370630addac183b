-- Free/busy across every room (server/meetings/free-busy.ts) asks for the live bookings overlapping a
-- day or a week, whatever the room. The exclusion constraint's GiST index leads with "roomId", so that
-- question was one descent per room (200 rooms: 745 buffers for a week); this index answers it in one.
-- Written by hand: Prisma cannot declare an expression index (the drift check does not see it, as with
-- RoomBooking_no_overlap).
CREATE INDEX "RoomBooking_live_range" ON "RoomBooking" USING gist (tstzrange("startsAt", "endsAt", '[)'))
  WHERE status IN ('PENDING', 'APPROVED');
