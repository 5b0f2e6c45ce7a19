// `npm run deploy -- [wrangler deploy's arguments]`: the whole deploy, in the order that works on a fresh
// account.
//   1. refuse what wrangler does not check (scripts/check-deploy-config.mjs): the account, the origins, a
//      placeholder id, and a missing HELPJUICE_API_KEY (in --secrets-file, or already on the worker);
//   2. create the insights' dead-letter queue if it is missing: wrangler creates the KV namespace, the D1
//      database and the queue a producer names, but not a consumer's dead_letter_queue;
//   3. `wrangler deploy` with the arguments given (--secrets-file, --env, --dry-run, …);
//   4. `wrangler d1 migrations apply HJ_INDEX --remote` (the database is found by name). Until it has run the
//      worker answers from Helpjuice, and health reports the index as `pending` (worker/routes/health.ts).
// Under Workers Builds (the Deploy to Cloudflare button, WORKERS_CI=1) the secrets come from the button's
// form, so the key is not looked for. With --dry-run only steps 1 and 3 run.
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkDeployConfig } from "./check-deploy-config.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const WRANGLER = join(ROOT, "node_modules", ".bin", "wrangler");
const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");

/** The value of `--name value` or `--name=value` among the arguments. */
function option(...names) {
  for (let i = 0; i < args.length; i++) {
    for (const n of names) {
      if (args[i] === n) return args[i + 1];
      if (args[i].startsWith(`${n}=`)) return args[i].slice(n.length + 1);
    }
  }
  return undefined;
}
const configPath = option("--config", "-c") ?? "wrangler.toml";
const envName = option("--env", "-e") ?? process.env.CLOUDFLARE_ENV;
/** What the other wrangler commands need to find the same worker. */
const scope = [...(configPath !== "wrangler.toml" ? ["--config", configPath] : []), ...(envName ? ["--env", envName] : [])];

function wrangler(argv, { capture = false } = {}) {
  const r = spawnSync(WRANGLER, argv, {
    cwd: ROOT,
    stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
    encoding: "utf8",
    // CI=true: d1 migrations apply does not stop to ask "Ok to proceed?".
    env: { ...process.env, WRANGLER_SEND_METRICS: process.env.WRANGLER_SEND_METRICS ?? "false", ...(capture ? { CI: "true" } : {}) },
  });
  return { code: r.status ?? 1, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

function refuse(problems) {
  console.error(`✖ not deploying: ${problems.join("; ")}`);
  process.exit(1);
}

// 1. What wrangler does not check.
const config = await checkDeployConfig({ configPath: resolve(ROOT, configPath), envName, secretsFile: option("--secrets-file"), dryRun, wrangler, scope });

// 2. The dead-letter queue, which wrangler does not create.
if (!dryRun) {
  for (const dlq of new Set((config.queues?.consumers ?? []).map((c) => c.dead_letter_queue).filter(Boolean))) {
    const r = wrangler(["queues", "create", dlq], { capture: true });
    if (r.code === 0) console.log(`✔ created the dead-letter queue ${dlq}`);
    else if (/already (exists|taken)|11009/i.test(r.out)) console.log(`✔ the dead-letter queue ${dlq} exists`);
    else {
      process.stderr.write(r.out);
      refuse([`the dead-letter queue ${dlq} could not be created`]);
    }
  }
}

// 3. The deploy itself, with every argument given.
const deployed = wrangler(["deploy", ...args]);
if (deployed.code !== 0) process.exit(deployed.code);
if (dryRun) process.exit(0);

// 4. The schema, now that the database exists.
for (const db of config.d1_databases ?? []) {
  if (!db.migrations_dir) continue;
  const r = wrangler(["d1", "migrations", "apply", db.binding, "--remote", ...scope], { capture: true });
  process.stdout.write(r.out);
  if (r.code !== 0) {
    console.error(`✖ the migrations of ${db.binding} were not applied; the worker answers from Helpjuice until they are: npx wrangler d1 migrations apply ${db.binding} --remote`);
    process.exit(r.code);
  }
}
console.log("✔ deployed and migrated: curl https://<your-worker>/v1/health");
