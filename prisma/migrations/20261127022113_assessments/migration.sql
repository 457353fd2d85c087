-- CreateTable
CREATE TABLE "AssessmentRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "positionId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "leaderPersonId" TEXT,
    "startedById" TEXT NOT NULL,
    "dueAt" DATETIME,
    "selfSubmittedAt" DATETIME,
    "leaderRatedAt" DATETIME,
    "agreedAt" DATETIME,
    "agreedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AssessmentRound_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssessmentRound_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AssessmentRound_leaderPersonId_fkey" FOREIGN KEY ("leaderPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AssessmentRound_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AssessmentRound_agreedById_fkey" FOREIGN KEY ("agreedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssessmentItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "targetLevel" INTEGER NOT NULL,
    "importance" TEXT NOT NULL,
    "selfLevel" INTEGER,
    "selfComment" TEXT NOT NULL DEFAULT '',
    "leaderLevel" INTEGER,
    "leaderComment" TEXT NOT NULL DEFAULT '',
    "agreedLevel" INTEGER,
    CONSTRAINT "AssessmentItem_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AssessmentRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssessmentItem_competencyId_fkey" FOREIGN KEY ("competencyId") REFERENCES "CompetencyNode" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CompetencyLevelRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "lineageId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedById" TEXT,
    "roundId" TEXT,
    "evidenceId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "CompetencyLevelRecord_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CompetencyLevelRecord_competencyId_fkey" FOREIGN KEY ("competencyId") REFERENCES "CompetencyNode" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "decisionNote" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Evidence_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_competencyId_fkey" FOREIGN KEY ("competencyId") REFERENCES "CompetencyNode" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AssessmentRound_personId_status_idx" ON "AssessmentRound"("personId", "status");

-- CreateIndex
CREATE INDEX "AssessmentRound_leaderPersonId_status_idx" ON "AssessmentRound"("leaderPersonId", "status");

-- CreateIndex
CREATE INDEX "AssessmentRound_status_idx" ON "AssessmentRound"("status");

-- CreateIndex
CREATE INDEX "AssessmentItem_competencyId_idx" ON "AssessmentItem"("competencyId");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentItem_roundId_competencyId_key" ON "AssessmentItem"("roundId", "competencyId");

-- CreateIndex
CREATE INDEX "CompetencyLevelRecord_personId_lineageId_recordedAt_idx" ON "CompetencyLevelRecord"("personId", "lineageId", "recordedAt");

-- CreateIndex
CREATE INDEX "CompetencyLevelRecord_lineageId_idx" ON "CompetencyLevelRecord"("lineageId");

-- CreateIndex
CREATE UNIQUE INDEX "Evidence_storageKey_key" ON "Evidence"("storageKey");

-- CreateIndex
CREATE INDEX "Evidence_personId_idx" ON "Evidence"("personId");

-- CreateIndex
CREATE INDEX "Evidence_status_idx" ON "Evidence"("status");
