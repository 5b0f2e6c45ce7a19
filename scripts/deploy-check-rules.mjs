// What `npm run deploy` refuses to ship (scripts/check-deploy-config.mjs reads wrangler.toml and calls this):
// only what wrangler itself does not check. wrangler creates and binds a KV namespace, D1 database or queue
// that has no id; it cannot know that HELPJUICE_ACCOUNT is empty, that the origins are a developer's, or that a
// pinned id is the all-zero placeholder of an older wrangler.toml. Nor that the API key is missing:
// wrangler's `secrets.required` would check it, but then `wrangler dev` loads only the listed secrets from
// .dev.vars (wrangler 4.164), so WEBHOOK_SECRET, INSIGHTS_TOKEN and USER_TOKEN_SECRET would vanish locally;
// secretsProblems below checks the key instead.
// Pure (no imports), so the Workers tests can run it too (test/worker/deploy-check.test.ts).

const ZERO_ID = /^[0-]+$/; // "000…0", "00000000-0000-…": the ids an older wrangler.toml shipped with
const LOCAL_HOST = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;
/** .dev.vars.example's account: a copy that was never filled in. */
export const PLACEHOLDER_ACCOUNT = "your-account";

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
 * @returns {string[]} what to fix before deploying; empty when fine
 */
export function deployProblems(config) {
  const problems = [];
  for (const kv of config.kv_namespaces ?? []) {
    if (ZERO_ID.test(String(kv.id ?? "")))
      problems.push(`KV ${kv.binding} has a placeholder id (remove the id line: wrangler creates the namespace)`);
  }
  for (const db of config.d1_databases ?? []) {
    if (ZERO_ID.test(String(db.database_id ?? "")))
      problems.push(`D1 ${db.binding} has a placeholder database_id (remove the database_id line: wrangler creates the database)`);
  }
  const vars = config.vars ?? {};
  const account = String(vars.HELPJUICE_ACCOUNT ?? "").trim();
  if (!account) problems.push("HELPJUICE_ACCOUNT is empty (your Helpjuice subdomain: <account>.helpjuice.com)");
  else if (account === PLACEHOLDER_ACCOUNT) problems.push(`HELPJUICE_ACCOUNT is the example's placeholder "${account}" (your Helpjuice subdomain)`);
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

/**
 * The names and values of a `--secrets-file`, as wrangler reads it: a JSON object, or NAME=value lines
 * (# comments, optional quotes).
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseSecretsFile(text) {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    const o = JSON.parse(trimmed);
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v ?? "")]));
  }
  const out = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    let v = m[2];
    if (/^(["']).*\1$/.test(v)) v = v.slice(1, -1);
    else v = v.replace(/\s+#.*$/, "");
    out[m[1]] = v;
  }
  return out;
}

/**
 * Is the Helpjuice key going to be there? From the secrets file when one is given, else from the names
 * `wrangler secret list` reported (null: it could not tell, as before a first deploy).
 * @param {{ fileSecrets?: Record<string, string> | null, deployedNames?: string[] | null }} o
 * @returns {string[]}
 */
export function secretsProblems({ fileSecrets = null, deployedNames = null }) {
  if (fileSecrets) {
    return fileSecrets.HELPJUICE_API_KEY?.trim() ? [] : ["the secrets file has no HELPJUICE_API_KEY (Helpjuice: Settings → API Credentials)"];
  }
  if (deployedNames === null)
    return ["no HELPJUICE_API_KEY: the worker does not exist yet, so pass the secrets with --secrets-file <file> (see .dev.vars.example)"];
  return deployedNames.includes("HELPJUICE_API_KEY")
    ? []
    : ["the deployed worker has no HELPJUICE_API_KEY: pass it with --secrets-file <file>, or `npx wrangler secret put HELPJUICE_API_KEY`"];
}
