-- CreateTable
CREATE TABLE "CurrentCompetencyLevel" (
    "personId" TEXT NOT NULL,
    "lineageId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL,
    "recordId" TEXT NOT NULL,

    PRIMARY KEY ("personId", "lineageId"),
    CONSTRAINT "CurrentCompetencyLevel_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CurrentCompetencyLevel_recordId_key" ON "CurrentCompetencyLevel"("recordId");

-- CreateIndex
CREATE INDEX "CurrentCompetencyLevel_lineageId_idx" ON "CurrentCompetencyLevel"("lineageId");

-- Backfill: the winning record per person and competency (rule in app/modules/assessment/levels.ts).
INSERT INTO "CurrentCompetencyLevel" ("personId", "lineageId", "competencyId", "level", "source", "recordedAt", "recordId")
SELECT "personId", "lineageId", "competencyId", "level", "source", "recordedAt", "id" FROM (
  SELECT r.*, ROW_NUMBER() OVER (
    PARTITION BY r."personId", r."lineageId"
    ORDER BY substr(r."recordedAt", 1, 10) DESC,
      CASE r."source" WHEN 'AGREED' THEN 0 WHEN 'EVIDENCE' THEN 1 WHEN 'TRAINING' THEN 2 ELSE 3 END,
      r."recordedAt" DESC, r."id"
  ) AS "rank"
  FROM "CompetencyLevelRecord" r
) ranked WHERE "rank" = 1;
