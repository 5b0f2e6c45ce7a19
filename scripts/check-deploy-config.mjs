// Step 1 of `npm run deploy` (scripts/deploy.mjs): refuses, in one line, what wrangler does not check itself
// (scripts/deploy-check-rules.mjs): an empty or placeholder HELPJUICE_ACCOUNT, a development base URL, only
// local ALLOWED_ORIGINS, a pinned all-zero id, and no HELPJUICE_API_KEY (in the --secrets-file, or already on
// the worker). It reads the configuration the way wrangler does (its own parser; --env / CLOUDFLARE_ENV).
//   node scripts/check-deploy-config.mjs [--config path/to/wrangler.toml] [--secrets-file file]
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { deployProblems, parseSecretsFile, secretsProblems } from "./deploy-check-rules.mjs";

function refuse(problems) {
  console.error(`✖ not deploying: ${problems.join("; ")}`);
  process.exit(1);
}

/**
 * @param {{ configPath: string, envName?: string, secretsFile?: string, dryRun?: boolean,
 *           wrangler: (argv: string[], o: {capture: boolean}) => {code: number, out: string}, scope?: string[] }} o
 * @returns {Promise<any>} wrangler's parsed configuration; exits 1 with the problems otherwise
 */
export async function checkDeployConfig({ configPath, envName, secretsFile, dryRun = false, wrangler, scope = [] }) {
  const { unstable_readConfig } = await import("wrangler");
  let config;
  try {
    config = unstable_readConfig({ config: configPath, env: envName || undefined }, { hideWarnings: true });
  } catch (e) {
    refuse([`${configPath} could not be read: ${e.message.split("\n")[0]}`]);
  }
  const problems = deployProblems(config);
  // A dry run uploads nothing, and under Workers Builds (the Deploy button) the form holds the secrets.
  if (!dryRun && !process.env.WORKERS_CI) {
    let fileSecrets = null;
    let deployedNames = null;
    if (secretsFile) {
      try {
        fileSecrets = parseSecretsFile(readFileSync(secretsFile, "utf8"));
      } catch (e) {
        refuse([`the secrets file ${secretsFile} could not be read: ${e.message}`]);
      }
    } else {
      const listed = wrangler(["secret", "list", "--format", "json", ...scope], { capture: true });
      try {
        if (listed.code === 0) deployedNames = JSON.parse(listed.out.slice(listed.out.indexOf("["))).map((s) => s.name);
      } catch {
        /* not JSON: the worker does not exist yet, or not logged in; secretsProblems says what to do */
      }
    }
    problems.push(...secretsProblems({ fileSecrets, deployedNames }));
  }
  // Under Workers Builds the button's form may hold the values this file lacks: say so, do not stop
  // (health names whatever is still wrong once deployed).
  if (problems.length && process.env.WORKERS_CI) console.warn(`⚠ ${configPath}: ${problems.join("; ")} (deploying anyway under Workers Builds)`);
  else if (problems.length) refuse(problems);
  console.log(`✔ ${configPath}: account "${config.vars.HELPJUICE_ACCOUNT}", origins set${dryRun ? "" : ", HELPJUICE_API_KEY present"}`);
  return config;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const at = (n) => (process.argv.indexOf(n) > 0 ? process.argv[process.argv.indexOf(n) + 1] : undefined);
  const wrangler = (argv) => {
    const r = spawnSync("npx", ["wrangler", ...argv], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { code: r.status ?? 1, out: `${r.stdout}${r.stderr}` };
  };
  await checkDeployConfig({ configPath: at("--config") ?? "wrangler.toml", envName: process.env.CLOUDFLARE_ENV, secretsFile: at("--secrets-file"), wrangler });
}
