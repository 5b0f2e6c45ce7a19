-- Insights (docs/design.md, "Insights"): daily aggregates only. No address, visitor id, user e-mail or token is
-- ever stored; queries arrive normalised and scrubbed (e-mails → [email], phone and long numbers → [number]).
-- Days are UTC, 'YYYY-MM-DD'. INSIGHTS_RETENTION_DAYS (default 90) is enforced by the cron.

-- One row a day: the totals and the daily series.
CREATE TABLE insight_days (
  day TEXT PRIMARY KEY,
  searches INTEGER NOT NULL DEFAULT 0,
  zero INTEGER NOT NULL DEFAULT 0,
  from_index INTEGER NOT NULL DEFAULT 0,
  from_helpjuice INTEGER NOT NULL DEFAULT 0,
  from_cache INTEGER NOT NULL DEFAULT 0,
  opens INTEGER NOT NULL DEFAULT 0,
  contacts INTEGER NOT NULL DEFAULT 0,
  abandons INTEGER NOT NULL DEFAULT 0,
  reads INTEGER NOT NULL DEFAULT 0,
  up INTEGER NOT NULL DEFAULT 0,
  down INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- One row a day per language and query.
CREATE TABLE insight_queries (
  day TEXT NOT NULL,
  lang TEXT NOT NULL,
  query TEXT NOT NULL,
  searches INTEGER NOT NULL DEFAULT 0,
  zero INTEGER NOT NULL DEFAULT 0,
  opens INTEGER NOT NULL DEFAULT 0,
  -- Sum of the 1-based positions opened: the mean is position_sum / opens.
  position_sum INTEGER NOT NULL DEFAULT 0,
  contacts INTEGER NOT NULL DEFAULT 0,
  abandons INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, lang, query)
) WITHOUT ROWID;

-- One row a day per article and language: reads, opens from a result list, votes counted.
CREATE TABLE insight_articles (
  day TEXT NOT NULL,
  article_id INTEGER NOT NULL,
  lang TEXT NOT NULL,
  reads INTEGER NOT NULL DEFAULT 0,
  opens INTEGER NOT NULL DEFAULT 0,
  up INTEGER NOT NULL DEFAULT 0,
  down INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, article_id, lang)
) WITHOUT ROWID;

-- An article's title and address as last read, for the report (the edge index may not hold the article).
CREATE TABLE insight_titles (
  article_id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  url TEXT NOT NULL,
  day TEXT NOT NULL
);

-- Message ids already counted: a message delivered twice (a retry after a partial failure) counts once.
CREATE TABLE insight_batches (
  id TEXT PRIMARY KEY,
  day TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX insight_batches_day ON insight_batches (day);
