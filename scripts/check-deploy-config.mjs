// `npm run deploy` runs this before `wrangler deploy`: it refuses, in one line, while wrangler.toml still
// holds a placeholder KV or D1 id, an empty HELPJUICE_ACCOUNT or only local ALLOWED_ORIGINS. It reads the
// configuration the way wrangler does (its own parser; CLOUDFLARE_ENV picks an environment as in wrangler).
//   node scripts/check-deploy-config.mjs [--config path/to/wrangler.toml]
import { deployProblems } from "./deploy-check-rules.mjs";

const at = process.argv.indexOf("--config");
const configPath = at > 0 ? process.argv[at + 1] : "wrangler.toml";
const { unstable_readConfig } = await import("wrangler");
let config;
try {
  config = unstable_readConfig({ config: configPath, env: process.env.CLOUDFLARE_ENV || undefined }, { hideWarnings: true });
} catch (e) {
  console.error(`✖ not deploying: ${configPath} could not be read: ${e.message.split("\n")[0]}`);
  process.exit(1);
}
const problems = deployProblems(config);
if (problems.length) {
  console.error(`✖ not deploying, fix ${configPath} first: ${problems.join("; ")}`);
  process.exit(1);
}
console.log(`✔ ${configPath}: real KV and D1 ids, account "${config.vars.HELPJUICE_ACCOUNT}", origins set`);
