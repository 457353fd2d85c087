-- DropIndex
DROP INDEX "ComplianceRequirement_open_status_idx";

-- CreateIndex
CREATE INDEX "ComplianceRequirement_open_status_person_idx" ON "ComplianceRequirement"("closedOn", "orgUnitId", "ruleId", "activeUntil", "exemptUntil", "pausedFrom", "pausedUntil", "dueOn", "dueSoonFrom", "overdueFrom", "completedOn", "validUntil", "personId");
