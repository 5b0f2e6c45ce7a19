/**
 * GET /api/v3/activities and /api/v3/activities/:id, with the reference's filters:
 *   reverse_chronologically / chronologically   order (default: newest first)
 *   trackable_type                              "Question" for articles (exact, as a Rails where)
 *   trackable_id, action_type                   need trackable_type (422 without it, as the reference says
 *                                               "A trackable_type must be provided")
 *   older_than                                  activities before the one with this id
 *   filter[owner_id]                            done by this user
 * plus limit/page (default 25, max 1000) and the `meta` block of the other lists.
 * The owner and admins see every activity; anyone else only those about articles they may see now (so
 * nothing about a deleted article).
 */
import type { Hono, MiddlewareHandler } from "hono";
import type { Activity } from "./activities";
import type { FakeEnv } from "./app-env";
import { paginate, Params } from "./params";
import type { Lookup } from "./present";
import { json, notFound, unprocessable } from "./responses";
import type { FakeState } from "./state";
import { canSeeArticle, seesEverything, type Viewer } from "./visibility";

const ID = /^\d+$/;

export function addActivityRoutes(app: Hono<FakeEnv>, state: FakeState, auth: MiddlewareHandler<FakeEnv>, lookup: Lookup): void {
  const visible = (viewer: Viewer) => (act: Activity) => {
    if (seesEverything(viewer)) return true;
    const art = lookup.article(act.trackable_id);
    return !!art && canSeeArticle(viewer, art, lookup.category);
  };

  app.get("/api/v3/activities", auth, (c) => {
    const params = new Params((name) => c.req.query(name));
    const { page, limit } = params.paging();
    const reverse = params.bool("reverse_chronologically");
    const chrono = params.bool("chronologically");
    const type = params.raw("trackable_type");
    const trackableId = params.int("trackable_id", 1);
    const action = params.raw("action_type");
    const olderThan = params.int("older_than", 1);
    const ownerId = params.int("filter[owner_id]");
    if ((trackableId !== undefined || action !== undefined) && type === undefined) params.invalid("trackable_type", "must be provided with trackable_id or action_type");
    if (params.errors.length) return unprocessable(params.errors);

    let list = state.activities.all.filter(visible(c.get("viewer")));
    if (type !== undefined) list = list.filter((a) => a.trackable_type === type);
    if (trackableId !== undefined) list = list.filter((a) => a.trackable_id === trackableId);
    if (action !== undefined) list = list.filter((a) => a.action === action);
    if (olderThan !== undefined) list = list.filter((a) => a.id < olderThan);
    if (ownerId !== undefined) list = list.filter((a) => a.owner_id === ownerId);
    // Ids grow with time (activities.ts); newest first unless only chronologically is asked for.
    const oldestFirst = chrono === true && reverse !== true;
    list = oldestFirst ? list : [...list].reverse();

    const { meta, items } = paginate(list, page, limit);
    return json(200, { meta, activities: items.map((a) => ({ ...a })) });
  });

  app.get("/api/v3/activities/:id", auth, (c) => {
    const id = c.req.param("id");
    const act = ID.test(id) ? state.activities.get(Number(id)) : undefined;
    if (!act || !visible(c.get("viewer"))(act)) return notFound();
    return json(200, { activity: { ...act } });
  });
}
