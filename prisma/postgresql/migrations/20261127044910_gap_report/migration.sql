-- CreateTable
CREATE TABLE "GapReportRun" (
    "id" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" INTEGER NOT NULL,
    "people" INTEGER NOT NULL,
    "requestedById" TEXT,

    CONSTRAINT "GapReportRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GapReportUnit" (
    "unitId" TEXT NOT NULL,
    "people" INTEGER NOT NULL,

    CONSTRAINT "GapReportUnit_pkey" PRIMARY KEY ("unitId")
);

-- CreateTable
CREATE TABLE "GapReportRow" (
    "unitId" TEXT NOT NULL,
    "lineageId" TEXT NOT NULL,
    "required" INTEGER NOT NULL,
    "below" INTEGER NOT NULL,
    "gapSum" INTEGER NOT NULL,

    CONSTRAINT "GapReportRow_pkey" PRIMARY KEY ("unitId","lineageId")
);

-- CreateIndex
CREATE INDEX "GapReportRun_computedAt_idx" ON "GapReportRun"("computedAt");

-- CreateIndex
CREATE INDEX "GapReportRow_lineageId_idx" ON "GapReportRow"("lineageId");
