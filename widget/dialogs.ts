/**
 * The chunk of the floating modes: the modal dialog (modal.ts) and the launcher's panel (launcher.ts), which
 * builds on the modal's behaviour. One chunk for both: two would share modal.ts, and esbuild puts what two
 * chunks share in a third, so either mode would wait for two files in a row. A page never loads it for an
 * inline box or a panel; the element fetches it once someone is about to open the dialog or the panel.
 */
export { Modal } from "./modal.js";
export { Launcher } from "./launcher.js";
