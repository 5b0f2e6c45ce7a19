// The few Mocha globals the widget tests use (@web/test-runner runs Mocha; its types are not installed).
interface MochaContext {
  timeout(ms: number): void;
}
type MochaFn = (this: MochaContext) => void | Promise<void>;
declare function describe(title: string, fn: () => void): void;
declare function it(title: string, fn: MochaFn): void;
declare function beforeEach(fn: MochaFn): void;
declare function before(fn: MochaFn): void;
declare function afterEach(fn: MochaFn): void;
