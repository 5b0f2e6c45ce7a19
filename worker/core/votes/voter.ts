/**
 * Who is voting. A signed user is their email; anyone else is the visitor id the widget keeps in
 * localStorage plus where they vote from, since a visitor id alone is whatever the browser says it is.
 * A caller that sends no visitor id (curl, a server) is its address alone.
 * Identities are hashed before they reach the vote ledger, which so never stores an email or an address.
 */
import type { Viewer } from "../articles/visibility";

/**
 * The widget sends a random URL-safe id; other clients may send their own, so anything visible that fits
 * in a header line is taken. Short ids gain a caller nothing: the address is part of the voter anyway.
 */
export const VISITOR_ID = /^[\x21-\x7E]{1,128}$/;

export type VoterSource =
  | { kind: "user"; email: string }
  | { kind: "visitor"; visitor: string; address: string };

export type VoterCheck = { ok: true; source: VoterSource } | { ok: false; message: string };

export function voterSource(viewer: Viewer, visitorHeader: string | null | undefined, address: string): VoterCheck {
  // The signed user is the voter wherever they vote from; a visitor id cannot make them a second one.
  if (viewer.kind === "user") return { ok: true, source: { kind: "user", email: viewer.email.toLowerCase() } };
  const visitor = visitorHeader?.trim() ?? "";
  if (visitor && !VISITOR_ID.test(visitor)) return { ok: false, message: "X-HJ-Visitor must be 1–128 visible ASCII characters" };
  return { ok: true, source: { kind: "visitor", visitor, address: addressKey(address) } };
}

/**
 * The part of an address that stays with one client. An IPv6 host picks new temporary addresses inside its
 * /64 every day (RFC 8981) and can pick any it likes there, so the /64 is the client; IPv4 stays whole.
 */
export function addressKey(address: string): string {
  const a = address.trim().toLowerCase();
  if (!a.includes(":")) return a;
  // An IPv4 client seen through an IPv6 socket is still that IPv4 client.
  const mapped = /^::(?:ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (mapped) return mapped[1];
  const groups = expandIpv6(a.replace(/%.*$/, ""));
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : a;
}

function expandIpv6(a: string): string[] | null {
  const halves = a.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(Math.max(0, missing)).fill("0"), ...tail];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return all.map((g) => g.replace(/^0+(?=.)/, ""));
}

/** A stable, opaque ledger key; the separators keep a user and a visitor from ever sharing one. */
export async function voterId(source: VoterSource): Promise<string> {
  const material = source.kind === "user" ? `user\u0000${source.email}` : `visitor\u0000${source.visitor}\u0000${source.address}`;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(material));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
