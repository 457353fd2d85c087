-- CreateEnum
CREATE TYPE "AssessmentRoundStatus" AS ENUM ('OPEN', 'SELF_ASSESSED', 'LEADER_RATED', 'AGREED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "LevelSource" AS ENUM ('AGREED', 'LEADER', 'TRAINING', 'EVIDENCE');

-- CreateEnum
CREATE TYPE "EvidenceStatus" AS ENUM ('PENDING', 'ACCEPTED', 'REJECTED');

-- CreateTable
CREATE TABLE "AssessmentRound" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "positionId" TEXT,
    "status" "AssessmentRoundStatus" NOT NULL DEFAULT 'OPEN',
    "leaderPersonId" TEXT,
    "startedById" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3),
    "selfSubmittedAt" TIMESTAMP(3),
    "leaderRatedAt" TIMESTAMP(3),
    "agreedAt" TIMESTAMP(3),
    "agreedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssessmentRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentItem" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "targetLevel" INTEGER NOT NULL,
    "importance" "Importance" NOT NULL,
    "selfLevel" INTEGER,
    "selfComment" TEXT NOT NULL DEFAULT '',
    "leaderLevel" INTEGER,
    "leaderComment" TEXT NOT NULL DEFAULT '',
    "agreedLevel" INTEGER,

    CONSTRAINT "AssessmentItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CompetencyLevelRecord" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "lineageId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "source" "LevelSource" NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedById" TEXT,
    "roundId" TEXT,
    "evidenceId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "CompetencyLevelRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "status" "EvidenceStatus" NOT NULL DEFAULT 'PENDING',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "AssessmentRound" ADD CONSTRAINT "AssessmentRound_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentRound" ADD CONSTRAINT "AssessmentRound_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentRound" ADD CONSTRAINT "AssessmentRound_leaderPersonId_fkey" FOREIGN KEY ("leaderPersonId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentRound" ADD CONSTRAINT "AssessmentRound_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentRound" ADD CONSTRAINT "AssessmentRound_agreedById_fkey" FOREIGN KEY ("agreedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentItem" ADD CONSTRAINT "AssessmentItem_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AssessmentRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentItem" ADD CONSTRAINT "AssessmentItem_competencyId_fkey" FOREIGN KEY ("competencyId") REFERENCES "CompetencyNode"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompetencyLevelRecord" ADD CONSTRAINT "CompetencyLevelRecord_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompetencyLevelRecord" ADD CONSTRAINT "CompetencyLevelRecord_competencyId_fkey" FOREIGN KEY ("competencyId") REFERENCES "CompetencyNode"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_competencyId_fkey" FOREIGN KEY ("competencyId") REFERENCES "CompetencyNode"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
