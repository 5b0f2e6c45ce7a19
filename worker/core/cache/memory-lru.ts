/**
 * A least-recently-used map bounded in bytes (of the strings it holds), with a time to live per entry: the
 * in-isolate tier in front of shareable answers (docs/design.md, "Hot path"). Pure, so its bounds are
 * testable without a runtime.
 */
interface Entry {
  value: string;
  bytes: number;
  expires: number;
}

export class MemoryLru {
  private entries = new Map<string, Entry>();
  private used = 0;

  constructor(
    readonly maxBytes: number,
    readonly ttlMs: number,
  ) {}

  get(key: string, now = Date.now()): string | null {
    const e = this.entries.get(key);
    if (!e) return null;
    this.entries.delete(key);
    if (e.expires <= now) {
      this.used -= e.bytes;
      return null;
    }
    // Re-inserted: Map keeps insertion order, so the first key is always the least recently used.
    this.entries.set(key, e);
    return e.value;
  }

  set(key: string, value: string, now = Date.now()): void {
    // Two bytes a UTF-16 unit, plus the key: what the isolate really holds, give or take.
    const bytes = (value.length + key.length) * 2;
    if (bytes > this.maxBytes / 4) return; // one huge answer must not flush everything else
    this.delete(key);
    this.entries.set(key, { value, bytes, expires: now + this.ttlMs });
    this.used += bytes;
    for (const [k, e] of this.entries) {
      if (this.used <= this.maxBytes) break;
      this.entries.delete(k);
      this.used -= e.bytes;
    }
  }

  delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.used -= e.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.used = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.used;
  }
}
