/**
 * Activities (the reference's "Activities"): what happened to which article, by whom, when. The fake only
 * tracks articles (`trackable_type` "Question", Helpjuice's internal name for an article). The seed starts
 * with one old "create" per seed article, dated its `created_at` and owned by its author; the control
 * routes append one for every change they make (see ACTIVITY_ACTIONS). Ids grow in the order things
 * happened, so "newest first" is "highest id first" and `older_than` is "id below", whatever clock a
 * test gives the fake.
 */
import type { SeedArticle } from "./types";

export const ACTIVITY_ACTIONS = ["create", "update", "publish", "unpublish", "destroy"] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

export const TRACKABLE_TYPE = "Question";

export interface Activity {
  id: number;
  trackable_id: number;
  trackable_type: typeof TRACKABLE_TYPE;
  owner_id: number;
  action: ActivityAction;
  created_at: string;
}

export class ActivityLog {
  readonly all: Activity[] = [];

  /** Forgets everything, then one "create" per article, oldest first (ties by article id). */
  startWith(articles: Iterable<SeedArticle>): void {
    this.all.length = 0;
    const sorted = [...articles].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
    for (const a of sorted) this.add(a.id, "create", a.author_id, a.created_at);
  }

  add(articleId: number, action: ActivityAction, ownerId: number, at: string): Activity {
    const activity: Activity = {
      id: (this.all.at(-1)?.id ?? 0) + 1,
      trackable_id: articleId,
      trackable_type: TRACKABLE_TYPE,
      owner_id: ownerId,
      action,
      created_at: at,
    };
    this.all.push(activity);
    return activity;
  }

  get(id: number): Activity | undefined {
    return this.all.find((a) => a.id === id);
  }
}

/**
 * The activities an edit makes: "publish"/"unpublish" when `published` flips, "update" when anything
 * else changed (so a pure unpublish is one activity, an edit that also unpublishes is two).
 */
export function actionsForEdit(before: SeedArticle, after: SeedArticle): ActivityAction[] {
  const actions: ActivityAction[] = [];
  const { published: was, updated_at: _b, ...restBefore } = before;
  const { published: is, updated_at: _a, ...restAfter } = after;
  if (JSON.stringify(restBefore) !== JSON.stringify(restAfter)) actions.push("update");
  if (was && !is) actions.push("unpublish");
  if (!was && is) actions.push("publish");
  return actions;
}
