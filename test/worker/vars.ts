/** The worker's configuration in the Workers tests (the fake Helpjuice's key is added by vitest.config.ts). */
export const FAKE_ORIGIN = "https://fake.helpjuice.test";
export const APP_ORIGIN = "https://app.example.com";

export const TEST_VARS = {
  HELPJUICE_ACCOUNT: "",
  HELPJUICE_BASE_URL: FAKE_ORIGIN,
  ALLOWED_ORIGINS: `${APP_ORIGIN},https://www.example.com`,
  SEARCH_TTL: "300",
  ARTICLE_TTL: "3600",
  UPSTREAM_TIMEOUT_MS: "2000",
  UPSTREAM_RATE_LIMIT: "100",
  USER_TOKEN_SECRET: "test-user-token-secret-9f8e7d6c5b4a",
  WEBHOOK_SECRET: "test-webhook-secret-1a2b3c",
  INSIGHTS_TOKEN: "test-insights-token-7e6d5c4b",
  // Each request's events go out as it settles, so a test that awaits a request can count them.
  INSIGHTS_FLUSH_MS: "0",
  // The read-path tests count Helpjuice's search calls; the edge index's tests opt in with SEARCH_SOURCE=index.
  SEARCH_SOURCE: "helpjuice",
} as const;
