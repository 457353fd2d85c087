-- AlterTable
ALTER TABLE "CompetencyLevelRecord" ADD COLUMN "completionId" TEXT;

-- CreateTable
CREATE TABLE "Training" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "format" TEXT NOT NULL,
    "provider" TEXT NOT NULL DEFAULT '',
    "durationMinutes" INTEGER NOT NULL DEFAULT 0,
    "costCents" INTEGER NOT NULL DEFAULT 0,
    "language" TEXT NOT NULL DEFAULT 'de',
    "prerequisites" TEXT NOT NULL DEFAULT '',
    "targetGroups" TEXT NOT NULL DEFAULT '',
    "contactName" TEXT NOT NULL DEFAULT '',
    "contactEmail" TEXT NOT NULL DEFAULT '',
    "externalUrl" TEXT NOT NULL DEFAULT '',
    "requiresApproval" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "searchText" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TrainingCompetency" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trainingId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "lineageId" TEXT NOT NULL,
    "targetLevel" INTEGER NOT NULL,
    CONSTRAINT "TrainingCompetency_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TrainingCompetency_competencyId_fkey" FOREIGN KEY ("competencyId") REFERENCES "CompetencyNode" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrainingSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trainingId" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "location" TEXT NOT NULL DEFAULT '',
    "onlineUrl" TEXT NOT NULL DEFAULT '',
    "trainerName" TEXT NOT NULL DEFAULT '',
    "trainerPersonId" TEXT,
    "capacity" INTEGER NOT NULL,
    "confirmedCount" INTEGER NOT NULL DEFAULT 0,
    "enrolmentDeadline" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'SCHEDULED',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TrainingSession_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TrainingSession_trainerPersonId_fkey" FOREIGN KEY ("trainerPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SessionDay" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    CONSTRAINT "SessionDay_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Enrolment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "trainingId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "activeKey" TEXT,
    "waitlistedAt" DATETIME,
    "requestedById" TEXT NOT NULL,
    "requestNote" TEXT NOT NULL DEFAULT '',
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "decisionNote" TEXT NOT NULL DEFAULT '',
    "cancelledById" TEXT,
    "cancelledAt" DATETIME,
    "cancelReason" TEXT NOT NULL DEFAULT '',
    "attendance" TEXT,
    "attendanceRecordedById" TEXT,
    "attendanceRecordedAt" DATETIME,
    "reminderSentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Enrolment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrainingCompletion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "trainingId" TEXT NOT NULL,
    "sessionId" TEXT,
    "enrolmentId" TEXT,
    "completedAt" DATETIME NOT NULL,
    "result" TEXT NOT NULL DEFAULT 'PARTICIPATED',
    "status" TEXT NOT NULL DEFAULT 'CONFIRMED',
    "expiresAt" DATETIME,
    "certificateNumber" TEXT NOT NULL,
    "uploadStorageKey" TEXT,
    "uploadFileName" TEXT,
    "uploadMimeType" TEXT,
    "uploadSizeBytes" INTEGER,
    "recordedById" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "decisionNote" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TrainingCompletion_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TrainingCompletion_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TrainingCompletion_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "TrainingCompletion_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "params" TEXT NOT NULL DEFAULT '{}',
    "link" TEXT NOT NULL DEFAULT '',
    "readAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notification_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxMail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "textBody" TEXT NOT NULL,
    "notificationId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT NOT NULL DEFAULT '',
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CalendarFeedToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CalendarFeedToken_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Training_code_key" ON "Training"("code");

-- CreateIndex
CREATE INDEX "Training_status_title_idx" ON "Training"("status", "title");

-- CreateIndex
CREATE INDEX "Training_format_idx" ON "Training"("format");

-- CreateIndex
CREATE INDEX "TrainingCompetency_lineageId_targetLevel_idx" ON "TrainingCompetency"("lineageId", "targetLevel");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingCompetency_trainingId_lineageId_key" ON "TrainingCompetency"("trainingId", "lineageId");

-- CreateIndex
CREATE INDEX "TrainingSession_trainingId_startsAt_idx" ON "TrainingSession"("trainingId", "startsAt");

-- CreateIndex
CREATE INDEX "TrainingSession_startsAt_idx" ON "TrainingSession"("startsAt");

-- CreateIndex
CREATE INDEX "TrainingSession_trainerPersonId_idx" ON "TrainingSession"("trainerPersonId");

-- CreateIndex
CREATE INDEX "SessionDay_sessionId_startsAt_idx" ON "SessionDay"("sessionId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Enrolment_activeKey_key" ON "Enrolment"("activeKey");

-- CreateIndex
CREATE INDEX "Enrolment_sessionId_status_waitlistedAt_idx" ON "Enrolment"("sessionId", "status", "waitlistedAt");

-- CreateIndex
CREATE INDEX "Enrolment_personId_status_idx" ON "Enrolment"("personId", "status");

-- CreateIndex
CREATE INDEX "Enrolment_trainingId_status_idx" ON "Enrolment"("trainingId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingCompletion_enrolmentId_key" ON "TrainingCompletion"("enrolmentId");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingCompletion_certificateNumber_key" ON "TrainingCompletion"("certificateNumber");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingCompletion_uploadStorageKey_key" ON "TrainingCompletion"("uploadStorageKey");

-- CreateIndex
CREATE INDEX "TrainingCompletion_personId_completedAt_idx" ON "TrainingCompletion"("personId", "completedAt");

-- CreateIndex
CREATE INDEX "TrainingCompletion_trainingId_completedAt_idx" ON "TrainingCompletion"("trainingId", "completedAt");

-- CreateIndex
CREATE INDEX "TrainingCompletion_status_idx" ON "TrainingCompletion"("status");

-- CreateIndex
CREATE INDEX "Notification_personId_readAt_createdAt_idx" ON "Notification"("personId", "readAt", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxMail_status_nextAttemptAt_idx" ON "OutboxMail"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMail_createdAt_idx" ON "OutboxMail"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeedToken_personId_key" ON "CalendarFeedToken"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeedToken_tokenHash_key" ON "CalendarFeedToken"("tokenHash");
