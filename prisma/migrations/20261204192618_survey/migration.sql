-- CreateTable
CREATE TABLE "Survey" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "options" TEXT[],
    "anonymous" BOOLEAN NOT NULL,
    "creatorId" UUID NOT NULL,
    "creatorName" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyVoter" (
    "surveyId" UUID NOT NULL,
    "personId" UUID NOT NULL,

    CONSTRAINT "SurveyVoter_pkey" PRIMARY KEY ("surveyId","personId")
);

-- CreateTable
CREATE TABLE "SurveyAnswer" (
    "id" UUID NOT NULL,
    "surveyId" UUID NOT NULL,
    "option" INTEGER NOT NULL,
    "name" TEXT,

    CONSTRAINT "SurveyAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SurveyAnswer_surveyId_idx" ON "SurveyAnswer"("surveyId");
