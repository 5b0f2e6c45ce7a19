/**
 * Shared by the widget tests: the running stack (real worker + fake Helpjuice), fixtures, waiting, and the
 * few assertions we need (no assertion library is installed; these say what they compared).
 */
import { executeServerCommand } from "@web/test-runner-commands";
import "../hj-search.js";
import type { HjSearch } from "../hj-search.js";

export interface Stack {
  workerUrl: string;
  fakeUrl: string;
  /** The worker's USER_TOKEN_SECRET, so a test can sign user tokens the way a host app does. */
  userTokenSecret: string;
}

// Resource Timing keeps 250 entries by default; a test file's modules alone can fill it, and then
// `requests()` stops seeing new calls.
performance.setResourceTimingBufferSize(100_000);

let stackP: Promise<Stack> | undefined;
export const stack = () => (stackP ??= fetch("/__stack.json").then((r) => r.json()));

/**
 * A fault rule in the fake Helpjuice (test/fake-helpjuice/faults.ts): `path` is a regular expression,
 * `query` a substring of the upstream query string; kinds error, latency, timeout, 429, non-json.
 * Returns a function that removes the rule again.
 */
export async function fault(f: Record<string, unknown>): Promise<() => Promise<void>> {
  const { fakeUrl } = await stack();
  const res = await fetch(`${fakeUrl}/__fake/faults`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(f) });
  if (!res.ok) throw new Error(`fault not set: ${res.status} ${await res.text()}`);
  const body = await res.json().catch(() => ({}));
  return async () => {
    await fetch(`${fakeUrl}/__fake/faults/${body.fault?.id}`, { method: "DELETE" });
  };
}

/** The fake's upstream vote counts, {"<id>": {up, down}}. */
export async function upstreamVotes(): Promise<Record<string, { up: number; down: number }>> {
  const { fakeUrl } = await stack();
  return (await (await fetch(`${fakeUrl}/__fake/votes`)).json()).votes ?? {};
}

/** A short-lived HS256 user token for `sub`, signed like a host app signs it (docs/design.md, "Identity"). */
export async function signToken(sub: string, ttl = 600) {
  const { userTokenSecret } = await stack();
  const b64 = (data: string | ArrayBuffer) =>
    btoa(typeof data === "string" ? data : String.fromCharCode(...new Uint8Array(data)))
      .replace(/=+$/, "")
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64(JSON.stringify({ sub, aud: "hj-search", iat: now, exp: now + ttl }))}`;
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(userTokenSecret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return `${body}.${b64(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)))}`;
}

/** A query word no other test (and no earlier run against the same worker cache) has used. */
let n = 0;
export const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(n++).toString(36)}`;

const fixtures: Element[] = [];

/** Adds `<hj-search>` with these attributes to the page, pointed at the worker, and waits for its first render. */
export async function mount(
  attrs: Record<string, string> = {},
  props: Partial<HjSearch> = {},
  parent: Element = document.body,
): Promise<HjSearch> {
  const { workerUrl } = await stack();
  const el = document.createElement("hj-search");
  el.setAttribute("endpoint", workerUrl);
  // Recent entries live in localStorage, which the test files running side by side (one page each, one
  // origin) share: off unless a test is about them (recent="on"), so one file's reads never show in another's lists.
  el.setAttribute("recent", "off");
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  Object.assign(el, props);
  parent.append(el);
  fixtures.push(el);
  await until(() => el.shadowRoot?.querySelector("[part~=base]"), "first render");
  return el;
}

export function cleanup() {
  for (const el of fixtures.splice(0)) el.remove();
  // Recent searches and articles outlive the element (that is their point); one test's must not show in the next.
  for (const s of [localStorage, sessionStorage]) for (const k of Object.keys(s)) if (k.startsWith("hj-search:recent")) s.removeItem(k);
  document.documentElement.lang = "en";
  document.querySelectorAll("dialog[open]").forEach((d) => (d as HTMLDialogElement).close());
}

export const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
export const $$ = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
export const input = (el: Element) => $<HTMLInputElement>(el, "input")!;
export const options = (el: Element) => $$(el, "[role=option]");
export const live = (el: Element) => $(el, ".sr[role=status]")!.textContent!.trim();
export const visible = (e: Element | null) => !!e && (e as HTMLElement).checkVisibility();

/** Waits until `fn` returns something truthy (and returns it), or fails saying what it waited for. */
export async function until<T>(fn: () => T | Promise<T>, what: string | (() => string), timeout = 8000): Promise<NonNullable<T>> {
  const end = performance.now() + timeout;
  let last: unknown;
  while (performance.now() < end) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${typeof what === "function" ? what() : what}${last ? ` (last error: ${last})` : ""}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Real key presses through the browser's automation (CDP in Chromium, WebDriver BiDi in Firefox, WebDriver in
 * WebKit; web-test-runner.config.mjs's hj-type and hj-press), as a keyboard user would type.
 */
export const type = (text: string) => executeServerCommand("hj-type", { text });
/** A key or a combination, e.g. "ArrowDown", "Shift+Tab", "Control+k". */
export const press = (combo: string) => executeServerCommand("hj-press", { combo });
/** Sets the page's viewport (CSS pixels), in any engine. */
export const setViewport = (size: { width: number; height: number }) => executeServerCommand("hj-viewport", size);

/**
 * Focuses the box and types into it for real, then waits for the answer to what the box now says (its
 * hj-search event: not the popular articles or an earlier query's results still on screen) and for the
 * list to show `min` options.
 */
export async function search(el: HjSearch, text: string, min = 1) {
  const answered: string[] = [];
  const on = (e: Event) => answered.push(String((e as CustomEvent).detail?.query ?? "").trim().toLowerCase());
  el.addEventListener("hj-search", on);
  try {
    input(el).focus();
    await type(text);
    const q = input(el).value.trim().toLowerCase();
    if (min)
      await until(
        () => answered.includes(q) && options(el).length >= min && !$(el, "[role=listbox]")!.hidden,
        () => `results for "${q}" (answers seen: ${JSON.stringify(answered)}, ${options(el).length} options)`,
      );
  } finally {
    el.removeEventListener("hj-search", on);
  }
}

/** Collects the events of these types that reach `document`. */
export function record(...types: string[]) {
  const seen: Array<{ type: string; detail: any; composed: boolean; bubbles: boolean }> = [];
  const on = (e: Event) => seen.push({ type: e.type, detail: (e as CustomEvent).detail, composed: e.composed, bubbles: e.bubbles });
  for (const t of types) document.addEventListener(t, on);
  return Object.assign(seen, {
    of: (t: string) => seen.filter((e) => e.type === t),
    stop: () => types.forEach((t) => document.removeEventListener(t, on)),
  });
}

/**
 * The URLs the page fetched from the worker under `path`, oldest first (Resource Timing sees every request the
 * page makes, its own and the widget's). An entry lands a moment after its answer was read, and when differs
 * by engine: wait for a request with `until()`, and take a count to compare with later from `settledRequests()`.
 */
export async function requests(path: string) {
  const { origin } = new URL((await stack()).workerUrl);
  return performance
    .getEntriesByType("resource")
    .map((e) => new URL(e.name))
    .filter((u) => u.origin === origin && u.pathname.startsWith(path));
}

/** `requests(path)` once no new entry has landed for `quiet` ms (at most 3 s): a baseline to count from. */
export async function settledRequests(path: string, quiet = 250) {
  const end = performance.now() + 3000;
  let last = await requests(path);
  let since = performance.now();
  while (performance.now() < end && performance.now() - since < quiet) {
    await sleep(25);
    const now = await requests(path);
    if (now.length !== last.length) (last = now), (since = performance.now());
  }
  return last;
}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

export function equal<T>(actual: T, expected: T, message: string) {
  if (!Object.is(actual, expected)) throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export function deepEqual(actual: unknown, expected: unknown, message: string) {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  if (a !== b) throw new Error(`${message}: expected ${b}, got ${a}`);
}

/** The element that has focus, looking into shadow roots. */
export function focused(): Element | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

declare global {
  interface Window {
    axe: { run(ctx: unknown, opts?: unknown): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown }> }> }> };
  }
}

/** axe-core's own build, loaded into the page once. */
async function loadAxe() {
  if (window.axe) return;
  await new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = "/node_modules/axe-core/axe.min.js";
    s.onload = resolve;
    s.onerror = reject;
    document.head.append(s);
  });
}

/** Runs axe over the page and fails on any serious or critical violation, listing them. */
export async function noSeriousA11yViolations(state: string) {
  await loadAxe();
  const { violations } = await window.axe.run(document, { resultTypes: ["violations"] });
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (bad.length)
    throw new Error(
      `axe (${state}): ${bad.map((v) => `${v.id} [${v.impact}] ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`).join("; ")}`,
    );
}

/** The shadow root's style sheets, adopted or (where Lit had to fall back) in <style> elements. */
export const sheets = (el: Element) => [...el.shadowRoot!.adoptedStyleSheets, ...el.shadowRoot!.styleSheets];

/** Every rule of the element's shadow root that sits inside an @media whose condition matches `media`. */
export function rulesUnder(el: Element, media: RegExp): CSSRule[] {
  const out: CSSRule[] = [];
  const walk = (rules: CSSRuleList, inside: boolean) => {
    for (const r of rules) {
      if (r instanceof CSSMediaRule) walk(r.cssRules, inside || media.test(r.conditionText ?? r.media.mediaText));
      else if (inside) out.push(r);
    }
  };
  for (const sheet of sheets(el)) walk(sheet.cssRules, false);
  return out;
}

/**
 * Applies the rules a media query guards, unguarded: how a test sees what a touch screen (or any media
 * feature no driver can emulate in every engine) would show, in whichever engine runs it.
 */
export function applyAsIf(el: Element, media: RegExp) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(rulesUnder(el, media).map((r) => r.cssText).join("\n"));
  el.shadowRoot!.adoptedStyleSheets = [...el.shadowRoot!.adoptedStyleSheets, sheet];
}
