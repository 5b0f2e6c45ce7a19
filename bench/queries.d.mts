// Types for bench/queries.mjs, which test/worker/index-replica.test.ts also reads.
export declare const QUERIES: string[];
