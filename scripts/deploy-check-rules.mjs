// What `npm run deploy` refuses to ship (scripts/check-deploy-config.mjs reads wrangler.toml and calls this).
// A worker cannot see its binding ids at run time, so placeholders are caught here rather than by /v1/health.
// Pure (no imports), so the Workers tests can run it too (test/worker/deploy-check.test.ts).

const ZERO_ID = /^[0-]*$/; // "", "000…0", "00000000-0000-…": the ids wrangler.toml ships with
const LOCAL_HOST = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;

function isLocalOrigin(origin) {
  try {
    return LOCAL_HOST.test(new URL(origin).hostname);
  } catch {
    return false;
  }
}

/**
 * @param {{ vars?: Record<string, unknown>, kv_namespaces?: Array<{binding: string, id?: string}>,
 *           d1_databases?: Array<{binding: string, database_name?: string, database_id?: string}> }} config
 *   wrangler's parsed configuration (unstable_readConfig)
 * @returns {string[]} what to fix before deploying, each with the command that fixes it; empty when fine
 */
export function deployProblems(config) {
  const problems = [];
  for (const kv of config.kv_namespaces ?? []) {
    if (ZERO_ID.test(String(kv.id ?? "")))
      problems.push(`KV ${kv.binding} has a placeholder id (npx wrangler kv namespace create ${kv.binding}, then its id in wrangler.toml)`);
  }
  for (const db of config.d1_databases ?? []) {
    if (ZERO_ID.test(String(db.database_id ?? "")))
      problems.push(
        `D1 ${db.binding} has a placeholder database_id (npx wrangler d1 create ${db.database_name ?? db.binding}, then its id in wrangler.toml)`,
      );
  }
  const vars = config.vars ?? {};
  const account = String(vars.HELPJUICE_ACCOUNT ?? "").trim();
  if (!account) problems.push("HELPJUICE_ACCOUNT is empty (your Helpjuice subdomain: <account>.helpjuice.com)");
  else if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(account))
    problems.push(`HELPJUICE_ACCOUNT "${account}" is not a subdomain (just <account> of <account>.helpjuice.com)`);
  if (String(vars.HELPJUICE_BASE_URL ?? "").trim()) problems.push("HELPJUICE_BASE_URL is set (it is for development only; leave it empty)");
  const origins = String(vars.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  if (!origins.includes("*") && origins.every(isLocalOrigin))
    problems.push(`ALLOWED_ORIGINS holds no site but local ones (${origins.join(", ") || "none"}): list the sites that embed the widget`);
  return problems;
}
