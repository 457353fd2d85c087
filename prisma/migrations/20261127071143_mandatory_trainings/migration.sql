-- CreateTable
CREATE TABLE "ComplianceRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "legalBasis" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "firstDueMode" TEXT NOT NULL,
    "firstDueDays" INTEGER NOT NULL DEFAULT 30,
    "firstDueDate" TEXT,
    "recurrence" TEXT NOT NULL,
    "intervalMonths" INTEGER,
    "yearlyMonth" INTEGER,
    "yearlyDay" INTEGER,
    "dueSoonDays" INTEGER NOT NULL DEFAULT 30,
    "graceDays" INTEGER NOT NULL DEFAULT 0,
    "archivedAt" DATETIME,
    "createdById" TEXT,
    "updatedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ComplianceRuleTraining" (
    "ruleId" TEXT NOT NULL,
    "trainingId" TEXT NOT NULL,

    PRIMARY KEY ("ruleId", "trainingId"),
    CONSTRAINT "ComplianceRuleTraining_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "ComplianceRule" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ComplianceRuleTraining_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ComplianceRequirement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ruleId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "orgUnitId" TEXT,
    "audienceSince" TEXT NOT NULL,
    "closedOn" TEXT,
    "closedReason" TEXT,
    "reasons" TEXT NOT NULL DEFAULT '[]',
    "completionId" TEXT,
    "completedOn" TEXT,
    "validUntil" TEXT,
    "dueOn" TEXT,
    "dueSoonFrom" TEXT,
    "overdueFrom" TEXT,
    "pausedFrom" TEXT,
    "pausedUntil" TEXT,
    "exemptUntil" TEXT,
    "activeUntil" TEXT,
    "syncedOn" TEXT NOT NULL,
    CONSTRAINT "ComplianceRequirement_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "ComplianceRule" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ComplianceRequirement_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ComplianceRequirementEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requirementId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ComplianceRequirementEvent_requirementId_fkey" FOREIGN KEY ("requirementId") REFERENCES "ComplianceRequirement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ComplianceExemption" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ruleId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "validUntil" TEXT NOT NULL,
    "grantedById" TEXT NOT NULL,
    "grantedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    CONSTRAINT "ComplianceExemption_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "ComplianceRule" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ComplianceExemption_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PersonAbsence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "startOn" TEXT NOT NULL,
    "endOn" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PersonAbsence_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PersonFlag" (
    "personId" TEXT NOT NULL,
    "flag" TEXT NOT NULL,
    "since" TEXT NOT NULL,

    PRIMARY KEY ("personId", "flag"),
    CONSTRAINT "PersonFlag_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ComplianceReminder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipientPersonId" TEXT NOT NULL,
    "requirementId" TEXT,
    "subjectPersonId" TEXT,
    "ruleId" TEXT,
    "dueOn" TEXT,
    "sentById" TEXT,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ComplianceReminder_recipientPersonId_fkey" FOREIGN KEY ("recipientPersonId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ComplianceSnapshot" (
    "month" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "required" INTEGER NOT NULL,
    "compliant" INTEGER NOT NULL,
    "overdue" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("month", "ruleId", "unitId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ComplianceRule_name_key" ON "ComplianceRule"("name");

-- CreateIndex
CREATE INDEX "ComplianceRuleTraining_trainingId_idx" ON "ComplianceRuleTraining"("trainingId");

-- CreateIndex
CREATE INDEX "ComplianceRequirement_closedOn_orgUnitId_ruleId_idx" ON "ComplianceRequirement"("closedOn", "orgUnitId", "ruleId");

-- CreateIndex
CREATE INDEX "ComplianceRequirement_ruleId_closedOn_dueOn_idx" ON "ComplianceRequirement"("ruleId", "closedOn", "dueOn");

-- CreateIndex
CREATE INDEX "ComplianceRequirement_personId_closedOn_idx" ON "ComplianceRequirement"("personId", "closedOn");

-- CreateIndex
CREATE UNIQUE INDEX "ComplianceRequirement_ruleId_personId_key" ON "ComplianceRequirement"("ruleId", "personId");

-- CreateIndex
CREATE INDEX "ComplianceRequirementEvent_requirementId_createdAt_idx" ON "ComplianceRequirementEvent"("requirementId", "createdAt");

-- CreateIndex
CREATE INDEX "ComplianceExemption_personId_ruleId_idx" ON "ComplianceExemption"("personId", "ruleId");

-- CreateIndex
CREATE INDEX "PersonAbsence_personId_idx" ON "PersonAbsence"("personId");

-- CreateIndex
CREATE INDEX "PersonFlag_flag_idx" ON "PersonFlag"("flag");

-- CreateIndex
CREATE UNIQUE INDEX "ComplianceReminder_key_key" ON "ComplianceReminder"("key");

-- CreateIndex
CREATE INDEX "ComplianceReminder_recipientPersonId_sentAt_idx" ON "ComplianceReminder"("recipientPersonId", "sentAt");
