-- CreateTable
CREATE TABLE "LearningJourney" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "goalKind" TEXT NOT NULL,
    "goalText" TEXT NOT NULL DEFAULT '',
    "targetPositionId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "startsOn" TEXT NOT NULL,
    "endsOn" TEXT NOT NULL,
    "templateId" TEXT,
    "templateVersion" INTEGER,
    "cohortId" TEXT,
    "createdById" TEXT NOT NULL,
    "proposedAt" DATETIME,
    "agreedById" TEXT,
    "agreedAt" DATETIME,
    "activatedAt" DATETIME,
    "completedAt" DATETIME,
    "completionRecord" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LearningJourney_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LearningJourney_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "JourneyTemplate" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LearningJourney_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "JourneyCohort" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JourneyPhase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "journeyId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    CONSTRAINT "JourneyPhase_journeyId_fkey" FOREIGN KEY ("journeyId") REFERENCES "LearningJourney" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JourneyStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "journeyId" TEXT NOT NULL,
    "phaseId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
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
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "skipReason" TEXT NOT NULL DEFAULT '',
    "reflection" TEXT NOT NULL DEFAULT '',
    "rationale" TEXT NOT NULL DEFAULT '',
    "templateStepId" TEXT,
    "completionId" TEXT,
    "doneAt" DATETIME,
    "reminderSentOn" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "JourneyStep_journeyId_fkey" FOREIGN KEY ("journeyId") REFERENCES "LearningJourney" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "JourneyStep_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "JourneyPhase" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "JourneyStep_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "JourneyStep_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "JourneyStep_competencyId_fkey" FOREIGN KEY ("competencyId") REFERENCES "CompetencyNode" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JourneyEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "journeyId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "actorUserId" TEXT,
    "actorName" TEXT NOT NULL DEFAULT '',
    "comment" TEXT NOT NULL DEFAULT '',
    "detail" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "JourneyEvent_journeyId_fkey" FOREIGN KEY ("journeyId") REFERENCES "LearningJourney" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JourneyTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "programme" TEXT NOT NULL DEFAULT 'OTHER',
    "goalKind" TEXT NOT NULL DEFAULT 'PROGRAMME',
    "durationWeeks" INTEGER NOT NULL DEFAULT 12,
    "version" INTEGER NOT NULL DEFAULT 1,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "JourneyTemplatePhase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "templateId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    CONSTRAINT "JourneyTemplatePhase_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "JourneyTemplate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JourneyTemplateStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "templateId" TEXT NOT NULL,
    "phaseId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "url" TEXT NOT NULL DEFAULT '',
    "trainingId" TEXT,
    "competencyId" TEXT,
    "targetLevel" INTEGER,
    "dueAmount" INTEGER NOT NULL,
    "dueUnit" TEXT NOT NULL DEFAULT 'WEEKS',
    CONSTRAINT "JourneyTemplateStep_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "JourneyTemplate" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "JourneyTemplateStep_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "JourneyTemplatePhase" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "JourneyTemplateStep_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "JourneyTemplateStep_competencyId_fkey" FOREIGN KEY ("competencyId") REFERENCES "CompetencyNode" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JourneyCohort" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "templateId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsOn" TEXT NOT NULL,
    "audience" TEXT NOT NULL DEFAULT '{}',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "JourneyCohort_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "JourneyTemplate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Questionnaire" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "learningGain" BOOLEAN NOT NULL DEFAULT false,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "QuestionnaireItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "questionnaireId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "key" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "options" TEXT NOT NULL DEFAULT '[]',
    "required" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "QuestionnaireItem_questionnaireId_fkey" FOREIGN KEY ("questionnaireId") REFERENCES "Questionnaire" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrainingEvaluationSetting" (
    "trainingId" TEXT NOT NULL PRIMARY KEY,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "immediateQuestionnaireId" TEXT,
    "transferQuestionnaireId" TEXT,
    "leaderQuestionnaireId" TEXT,
    "transferDelayDays" INTEGER NOT NULL DEFAULT 56,
    CONSTRAINT "TrainingEvaluationSetting_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FeedbackRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "subjectPersonId" TEXT,
    "kind" TEXT NOT NULL,
    "questionnaireId" TEXT NOT NULL,
    "trainingId" TEXT NOT NULL,
    "sessionId" TEXT,
    "completionId" TEXT NOT NULL,
    "availableFrom" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "notifiedAt" DATETIME,
    "remindedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FeedbackRequest_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FeedbackRequest_questionnaireId_fkey" FOREIGN KEY ("questionnaireId") REFERENCES "Questionnaire" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FeedbackRequest_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FeedbackReceipt" (
    "requestId" TEXT NOT NULL PRIMARY KEY
);

-- CreateTable
CREATE TABLE "FeedbackResponse" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "questionnaireId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "trainingId" TEXT NOT NULL,
    "sessionId" TEXT,
    "provider" TEXT NOT NULL DEFAULT '',
    "period" TEXT NOT NULL,
    "unitPath" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "FeedbackResponse_questionnaireId_fkey" FOREIGN KEY ("questionnaireId") REFERENCES "Questionnaire" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FeedbackResponse_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FeedbackAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "responseId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "value" INTEGER,
    "choices" TEXT,
    "text" TEXT,
    CONSTRAINT "FeedbackAnswer_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "FeedbackResponse" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FeedbackAnswer_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "QuestionnaireItem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FeedbackLearningGain" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "responseId" TEXT NOT NULL,
    "lineageId" TEXT NOT NULL,
    "before" INTEGER NOT NULL,
    "after" INTEGER NOT NULL,
    CONSTRAINT "FeedbackLearningGain_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "FeedbackResponse" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LevelUpdateProposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "lineageId" TEXT NOT NULL,
    "proposedLevel" INTEGER NOT NULL,
    "trainingId" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "decisionNote" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LevelUpdateProposal_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
