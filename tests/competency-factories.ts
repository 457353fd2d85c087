import { randomUUID } from "node:crypto";
import type { Db } from "~/utils/db.server.ts";
import { createScale, insertFramework } from "~/modules/competency/frameworks.server.ts";

/** A 4-level scale and a published framework: cluster K with competencies K.1 and K.2. */
export async function createPublishedFramework(db: Db, { status = "PUBLISHED" as "PUBLISHED" | "DRAFT" } = {}) {
  const suffix = randomUUID().slice(0, 8);
  return db.$transaction(async (tx) => {
    const scale = await createScale(tx, null, {
      name: `Testskala ${suffix}`,
      description: "",
      levels: ["Grundkenntnisse", "Anwendung", "Vertiefung", "Expertise"].map((label) => ({ label, description: "" })),
    });
    const framework = await insertFramework(tx, null, {
      key: `test-${suffix}`,
      name: `Testmodell ${suffix}`,
      status,
      scaleId: scale.id,
      attribution: "Testquelle, CC BY 4.0",
      nodes: [
        { ref: "K", parentRef: null, kind: "CLUSTER", code: "K", name: "Kommunikation" },
        {
          ref: "K.1",
          parentRef: "K",
          kind: "COMPETENCY",
          code: "K.1",
          name: "Verständlich schreiben",
          descriptors: [1, 2, 3, 4].map((ordinal) => ({ ordinal, text: `Schreiben auf Stufe ${ordinal}` })),
          relatedRefs: ["K.2"],
        },
        { ref: "K.2", parentRef: "K", kind: "COMPETENCY", code: "K.2", name: "Zuhören" },
      ],
    });
    const nodes = await tx.competencyNode.findMany({ where: { frameworkId: framework.id } });
    const byCode = Object.fromEntries(nodes.map((n) => [n.code, n]));
    return { scale, framework, cluster: byCode.K!, writing: byCode["K.1"]!, listening: byCode["K.2"]! };
  });
}
