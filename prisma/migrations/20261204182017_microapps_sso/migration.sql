-- CreateEnum
CREATE TYPE "MicroAppStatus" AS ENUM ('SUBMITTED', 'LISTED', 'REJECTED', 'DELISTED');

-- CreateEnum
CREATE TYPE "MicroAppVersionStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateTable
CREATE TABLE "OidcPayload" (
    "model" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "grantId" TEXT,
    "userCode" TEXT,
    "uid" TEXT,
    "expiresAt" TIMESTAMPTZ(3),
    "consumedAt" TIMESTAMPTZ(3),

    CONSTRAINT "OidcPayload_pkey" PRIMARY KEY ("model","id")
);

-- CreateTable
CREATE TABLE "OidcKey" (
    "kid" TEXT NOT NULL,
    "privateJwk" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),
    "removeAfter" TIMESTAMPTZ(3),

    CONSTRAINT "OidcKey_pkey" PRIMARY KEY ("kid")
);

-- CreateTable
CREATE TABLE "OidcClient" (
    "id" UUID NOT NULL,
    "clientId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unitId" UUID NOT NULL,
    "secretHash" TEXT NOT NULL,
    "redirectUris" TEXT[],
    "postLogoutRedirectUris" TEXT[],
    "scopes" TEXT[],
    "appId" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "secretRotatedAt" TIMESTAMPTZ(3),
    "disabledAt" TIMESTAMPTZ(3),
    "revision" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "OidcClient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MicroApp" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "developerUnitId" UUID NOT NULL,
    "status" "MicroAppStatus" NOT NULL DEFAULT 'SUBMITTED',
    "currentVersionId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revision" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MicroApp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MicroAppVersion" (
    "id" UUID NOT NULL,
    "appId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "manifest" JSONB NOT NULL,
    "status" "MicroAppVersionStatus" NOT NULL DEFAULT 'PENDING',
    "reviewReason" TEXT,
    "reviewedById" UUID,
    "reviewedAt" TIMESTAMPTZ(3),
    "submittedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MicroAppVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MicroAppInstall" (
    "id" UUID NOT NULL,
    "appId" TEXT NOT NULL,
    "unitId" UUID NOT NULL,
    "roleIds" TEXT[],
    "preApprovedScopes" TEXT[],
    "grantedScopes" TEXT[],
    "versionId" UUID NOT NULL,
    "installedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revision" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MicroAppInstall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MicroAppConsent" (
    "personId" UUID NOT NULL,
    "appId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "grantedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MicroAppConsent_pkey" PRIMARY KEY ("personId","appId","scope")
);

-- CreateTable
CREATE TABLE "MicroAppAuthCode" (
    "codeHash" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "personId" UUID NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "consumedAt" TIMESTAMPTZ(3),

    CONSTRAINT "MicroAppAuthCode_pkey" PRIMARY KEY ("codeHash")
);

-- CreateTable
CREATE TABLE "MicroAppBadge" (
    "personId" UUID NOT NULL,
    "appId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "MicroAppBadge_pkey" PRIMARY KEY ("personId","appId")
);

-- CreateTable
CREATE TABLE "MicroAppUsage" (
    "appId" TEXT NOT NULL,
    "personId" UUID NOT NULL,
    "unitId" UUID,
    "day" DATE NOT NULL,
    "opens" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "MicroAppUsage_pkey" PRIMARY KEY ("appId","personId","day")
);

-- CreateIndex
CREATE INDEX "OidcPayload_grantId_idx" ON "OidcPayload"("grantId");

-- CreateIndex
CREATE INDEX "OidcPayload_uid_idx" ON "OidcPayload"("uid");

-- CreateIndex
CREATE INDEX "OidcPayload_expiresAt_idx" ON "OidcPayload"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "OidcClient_clientId_key" ON "OidcClient"("clientId");

-- CreateIndex
CREATE INDEX "OidcClient_unitId_idx" ON "OidcClient"("unitId");

-- CreateIndex
CREATE INDEX "MicroApp_status_category_idx" ON "MicroApp"("status", "category");

-- CreateIndex
CREATE INDEX "MicroAppVersion_status_idx" ON "MicroAppVersion"("status");

-- CreateIndex
CREATE UNIQUE INDEX "MicroAppVersion_appId_version_key" ON "MicroAppVersion"("appId", "version");

-- CreateIndex
CREATE INDEX "MicroAppInstall_unitId_idx" ON "MicroAppInstall"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "MicroAppInstall_appId_unitId_key" ON "MicroAppInstall"("appId", "unitId");

-- CreateIndex
CREATE INDEX "MicroAppAuthCode_expiresAt_idx" ON "MicroAppAuthCode"("expiresAt");

-- CreateIndex
CREATE INDEX "MicroAppUsage_appId_day_idx" ON "MicroAppUsage"("appId", "day");

-- AddForeignKey
ALTER TABLE "MicroAppVersion" ADD CONSTRAINT "MicroAppVersion_appId_fkey" FOREIGN KEY ("appId") REFERENCES "MicroApp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MicroAppInstall" ADD CONSTRAINT "MicroAppInstall_appId_fkey" FOREIGN KEY ("appId") REFERENCES "MicroApp"("id") ON DELETE CASCADE ON UPDATE CASCADE;
