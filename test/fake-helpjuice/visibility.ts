/**
 * Who sees what, as Helpjuice decides it. Without Basic auth a request acts as the account owner, who sees
 * everything. An impersonated admin/superadmin sees everything too; everyone else sees published articles
 * only: public ones, internal ones if their role is internal (collaborator, draft_writer), and private ones
 * when the article names them or one of their groups.
 */
import type { SeedArticle, SeedCategory, SeedUser } from "./types";

export type Viewer = { kind: "owner"; user: SeedUser } | { kind: "user"; user: SeedUser };

const ADMIN_ROLES = new Set(["superadmin", "admin"]);
const INTERNAL_ROLES = new Set(["superadmin", "admin", "collaborator", "draft_writer"]);

export function seesEverything(viewer: Viewer): boolean {
  return viewer.kind === "owner" || ADMIN_ROLES.has(viewer.user.role_id);
}

function allowed(viewer: Viewer, item: { accessibility: number; user_ids: number[]; group_ids: number[] }): boolean {
  if (seesEverything(viewer)) return true;
  const u = viewer.user;
  switch (item.accessibility) {
    case 1:
      return true;
    case 0:
      return INTERNAL_ROLES.has(u.role_id);
    case 2:
      return item.user_ids.includes(u.id) || item.group_ids.some((g) => u.group_ids.includes(g));
    default:
      return false;
  }
}

export function canSeeArticle(viewer: Viewer, article: SeedArticle): boolean {
  if (!article.published && !seesEverything(viewer)) return false;
  return allowed(viewer, article);
}

export function canSeeCategory(viewer: Viewer, category: SeedCategory): boolean {
  return allowed(viewer, category);
}
