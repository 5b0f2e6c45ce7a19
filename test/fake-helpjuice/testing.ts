/** Helpers for the fake's own tests: requests straight into createFakeHelpjuice().fetch. */
import { FAKE_API_KEY, type FakeHelpjuice } from "./index";

export const BASE = "https://acme.helpjuice.com";

export const basic = (email: string) => `Basic ${btoa(`${email}:`)}`;

/** As the account owner, key in the Authorization header. */
export function get(fake: FakeHelpjuice, path: string, headers: Record<string, string> = { Authorization: FAKE_API_KEY }) {
  return fake.fetch(new Request(`${BASE}${path}`, { headers }));
}

/** Impersonating `email` with Basic auth; the key goes in api_key, as the reference says. */
export function getAs(fake: FakeHelpjuice, email: string, path: string) {
  const sep = path.includes("?") ? "&" : "?";
  return fake.fetch(new Request(`${BASE}${path}${sep}api_key=${FAKE_API_KEY}`, { headers: { Authorization: basic(email) } }));
}

export async function body<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export function control(fake: FakeHelpjuice, path: string, init: RequestInit = {}) {
  return fake.fetch(new Request(`${BASE}/__fake${path}`, init));
}

export const postJson = (value: unknown): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(value),
});
