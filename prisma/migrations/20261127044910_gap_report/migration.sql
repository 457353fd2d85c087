-- CreateTable
CREATE TABLE "GapReportRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "computedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" INTEGER NOT NULL,
    "people" INTEGER NOT NULL,
    "requestedById" TEXT
);

-- CreateTable
CREATE TABLE "GapReportUnit" (
    "unitId" TEXT NOT NULL PRIMARY KEY,
    "people" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "GapReportRow" (
    "unitId" TEXT NOT NULL,
    "lineageId" TEXT NOT NULL,
    "required" INTEGER NOT NULL,
    "below" INTEGER NOT NULL,
    "gapSum" INTEGER NOT NULL,

    PRIMARY KEY ("unitId", "lineageId")
);

-- CreateIndex
CREATE INDEX "GapReportRun_computedAt_idx" ON "GapReportRun"("computedAt");

-- CreateIndex
CREATE INDEX "GapReportRow_lineageId_idx" ON "GapReportRow"("lineageId");
