// A process that starts the stack (test/harness/stack.mjs) and then waits, as `npm start` does but on free
// ports and without building: the subject of test/e2e/cleanup.test.mjs, which signals it and looks for
// anything of the run left behind. Prints "ready <workerUrl>" once the worker answers.
//   node test/harness/stack-child.mjs
import { startStack } from "./stack.mjs";

const stack = await startStack({ fakePort: 0, workerPort: 0 });
console.log(`ready ${stack.workerUrl}`);
setInterval(() => {}, 1 << 30); // until a signal
