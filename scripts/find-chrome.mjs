// Kept for its importers (the e2e tests, the bench, the screenshots): the discovery of every engine is in
// find-browsers.mjs.
export { CHROME_FLAGS, findChrome, INSTALL_HINT } from "./find-browsers.mjs";
