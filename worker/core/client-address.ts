/**
 * The caller's address from CF-Connecting-IP, or null when there is none to tell callers apart by: no
 * header (the Workers test runtime) or a loopback address (`wrangler dev` fills the header in with the
 * local socket's). Cloudflare's edge always sends a real one. Per-address limits skip null: one shared
 * window would throttle every such caller together as if they were one visitor, long before the global
 * gate (which still applies) would.
 */
export function clientAddress(header: string | undefined): string | null {
  const a = header?.trim().toLowerCase();
  if (!a || a.startsWith("127.") || a === "::1" || a.startsWith("::ffff:127.")) return null;
  return a;
}
