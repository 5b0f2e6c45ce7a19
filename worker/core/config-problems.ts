/**
 * Configuration mistakes a worker can see about itself, for `GET /v1/health` (which answers 503 while
 * any is left). Pure: the health route adds the missing bindings and the index's own state. What a worker
 * cannot see (the ids of its KV namespace and D1 database, a missing secret before the first deploy) is
 * checked before deploy by scripts/check-deploy-config.mjs.
 */
import type { Config } from "./config";

export interface ConfigFacts {
  HELPJUICE_ACCOUNT?: string;
  HELPJUICE_API_KEY?: string;
  USER_TOKEN_SECRET?: string;
  WEBHOOK_SECRET?: string;
  DEV_TOKEN_MINTING?: string;
  INSIGHTS_TOKEN?: string;
}

/** Where the worker runs, as far as advice goes: secrets live in .dev.vars locally, in Cloudflare deployed. */
export type Where = "local" | "deployed";

/** .dev.vars.example's account: a copy that was never filled in. */
export const PLACEHOLDER_ACCOUNT = "your-account";

/** How to set a secret, where the worker runs. */
export function secretAdvice(name: string, where: Where): string {
  return where === "local" ? `add ${name}=… to .dev.vars and restart` : `npx wrangler secret put ${name}`;
}

/** The account and key, said as what is missing (a key never sent is not a key refused). */
export function accountProblems(vars: ConfigFacts, baseUrl: string | null, where: Where): string[] {
  const problems: string[] = [];
  const account = vars.HELPJUICE_ACCOUNT?.trim();
  if (account === PLACEHOLDER_ACCOUNT)
    problems.push(`HELPJUICE_ACCOUNT is the example's placeholder "${account}": set your Helpjuice subdomain (the <account> of <account>.helpjuice.com)`);
  else if (!baseUrl) problems.push("HELPJUICE_ACCOUNT or HELPJUICE_BASE_URL is not set");
  if (!vars.HELPJUICE_API_KEY) problems.push(`HELPJUICE_API_KEY is not set (${secretAdvice("HELPJUICE_API_KEY", where)})`);
  return problems;
}

/** localhost, *.localhost, loopback and unspecified addresses: hosts that only this machine reaches. */
export function isLocalHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(h) || h === "::1" || h === "0.0.0.0" || h === "::";
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/** A Helpjuice the world can reach (an account, or a base URL off this machine), not a local stand-in. */
export function isRealUpstream(baseUrl: string | null): boolean {
  const host = baseUrl ? hostOf(baseUrl) : null;
  return host !== null && !isLocalHost(host);
}

/**
 * Problems beyond a missing account, key or binding (which the health route lists itself): origins that
 * only a developer's machine has while the worker talks to a real account, and a secret a feature that is
 * on cannot work without.
 */
export function configProblems(vars: ConfigFacts, cfg: Pick<Config, "baseUrl" | "allowedOrigins" | "anyOrigin">, indexOn: boolean): string[] {
  const problems: string[] = [];
  if (isRealUpstream(cfg.baseUrl) && !cfg.anyOrigin) {
    if (cfg.allowedOrigins.length === 0)
      problems.push("ALLOWED_ORIGINS is empty: no site can use the widget (set the origins of the sites that embed it)");
    else if (cfg.allowedOrigins.every((o) => isLocalHost(hostOf(o) ?? "")))
      problems.push(
        `ALLOWED_ORIGINS holds only local origins (${cfg.allowedOrigins.join(", ")}) while the account is a real one: set the origins of the sites that embed the widget`,
      );
  }
  if (vars.DEV_TOKEN_MINTING === "true" && !vars.USER_TOKEN_SECRET)
    problems.push("DEV_TOKEN_MINTING is on but USER_TOKEN_SECRET is not set: no user token can be minted or verified");
  return problems;
}

/**
 * What works, but less well than it could: reported by health without failing it. Webhooks are optional
 * (the cron catches up within minutes), so a missing WEBHOOK_SECRET is a notice, not a misconfiguration.
 */
export function configNotices(vars: ConfigFacts, indexOn: boolean, where: Where = "deployed", insights = false): string[] {
  const notices: string[] = [];
  if (indexOn && !vars.WEBHOOK_SECRET)
    notices.push(
      `WEBHOOK_SECRET is not set (${secretAdvice("WEBHOOK_SECRET", where)}): Helpjuice's webhooks are refused, so edits and unpublished articles reach the edge index and the cache only on the next cron pass (within 5 minutes) or expiry`,
    );
  if (insights && !vars.INSIGHTS_TOKEN)
    notices.push(
      `INSIGHTS_TOKEN is not set (${secretAdvice("INSIGHTS_TOKEN", where)}): insights are recorded, but nobody can read them (/v1/insights and the /insights dashboard refuse every token)`,
    );
  return notices;
}
