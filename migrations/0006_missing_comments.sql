-- "What was missing" (docs/insights.md): what a visitor who voted 👎 on an article wrote, kept as part of
-- that article's daily aggregate. Only the UTC day, the article, the language and the text (scrubbed as
-- queries are: e-mails → [email], phone and long numbers → [number], a link's query and fragment dropped);
-- never a visitor id, an address, a user, or a time finer than the day. The same text twice on a day for an
-- article is one row; at most 50 rows a day per article (worker/core/insights/events.ts, MAX_MISSING_PER_DAY).
-- Deleted with the other aggregates after INSIGHTS_RETENTION_DAYS.
CREATE TABLE insight_missing (
  day TEXT NOT NULL,
  article_id INTEGER NOT NULL,
  lang TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (day, article_id, lang, text)
) WITHOUT ROWID;
