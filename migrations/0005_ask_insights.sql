-- Ask in insights (docs/insights.md): questions asked, answered and declined, and 👍/👎 on answers, per day;
-- and each question (normalised, scrubbed like queries) with how often it was declined: the content gaps.
-- Shown only when asked at least twice in the period (the same k-rule as queries).
ALTER TABLE insight_days ADD COLUMN asks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE insight_days ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;
ALTER TABLE insight_days ADD COLUMN declined INTEGER NOT NULL DEFAULT 0;
ALTER TABLE insight_days ADD COLUMN ask_up INTEGER NOT NULL DEFAULT 0;
ALTER TABLE insight_days ADD COLUMN ask_down INTEGER NOT NULL DEFAULT 0;

CREATE TABLE insight_questions (
  day TEXT NOT NULL,
  lang TEXT NOT NULL,
  question TEXT NOT NULL,
  asks INTEGER NOT NULL DEFAULT 0,
  declined INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, lang, question)
) WITHOUT ROWID;
