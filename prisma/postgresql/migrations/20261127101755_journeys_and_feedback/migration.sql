-- CreateEnum
CREATE TYPE "JourneyGoalKind" AS ENUM ('POSITION_GAPS', 'TARGET_POSITION', 'PROGRAMME', 'FREE');

-- CreateEnum
CREATE TYPE "JourneyStatus" AS ENUM ('DRAFT', 'PROPOSED', 'AGREED', 'ACTIVE', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "JourneyStepKind" AS ENUM ('TRAINING', 'ELEARNING', 'ON_THE_JOB', 'MENTORING', 'READING', 'REFLECTION');

-- CreateEnum
CREATE TYPE "JourneyStepStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'DONE', 'SKIPPED');

-- CreateEnum
CREATE TYPE "JourneyProgramme" AS ENUM ('ONBOARDING', 'DIGITAL_PILOT', 'LEADERSHIP', 'OTHER');

-- CreateEnum
CREATE TYPE "RelativeUnit" AS ENUM ('DAYS', 'WEEKS', 'MONTHS');

-- CreateEnum
CREATE TYPE "FeedbackKind" AS ENUM ('IMMEDIATE', 'TRANSFER_PARTICIPANT', 'TRANSFER_LEADER');

-- CreateEnum
CREATE TYPE "FeedbackItemType" AS ENUM ('SCALE5', 'NPS', 'SINGLE', 'MULTI', 'TEXT');

-- CreateEnum
CREATE TYPE "EvaluationLevel" AS ENUM ('REACTION', 'LEARNING', 'TRANSFER');

-- CreateEnum
CREATE TYPE "FeedbackRequestStatus" AS ENUM ('PENDING', 'ANSWERED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "LevelProposalStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED');

-- CreateTable
CREATE TABLE "LearningJourney" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "goalKind" "JourneyGoalKind" NOT NULL,
    "goalText" TEXT NOT NULL DEFAULT '',
    "targetPositionId" TEXT,
    "status" "JourneyStatus" NOT NULL DEFAULT 'DRAFT',
    "startsOn" TEXT NOT NULL,
    "endsOn" TEXT NOT NULL,
    "templateId" TEXT,
    "templateVersion" INTEGER,
    "cohortId" TEXT,
    "createdById" TEXT NOT NULL,
    "proposedAt" TIMESTAMP(3),
    "agreedById" TEXT,
    "agreedAt" TIMESTAMP(3),
    "activatedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "completionRecord" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LearningJourney_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JourneyPhase" (
    "id" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,

    CONSTRAINT "JourneyPhase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JourneyStep" (
    "id" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "phaseId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "JourneyStepKind" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "url" TEXT NOT NULL DEFAULT '',
    "trainingId" TEXT,
    "sessionId" TEXT,
    "enrolmentId" TEXT,
    "competencyId" TEXT,
    "lineageId" TEXT,
    "targetLevel" INTEGER,
    "dueOn" TEXT,
    "status" "JourneyStepStatus" NOT NULL DEFAULT 'OPEN',
    "skipReason" TEXT NOT NULL DEFAULT '',
    "reflection" TEXT NOT NULL DEFAULT '',
    "rationale" TEXT NOT NULL DEFAULT '',
    "templateStepId" TEXT,
    "completionId" TEXT,
    "doneAt" TIMESTAMP(3),
    "reminderSentOn" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JourneyStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JourneyEvent" (
    "id" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "actorUserId" TEXT,
    "actorName" TEXT NOT NULL DEFAULT '',
    "comment" TEXT NOT NULL DEFAULT '',
    "detail" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JourneyEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JourneyTemplate" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "programme" "JourneyProgramme" NOT NULL DEFAULT 'OTHER',
    "goalKind" "JourneyGoalKind" NOT NULL DEFAULT 'PROGRAMME',
    "durationWeeks" INTEGER NOT NULL DEFAULT 12,
    "version" INTEGER NOT NULL DEFAULT 1,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JourneyTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JourneyTemplatePhase" (
    "id" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,

    CONSTRAINT "JourneyTemplatePhase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JourneyTemplateStep" (
    "id" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "phaseId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "JourneyStepKind" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "url" TEXT NOT NULL DEFAULT '',
    "trainingId" TEXT,
    "competencyId" TEXT,
    "targetLevel" INTEGER,
    "dueAmount" INTEGER NOT NULL,
    "dueUnit" "RelativeUnit" NOT NULL DEFAULT 'WEEKS',

    CONSTRAINT "JourneyTemplateStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JourneyCohort" (
    "id" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsOn" TEXT NOT NULL,
    "audience" TEXT NOT NULL DEFAULT '{}',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JourneyCohort_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Questionnaire" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "kind" "FeedbackKind" NOT NULL,
    "learningGain" BOOLEAN NOT NULL DEFAULT false,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Questionnaire_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuestionnaireItem" (
    "id" TEXT NOT NULL,
    "questionnaireId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "key" TEXT NOT NULL DEFAULT '',
    "type" "FeedbackItemType" NOT NULL,
    "level" "EvaluationLevel" NOT NULL,
    "text" TEXT NOT NULL,
    "options" TEXT NOT NULL DEFAULT '[]',
    "required" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "QuestionnaireItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingEvaluationSetting" (
    "trainingId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "immediateQuestionnaireId" TEXT,
    "transferQuestionnaireId" TEXT,
    "leaderQuestionnaireId" TEXT,
    "transferDelayDays" INTEGER NOT NULL DEFAULT 56,

    CONSTRAINT "TrainingEvaluationSetting_pkey" PRIMARY KEY ("trainingId")
);

-- CreateTable
CREATE TABLE "FeedbackRequest" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "subjectPersonId" TEXT,
    "kind" "FeedbackKind" NOT NULL,
    "questionnaireId" TEXT NOT NULL,
    "trainingId" TEXT NOT NULL,
    "sessionId" TEXT,
    "completionId" TEXT NOT NULL,
    "availableFrom" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "status" "FeedbackRequestStatus" NOT NULL DEFAULT 'PENDING',
    "notifiedAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeedbackRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackReceipt" (
    "requestId" TEXT NOT NULL,

    CONSTRAINT "FeedbackReceipt_pkey" PRIMARY KEY ("requestId")
);

-- CreateTable
CREATE TABLE "FeedbackResponse" (
    "id" TEXT NOT NULL,
    "questionnaireId" TEXT NOT NULL,
    "kind" "FeedbackKind" NOT NULL,
    "trainingId" TEXT NOT NULL,
    "sessionId" TEXT,
    "provider" TEXT NOT NULL DEFAULT '',
    "period" TEXT NOT NULL,
    "unitPath" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "FeedbackResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackAnswer" (
    "id" TEXT NOT NULL,
    "responseId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "value" INTEGER,
    "choices" TEXT,
    "text" TEXT,

    CONSTRAINT "FeedbackAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackLearningGain" (
    "id" TEXT NOT NULL,
    "responseId" TEXT NOT NULL,
    "lineageId" TEXT NOT NULL,
    "before" INTEGER NOT NULL,
    "after" INTEGER NOT NULL,

    CONSTRAINT "FeedbackLearningGain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LevelUpdateProposal" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "lineageId" TEXT NOT NULL,
    "proposedLevel" INTEGER NOT NULL,
    "trainingId" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "status" "LevelProposalStatus" NOT NULL DEFAULT 'PENDING',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LevelUpdateProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LearningJourney_personId_status_idx" ON "LearningJourney"("personId", "status");

-- CreateIndex
CREATE INDEX "LearningJourney_status_endsOn_idx" ON "LearningJourney"("status", "endsOn");

-- CreateIndex
CREATE INDEX "LearningJourney_templateId_status_idx" ON "LearningJourney"("templateId", "status");

-- CreateIndex
CREATE INDEX "LearningJourney_cohortId_status_idx" ON "LearningJourney"("cohortId", "status");

-- CreateIndex
CREATE INDEX "JourneyPhase_journeyId_position_idx" ON "JourneyPhase"("journeyId", "position");

-- CreateIndex
CREATE INDEX "JourneyStep_journeyId_position_idx" ON "JourneyStep"("journeyId", "position");

-- CreateIndex
CREATE INDEX "JourneyStep_phaseId_position_idx" ON "JourneyStep"("phaseId", "position");

-- CreateIndex
CREATE INDEX "JourneyStep_trainingId_status_idx" ON "JourneyStep"("trainingId", "status");

-- CreateIndex
CREATE INDEX "JourneyStep_status_dueOn_idx" ON "JourneyStep"("status", "dueOn");

-- CreateIndex
CREATE INDEX "JourneyEvent_journeyId_createdAt_idx" ON "JourneyEvent"("journeyId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "JourneyTemplate_code_key" ON "JourneyTemplate"("code");

-- CreateIndex
CREATE INDEX "JourneyTemplatePhase_templateId_position_idx" ON "JourneyTemplatePhase"("templateId", "position");

-- CreateIndex
CREATE INDEX "JourneyTemplateStep_templateId_position_idx" ON "JourneyTemplateStep"("templateId", "position");

-- CreateIndex
CREATE INDEX "JourneyCohort_templateId_startsOn_idx" ON "JourneyCohort"("templateId", "startsOn");

-- CreateIndex
CREATE UNIQUE INDEX "Questionnaire_code_key" ON "Questionnaire"("code");

-- CreateIndex
CREATE INDEX "QuestionnaireItem_questionnaireId_position_idx" ON "QuestionnaireItem"("questionnaireId", "position");

-- CreateIndex
CREATE INDEX "FeedbackRequest_personId_status_availableFrom_idx" ON "FeedbackRequest"("personId", "status", "availableFrom");

-- CreateIndex
CREATE INDEX "FeedbackRequest_status_availableFrom_idx" ON "FeedbackRequest"("status", "availableFrom");

-- CreateIndex
CREATE INDEX "FeedbackRequest_trainingId_kind_status_idx" ON "FeedbackRequest"("trainingId", "kind", "status");

-- CreateIndex
CREATE INDEX "FeedbackRequest_sessionId_kind_idx" ON "FeedbackRequest"("sessionId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackRequest_completionId_kind_personId_key" ON "FeedbackRequest"("completionId", "kind", "personId");

-- CreateIndex
CREATE INDEX "FeedbackResponse_trainingId_kind_period_idx" ON "FeedbackResponse"("trainingId", "kind", "period");

-- CreateIndex
CREATE INDEX "FeedbackResponse_sessionId_kind_idx" ON "FeedbackResponse"("sessionId", "kind");

-- CreateIndex
CREATE INDEX "FeedbackResponse_provider_kind_idx" ON "FeedbackResponse"("provider", "kind");

-- CreateIndex
CREATE INDEX "FeedbackResponse_period_kind_idx" ON "FeedbackResponse"("period", "kind");

-- CreateIndex
CREATE INDEX "FeedbackResponse_unitPath_idx" ON "FeedbackResponse"("unitPath");

-- CreateIndex
CREATE INDEX "FeedbackAnswer_itemId_value_idx" ON "FeedbackAnswer"("itemId", "value");

-- CreateIndex
CREATE INDEX "FeedbackAnswer_responseId_idx" ON "FeedbackAnswer"("responseId");

-- CreateIndex
CREATE INDEX "FeedbackLearningGain_lineageId_idx" ON "FeedbackLearningGain"("lineageId");

-- CreateIndex
CREATE INDEX "FeedbackLearningGain_responseId_idx" ON "FeedbackLearningGain"("responseId");

-- CreateIndex
CREATE INDEX "LevelUpdateProposal_personId_status_idx" ON "LevelUpdateProposal"("personId", "status");

-- CreateIndex
CREATE INDEX "LevelUpdateProposal_status_createdAt_idx" ON "LevelUpdateProposal"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "LearningJourney" ADD CONSTRAINT "LearningJourney_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LearningJourney" ADD CONSTRAINT "LearningJourney_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "JourneyTemplate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LearningJourney" ADD CONSTRAINT "LearningJourney_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "JourneyCohort"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JourneyPhase" ADD CONSTRAINT "JourneyPhase_journeyId_fkey" FOREIGN KEY ("journeyId") REFERENCES "LearningJourney"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JourneyStep" ADD CONSTRAINT "JourneyStep_journeyId_fkey" FOREIGN KEY ("journeyId") REFERENCES "LearningJourney"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JourneyStep" ADD CONSTRAINT "JourneyStep_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "JourneyPhase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JourneyStep" ADD CONSTRAINT "JourneyStep_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JourneyStep" ADD CONSTRAINT "JourneyStep_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JourneyStep" ADD CONSTRAINT "JourneyStep_competencyId_fkey" FOREIGN KEY ("competencyId") REFERENCES "CompetencyNode"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JourneyEvent" ADD CONSTRAINT "JourneyEvent_journeyId_fkey" FOREIGN KEY ("journeyId") REFERENCES "LearningJourney"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JourneyTemplatePhase" ADD CONSTRAINT "JourneyTemplatePhase_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "JourneyTemplate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JourneyTemplateStep" ADD CONSTRAINT "JourneyTemplateStep_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "JourneyTemplate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JourneyTemplateStep" ADD CONSTRAINT "JourneyTemplateStep_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "JourneyTemplatePhase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JourneyTemplateStep" ADD CONSTRAINT "JourneyTemplateStep_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JourneyTemplateStep" ADD CONSTRAINT "JourneyTemplateStep_competencyId_fkey" FOREIGN KEY ("competencyId") REFERENCES "CompetencyNode"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JourneyCohort" ADD CONSTRAINT "JourneyCohort_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "JourneyTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionnaireItem" ADD CONSTRAINT "QuestionnaireItem_questionnaireId_fkey" FOREIGN KEY ("questionnaireId") REFERENCES "Questionnaire"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingEvaluationSetting" ADD CONSTRAINT "TrainingEvaluationSetting_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackRequest" ADD CONSTRAINT "FeedbackRequest_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackRequest" ADD CONSTRAINT "FeedbackRequest_questionnaireId_fkey" FOREIGN KEY ("questionnaireId") REFERENCES "Questionnaire"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackRequest" ADD CONSTRAINT "FeedbackRequest_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackResponse" ADD CONSTRAINT "FeedbackResponse_questionnaireId_fkey" FOREIGN KEY ("questionnaireId") REFERENCES "Questionnaire"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackResponse" ADD CONSTRAINT "FeedbackResponse_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackAnswer" ADD CONSTRAINT "FeedbackAnswer_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "FeedbackResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackAnswer" ADD CONSTRAINT "FeedbackAnswer_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "QuestionnaireItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackLearningGain" ADD CONSTRAINT "FeedbackLearningGain_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "FeedbackResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LevelUpdateProposal" ADD CONSTRAINT "LevelUpdateProposal_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
