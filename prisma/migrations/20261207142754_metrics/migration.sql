-- CreateTable
CREATE TABLE "MetricsUnitDay" (
    "day" DATE NOT NULL,
    "unitId" UUID NOT NULL,
    "accounts" INTEGER NOT NULL DEFAULT 0,
    "activated" INTEGER NOT NULL DEFAULT 0,
    "active" INTEGER NOT NULL DEFAULT 0,
    "documentsHandled" INTEGER NOT NULL DEFAULT 0,
    "stepsHandled" INTEGER NOT NULL DEFAULT 0,
    "stepSeconds" BIGINT NOT NULL DEFAULT 0,
    "meetingsHeld" INTEGER NOT NULL DEFAULT 0,
    "supervisionReports" INTEGER NOT NULL DEFAULT 0,
    "messagesSent" INTEGER NOT NULL DEFAULT 0,
    "appsInstalled" INTEGER NOT NULL DEFAULT 0,
    "appOpens" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MetricsUnitDay_pkey" PRIMARY KEY ("day","unitId")
);

-- CreateTable
CREATE TABLE "MetricsActivity" (
    "day" DATE NOT NULL,
    "personId" UUID NOT NULL,
    "unitId" UUID NOT NULL,

    CONSTRAINT "MetricsActivity_pkey" PRIMARY KEY ("day","personId")
);

-- CreateTable
CREATE TABLE "MetricsStepDay" (
    "day" DATE NOT NULL,
    "unitId" UUID NOT NULL,
    "stepName" TEXT NOT NULL,
    "tasks" INTEGER NOT NULL,
    "seconds" BIGINT NOT NULL,

    CONSTRAINT "MetricsStepDay_pkey" PRIMARY KEY ("day","unitId","stepName")
);

-- CreateTable
CREATE TABLE "MetricsActivation" (
    "personId" UUID NOT NULL,
    "day" DATE NOT NULL,

    CONSTRAINT "MetricsActivation_pkey" PRIMARY KEY ("personId")
);

-- CreateTable
CREATE TABLE "MetricsRun" (
    "day" DATE NOT NULL,
    "ranAt" TIMESTAMPTZ(3) NOT NULL,
    "ms" INTEGER NOT NULL,

    CONSTRAINT "MetricsRun_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE INDEX "MetricsUnitDay_unitId_day_idx" ON "MetricsUnitDay"("unitId", "day");

-- CreateIndex
CREATE INDEX "MetricsActivity_day_unitId_idx" ON "MetricsActivity"("day", "unitId");
