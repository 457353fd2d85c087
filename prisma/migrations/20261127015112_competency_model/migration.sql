-- CreateTable
CREATE TABLE "ProficiencyScale" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ScaleLevel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scaleId" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "band" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "ScaleLevel_scaleId_fkey" FOREIGN KEY ("scaleId") REFERENCES "ProficiencyScale" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Framework" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL DEFAULT '',
    "licence" TEXT NOT NULL DEFAULT '',
    "attribution" TEXT NOT NULL DEFAULT '',
    "scaleId" TEXT NOT NULL,
    "responsiblePersonId" TEXT,
    "nextReviewAt" DATETIME,
    "publishedAt" DATETIME,
    "archivedAt" DATETIME,
    "basedOnId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Framework_scaleId_fkey" FOREIGN KEY ("scaleId") REFERENCES "ProficiencyScale" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Framework_responsiblePersonId_fkey" FOREIGN KEY ("responsiblePersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Framework_basedOnId_fkey" FOREIGN KEY ("basedOnId") REFERENCES "Framework" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CompetencyNode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "frameworkId" TEXT NOT NULL,
    "parentId" TEXT,
    "kind" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "indicators" TEXT NOT NULL DEFAULT '',
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "lineageId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CompetencyNode_frameworkId_fkey" FOREIGN KEY ("frameworkId") REFERENCES "Framework" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CompetencyNode_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "CompetencyNode" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LevelDescriptor" (
    "nodeId" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    PRIMARY KEY ("nodeId", "ordinal"),
    CONSTRAINT "LevelDescriptor_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "CompetencyNode" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CompetencyRelation" (
    "fromId" TEXT NOT NULL,
    "toId" TEXT NOT NULL,

    PRIMARY KEY ("fromId", "toId"),
    CONSTRAINT "CompetencyRelation_fromId_fkey" FOREIGN KEY ("fromId") REFERENCES "CompetencyNode" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CompetencyRelation_toId_fkey" FOREIGN KEY ("toId") REFERENCES "CompetencyNode" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoleProfile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "responsiblePersonId" TEXT,
    "nextReviewAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RoleProfile_responsiblePersonId_fkey" FOREIGN KEY ("responsiblePersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoleProfileRequirement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roleProfileId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "targetLevel" INTEGER NOT NULL,
    "importance" TEXT NOT NULL,
    CONSTRAINT "RoleProfileRequirement_roleProfileId_fkey" FOREIGN KEY ("roleProfileId") REFERENCES "RoleProfile" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoleProfileRequirement_competencyId_fkey" FOREIGN KEY ("competencyId") REFERENCES "CompetencyNode" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PositionProfile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "positionId" TEXT NOT NULL,
    "roleProfileId" TEXT,
    "responsiblePersonId" TEXT,
    "nextReviewAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PositionProfile_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PositionProfile_roleProfileId_fkey" FOREIGN KEY ("roleProfileId") REFERENCES "RoleProfile" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PositionProfile_responsiblePersonId_fkey" FOREIGN KEY ("responsiblePersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PositionRequirement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "profileId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "targetLevel" INTEGER NOT NULL,
    "importance" TEXT NOT NULL,
    "excluded" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "PositionRequirement_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "PositionProfile" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PositionRequirement_competencyId_fkey" FOREIGN KEY ("competencyId") REFERENCES "CompetencyNode" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReviewRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "reviewedById" TEXT NOT NULL,
    "reviewedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT NOT NULL DEFAULT '',
    "nextReviewAt" DATETIME,
    CONSTRAINT "ReviewRecord_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ProficiencyScale_name_key" ON "ProficiencyScale"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ScaleLevel_scaleId_ordinal_key" ON "ScaleLevel"("scaleId", "ordinal");

-- CreateIndex
CREATE INDEX "Framework_status_idx" ON "Framework"("status");

-- CreateIndex
CREATE INDEX "Framework_nextReviewAt_idx" ON "Framework"("nextReviewAt");

-- CreateIndex
CREATE UNIQUE INDEX "Framework_key_version_key" ON "Framework"("key", "version");

-- CreateIndex
CREATE INDEX "CompetencyNode_parentId_sortOrder_idx" ON "CompetencyNode"("parentId", "sortOrder");

-- CreateIndex
CREATE INDEX "CompetencyNode_lineageId_idx" ON "CompetencyNode"("lineageId");

-- CreateIndex
CREATE UNIQUE INDEX "CompetencyNode_frameworkId_code_key" ON "CompetencyNode"("frameworkId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "CompetencyNode_frameworkId_lineageId_key" ON "CompetencyNode"("frameworkId", "lineageId");

-- CreateIndex
CREATE INDEX "CompetencyRelation_toId_idx" ON "CompetencyRelation"("toId");

-- CreateIndex
CREATE UNIQUE INDEX "RoleProfile_name_key" ON "RoleProfile"("name");

-- CreateIndex
CREATE UNIQUE INDEX "RoleProfileRequirement_roleProfileId_competencyId_key" ON "RoleProfileRequirement"("roleProfileId", "competencyId");

-- CreateIndex
CREATE UNIQUE INDEX "PositionProfile_positionId_key" ON "PositionProfile"("positionId");

-- CreateIndex
CREATE INDEX "PositionProfile_nextReviewAt_idx" ON "PositionProfile"("nextReviewAt");

-- CreateIndex
CREATE INDEX "PositionProfile_roleProfileId_idx" ON "PositionProfile"("roleProfileId");

-- CreateIndex
CREATE INDEX "PositionRequirement_competencyId_idx" ON "PositionRequirement"("competencyId");

-- CreateIndex
CREATE UNIQUE INDEX "PositionRequirement_profileId_competencyId_key" ON "PositionRequirement"("profileId", "competencyId");

-- CreateIndex
CREATE INDEX "ReviewRecord_entityType_entityId_reviewedAt_idx" ON "ReviewRecord"("entityType", "entityId", "reviewedAt");
