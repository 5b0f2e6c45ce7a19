import { describe, expect, it } from "vitest";
import { addressKey, voterId, voterSource } from "./voter";
import { ANONYMOUS } from "../articles/visibility";

const staff = { kind: "user", email: "Staff@Acme.test" } as const;

describe("voterSource", () => {
  it("is the signed user's email, whatever visitor id or address comes with it", () => {
    expect(voterSource(staff, "anything-at-all", "203.0.113.9")).toEqual({
      ok: true,
      source: { kind: "user", email: "staff@acme.test" },
    });
    expect(voterSource(staff, undefined, "198.51.100.1")).toEqual(voterSource(staff, "x", "203.0.113.9"));
  });

  it("is the visitor id plus the address for anyone else", () => {
    expect(voterSource(ANONYMOUS, "k3J9xQ2m_Zp-7", "203.0.113.9")).toEqual({
      ok: true,
      source: { kind: "visitor", visitor: "k3J9xQ2m_Zp-7", address: "203.0.113.9" },
    });
  });

  it.each([
    ["too long", "a".repeat(129)],
    ["with a space", "abcd efgh"],
    ["with non-ASCII letters", "visitörid1"],
    ["with a control character", "abcd\u0001efgh"],
  ])("refuses an anonymous vote whose visitor id is %s", (_, id) => {
    const r = voterSource(ANONYMOUS, id, "203.0.113.9");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/X-HJ-Visitor/);
  });

  it("takes 1 to 128 visible ASCII characters, a UUID or the widget's id alike", () => {
    for (const id of ["a", "v1", "abcd:efgh", "abcd.efgh", "3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f", "a".repeat(128)])
      expect(voterSource(ANONYMOUS, id, "x").ok).toBe(true);
  });

  it("is the address alone when no visitor id comes (curl, a server), and that is a voter of its own", () => {
    const none = voterSource(ANONYMOUS, undefined, "203.0.113.9");
    expect(none).toEqual({ ok: true, source: { kind: "visitor", visitor: "", address: "203.0.113.9" } });
    expect(voterSource(ANONYMOUS, "  ", "203.0.113.9")).toEqual(none);
  });
});

describe("addressKey", () => {
  it("keeps an IPv4 address whole", () => {
    expect(addressKey("203.0.113.9")).toBe("203.0.113.9");
  });
  it("reduces IPv6 to its /64, so daily temporary addresses stay one client", () => {
    const a = addressKey("2001:db8:aa:bb:1111:2222:3333:4444");
    expect(a).toBe("2001:db8:aa:bb::/64");
    expect(addressKey("2001:0DB8:00aa:bb::1")).toBe(a);
    expect(addressKey("2001:db8:aa:bb:ffff::")).toBe(a);
    expect(addressKey("2001:db8:aa:bc::1")).not.toBe(a);
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
  });
  it("sees an IPv4 client through a mapped IPv6 address", () => {
    expect(addressKey("::ffff:203.0.113.9")).toBe("203.0.113.9");
  });
  it("leaves what it cannot parse as it is rather than merging it with others", () => {
    expect(addressKey("unknown")).toBe("unknown");
    expect(addressKey("1:2:3")).toBe("1:2:3");
  });
});

describe("voterId", () => {
  const visitor = (v: string, a: string) => ({ kind: "visitor", visitor: v, address: a }) as const;

  it("is an opaque hash: no email, visitor id or address in it", async () => {
    const id = await voterId({ kind: "user", email: "staff@acme.test" });
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const v = await voterId(visitor("k3J9xQ2mZp7V", "203.0.113.9"));
    expect(v).not.toContain("203");
  });

  it("is stable, and differs by visitor, by address and between users and visitors", async () => {
    const a = await voterId(visitor("k3J9xQ2mZp7V", "203.0.113.9"));
    expect(await voterId(visitor("k3J9xQ2mZp7V", "203.0.113.9"))).toBe(a);
    expect(await voterId(visitor("k3J9xQ2mZp7W", "203.0.113.9"))).not.toBe(a);
    expect(await voterId(visitor("k3J9xQ2mZp7V", "203.0.113.10"))).not.toBe(a);
    // No visitor id and address can be made to collide with a user's email.
    expect(await voterId({ kind: "user", email: "k3J9xQ2mZp7V" })).not.toBe(a);
  });
});
