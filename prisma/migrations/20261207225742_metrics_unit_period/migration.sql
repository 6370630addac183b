-- CreateEnum
CREATE TYPE "MetricsPeriod" AS ENUM ('WEEK', 'MONTH');

-- CreateTable
CREATE TABLE "MetricsUnitPeriod" (
    "period" "MetricsPeriod" NOT NULL,
    "start" DATE NOT NULL,
    "unitId" UUID NOT NULL,
    "active" INTEGER NOT NULL,

    CONSTRAINT "MetricsUnitPeriod_pkey" PRIMARY KEY ("period","start","unitId")
);
