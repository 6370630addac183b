-- CreateTable
CREATE TABLE "CanteenBooking" (
    "day" DATE NOT NULL,
    "personId" UUID NOT NULL,
    "meal" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CanteenBooking_pkey" PRIMARY KEY ("day","meal","personId")
);
