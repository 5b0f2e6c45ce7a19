/**
 * Who sees what, as Helpjuice decides it. Without Basic auth a request acts as the account owner, who sees
 * everything. An impersonated admin/superadmin sees everything too; everyone else sees published articles
 * only: public ones, internal ones if their role is internal (collaborator, draft_writer), and private ones
 * when the article names them or one of their groups.
 *
 * A category's accessibility "limits the access to articles inside" (the reference, Categories): an article
 * whose own accessibility is public but which sits in an internal or private category is hidden from anyone
 * who may not see that category. Every category of the article counts (main and "also in"), so a stricter
 * one is never bypassed by a laxer one.
 */
import type { SeedArticle, SeedCategory, SeedUser } from "./types";

export type Viewer = { kind: "owner"; user: SeedUser } | { kind: "user"; user: SeedUser };

/** Finds a category by id (the state's current categories). */
export type CategoryOf = (id: number) => SeedCategory | undefined;

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

export function canSeeArticle(viewer: Viewer, article: SeedArticle, categoryOf: CategoryOf): boolean {
  if (seesEverything(viewer)) return true;
  if (!article.published || !allowed(viewer, article)) return false;
  return article.category_ids.every((id) => {
    const cat = categoryOf(id);
    return !cat || allowed(viewer, cat);
  });
}

export function canSeeCategory(viewer: Viewer, category: SeedCategory): boolean {
  return allowed(viewer, category);
}
