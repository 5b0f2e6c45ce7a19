/**
 * Quirk switches: ways the fake can misbehave on purpose, as canaries for a client that trusts more than
 * it should. All off after reset.
 *   listIgnoresFilters   GET /api/v3/articles ignores filter[accessibility] and filter[is_published] (and
 *                        only those), so internal, private and draft articles come back in a list asked
 *                        for public, published ones. A client must check each article itself.
 *   smallCategoryPages   GET /api/v3/categories pages 2 categories at a time whatever `limit` asks (the
 *                        reference's collections page at 25 by default): a client must follow
 *                        `meta.total_pages`, or it decides visibility on part of the listing.
 */
export interface Quirks {
  listIgnoresFilters: boolean;
  smallCategoryPages: boolean;
}

export const NO_QUIRKS: Readonly<Quirks> = Object.freeze({ listIgnoresFilters: false, smallCategoryPages: false });

/** Validates a partial quirks object (JSON body); returns a message when it is bad. */
export function parseQuirks(value: unknown): Partial<Quirks> | string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "quirks are a JSON object";
  const out: Partial<Quirks> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!(k in NO_QUIRKS)) return `unknown quirk: ${k}`;
    if (typeof v !== "boolean") return `${k} must be a boolean`;
    out[k as keyof Quirks] = v;
  }
  return out;
}
