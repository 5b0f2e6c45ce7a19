/**
 * Query parameters as the v3 API reads them, and its pagination. A bad value becomes a 422 error entry
 * named after the parameter ({"limit": "is not valid."}), all collected before answering, as Rails
 * validations are.
 */
const INTEGER = /^\s*-?\d+\s*$/;

export class Params {
  readonly errors: Array<Record<string, string>> = [];

  constructor(private readonly q: (name: string) => string | undefined) {}

  /** The raw value; undefined when absent or empty. */
  raw(name: string): string | undefined {
    const v = this.q(name);
    return v === undefined || v === "" ? undefined : v;
  }

  invalid(name: string, message = "is not valid."): undefined {
    this.errors.push({ [name]: message });
    return undefined;
  }

  int(name: string, min = Number.MIN_SAFE_INTEGER): number | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    return INTEGER.test(v) && Number(v) >= min ? Number(v) : this.invalid(name);
  }

  /** The reference's dates, "eg. 20-09-2021" (dd-mm-yyyy): the start of that UTC day, in ms. */
  date(name: string): number | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    const m = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(v.trim());
    if (!m) return this.invalid(name);
    const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = Date.UTC(year, month - 1, day);
    // Date.UTC rolls 31-02 over into March; Rails' Date.parse refuses it.
    const d = new Date(t);
    return d.getUTCDate() === day && d.getUTCMonth() === month - 1 ? t : this.invalid(name);
  }

  /** "true"/"false" in any case; undefined when absent. */
  bool(name: string): boolean | undefined {
    const v = this.raw(name)?.trim().toLowerCase();
    if (v === undefined) return undefined;
    if (v === "true" || v === "1") return true;
    if (v === "false" || v === "0") return false;
    return this.invalid(name);
  }

  /** `page` (from 1) and `limit` (default 25, capped at 1000, as the reference's Pagination says). */
  paging(): { page: number; limit: number } {
    return { page: this.int("page", 1) ?? 1, limit: Math.min(this.int("limit", 1) ?? 25, 1000) };
  }
}

export const DAY_MS = 86_400_000;

/** One page of a list, and the reference's `meta` block for it. */
export function paginate<T>(list: T[], page: number, limit: number) {
  return {
    meta: { current: page, limit, total_pages: Math.ceil(list.length / limit), total_count: list.length },
    items: list.slice((page - 1) * limit, page * limit),
  };
}
