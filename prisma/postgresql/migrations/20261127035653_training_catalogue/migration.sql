-- CreateEnum
CREATE TYPE "TrainingFormat" AS ENUM ('CLASSROOM', 'WEBINAR', 'ELEARNING', 'BLENDED', 'ON_THE_JOB', 'MENTORING');

-- CreateEnum
CREATE TYPE "TrainingStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('SCHEDULED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "EnrolmentStatus" AS ENUM ('REQUESTED', 'WAITLISTED', 'CONFIRMED', 'DECLINED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "AttendanceStatus" AS ENUM ('ATTENDED', 'PARTIAL', 'ABSENT');

-- CreateEnum
CREATE TYPE "CompletionResult" AS ENUM ('PARTICIPATED', 'PASSED', 'FAILED');

-- CreateEnum
CREATE TYPE "CompletionStatus" AS ENUM ('PENDING', 'CONFIRMED', 'REJECTED');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- AlterTable
ALTER TABLE "CompetencyLevelRecord" ADD COLUMN     "completionId" TEXT;

-- CreateTable
CREATE TABLE "Training" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "format" "TrainingFormat" NOT NULL,
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
    "status" "TrainingStatus" NOT NULL DEFAULT 'DRAFT',
    "searchText" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Training_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingCompetency" (
    "id" TEXT NOT NULL,
    "trainingId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "lineageId" TEXT NOT NULL,
    "targetLevel" INTEGER NOT NULL,

    CONSTRAINT "TrainingCompetency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingSession" (
    "id" TEXT NOT NULL,
    "trainingId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "location" TEXT NOT NULL DEFAULT '',
    "onlineUrl" TEXT NOT NULL DEFAULT '',
    "trainerName" TEXT NOT NULL DEFAULT '',
    "trainerPersonId" TEXT,
    "capacity" INTEGER NOT NULL,
    "confirmedCount" INTEGER NOT NULL DEFAULT 0,
    "enrolmentDeadline" TIMESTAMP(3),
    "status" "SessionStatus" NOT NULL DEFAULT 'SCHEDULED',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionDay" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SessionDay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enrolment" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "trainingId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "status" "EnrolmentStatus" NOT NULL,
    "activeKey" TEXT,
    "waitlistedAt" TIMESTAMP(3),
    "requestedById" TEXT NOT NULL,
    "requestNote" TEXT NOT NULL DEFAULT '',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT NOT NULL DEFAULT '',
    "cancelledById" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "cancelReason" TEXT NOT NULL DEFAULT '',
    "attendance" "AttendanceStatus",
    "attendanceRecordedById" TEXT,
    "attendanceRecordedAt" TIMESTAMP(3),
    "reminderSentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Enrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingCompletion" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "trainingId" TEXT NOT NULL,
    "sessionId" TEXT,
    "enrolmentId" TEXT,
    "completedAt" TIMESTAMP(3) NOT NULL,
    "result" "CompletionResult" NOT NULL DEFAULT 'PARTICIPATED',
    "status" "CompletionStatus" NOT NULL DEFAULT 'CONFIRMED',
    "expiresAt" TIMESTAMP(3),
    "certificateNumber" TEXT NOT NULL,
    "uploadStorageKey" TEXT,
    "uploadFileName" TEXT,
    "uploadMimeType" TEXT,
    "uploadSizeBytes" INTEGER,
    "recordedById" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingCompletion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "params" TEXT NOT NULL DEFAULT '{}',
    "link" TEXT NOT NULL DEFAULT '',
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMail" (
    "id" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "textBody" TEXT NOT NULL,
    "notificationId" TEXT,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT NOT NULL DEFAULT '',
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarFeedToken" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarFeedToken_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "TrainingCompetency" ADD CONSTRAINT "TrainingCompetency_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingCompetency" ADD CONSTRAINT "TrainingCompetency_competencyId_fkey" FOREIGN KEY ("competencyId") REFERENCES "CompetencyNode"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_trainerPersonId_fkey" FOREIGN KEY ("trainerPersonId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionDay" ADD CONSTRAINT "SessionDay_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingCompletion" ADD CONSTRAINT "TrainingCompletion_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingCompletion" ADD CONSTRAINT "TrainingCompletion_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingCompletion" ADD CONSTRAINT "TrainingCompletion_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingCompletion" ADD CONSTRAINT "TrainingCompletion_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarFeedToken" ADD CONSTRAINT "CalendarFeedToken_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
