-- DropIndex
DROP INDEX "ComplianceRequirement_closedOn_orgUnitId_ruleId_idx";

-- CreateIndex
CREATE INDEX "ComplianceRequirement_open_status_idx" ON "ComplianceRequirement"("closedOn", "orgUnitId", "ruleId", "activeUntil", "exemptUntil", "pausedFrom", "pausedUntil", "dueOn", "dueSoonFrom", "overdueFrom", "completedOn", "validUntil");
