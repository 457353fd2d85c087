// Pure tree helpers for framework nodes (no database): build, walk, compare versions.

export interface FlatNode {
  id: string;
  parentId: string | null;
  kind: "CLUSTER" | "COMPETENCY";
  code: string;
  name: string;
  description: string;
  indicators: string;
  sortOrder: number;
  lineageId: string;
  descriptors: { ordinal: number; text: string }[];
  related: string[]; // ids of related nodes in the same version
}

export interface TreeNode extends FlatNode {
  depth: number;
  children: TreeNode[];
}

export function buildTree(nodes: FlatNode[]): TreeNode[] {
  const byId = new Map<string, TreeNode>(nodes.map((n) => [n.id, { ...n, depth: 0, children: [] }]));
  const roots: TreeNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: TreeNode[], depth: number) => {
    list.sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code, "de"));
    for (const n of list) {
      n.depth = depth;
      sort(n.children, depth + 1);
    }
  };
  sort(roots, 0);
  return roots;
}

/** Depth-first order, as the tree is shown. */
export function flatten<T extends { children: T[] }>(roots: T[]): T[] {
  const out: T[] = [];
  const walk = (list: T[]) => {
    for (const n of list) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(roots);
  return out;
}

export function treeDepth(nodes: Pick<FlatNode, "id" | "parentId">[]): number {
  const parent = new Map(nodes.map((n) => [n.id, n.parentId]));
  let max = 0;
  for (const n of nodes) {
    let d = 1;
    let p = n.parentId;
    while (p && d <= nodes.length) {
      d++;
      p = parent.get(p) ?? null;
    }
    max = Math.max(max, d);
  }
  return max;
}

export type ChangeKind = "added" | "removed" | "changed" | "moved";
export interface NodeChange {
  kind: ChangeKind;
  lineageId: string;
  code: string;
  name: string;
  nodeKind: FlatNode["kind"];
  /** For changed: which fields differ. For moved: old and new parent names. */
  details: string[];
  /** The node in the old version (removed, changed, moved) */
  oldId?: string;
  /** The node in the new version (added, changed, moved) */
  newId?: string;
}

/** Differences between two versions of a framework, matched by lineage id. */
export function diffVersions(oldNodes: FlatNode[], newNodes: FlatNode[]): NodeChange[] {
  const oldByLineage = new Map(oldNodes.map((n) => [n.lineageId, n]));
  const newByLineage = new Map(newNodes.map((n) => [n.lineageId, n]));
  const oldById = new Map(oldNodes.map((n) => [n.id, n]));
  const newById = new Map(newNodes.map((n) => [n.id, n]));
  const lineageOfParent = (n: FlatNode, byId: Map<string, FlatNode>) => (n.parentId ? (byId.get(n.parentId)?.lineageId ?? null) : null);
  const relatedLineages = (n: FlatNode, byId: Map<string, FlatNode>) =>
    n.related.map((id) => byId.get(id)?.lineageId ?? id).sort().join(",");
  const descriptorKey = (n: FlatNode) =>
    [...n.descriptors].sort((a, b) => a.ordinal - b.ordinal).map((d) => `${d.ordinal}:${d.text.trim()}`).join("|");
  const changes: NodeChange[] = [];
  for (const n of newNodes) {
    const before = oldByLineage.get(n.lineageId);
    if (!before) {
      changes.push({ kind: "added", lineageId: n.lineageId, code: n.code, name: n.name, nodeKind: n.kind, details: [], newId: n.id });
      continue;
    }
    const fields: string[] = [];
    if (before.code !== n.code) fields.push("code");
    if (before.name !== n.name) fields.push("name");
    if (before.kind !== n.kind) fields.push("kind");
    if (before.description.trim() !== n.description.trim()) fields.push("description");
    if (before.indicators.trim() !== n.indicators.trim()) fields.push("indicators");
    if (descriptorKey(before) !== descriptorKey(n)) fields.push("descriptors");
    if (relatedLineages(before, oldById) !== relatedLineages(n, newById)) fields.push("related");
    if (fields.length) {
      changes.push({ kind: "changed", lineageId: n.lineageId, code: n.code, name: n.name, nodeKind: n.kind, details: fields, oldId: before.id, newId: n.id });
    }
    const oldParent = lineageOfParent(before, oldById);
    const newParent = lineageOfParent(n, newById);
    if (oldParent !== newParent) {
      const parentName = (lineage: string | null, list: Map<string, FlatNode>) => (lineage ? (list.get(lineage)?.name ?? "?") : "–");
      changes.push({
        kind: "moved",
        lineageId: n.lineageId,
        code: n.code,
        name: n.name,
        nodeKind: n.kind,
        details: [parentName(oldParent, oldByLineage), parentName(newParent, newByLineage)],
        oldId: before.id,
        newId: n.id,
      });
    }
  }
  for (const o of oldNodes) {
    if (!newByLineage.has(o.lineageId)) {
      changes.push({ kind: "removed", lineageId: o.lineageId, code: o.code, name: o.name, nodeKind: o.kind, details: [], oldId: o.id });
    }
  }
  const order: Record<ChangeKind, number> = { removed: 0, added: 1, moved: 2, changed: 3 };
  return changes.sort((a, b) => order[a.kind] - order[b.kind] || a.code.localeCompare(b.code, "de"));
}
