-- The edge search index: a mirror of the public, published articles, one row per article and language.
-- `docs` holds what search answers with (original text, for snippets); `docs_fts` holds the analysed
-- terms (folded, segmented, stemmed in the worker: D1 cannot load a tokenizer), its rowid = docs.doc.
CREATE TABLE docs (
  doc INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL,
  lang TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  keywords TEXT NOT NULL,
  body TEXT NOT NULL,
  category_id INTEGER NOT NULL,
  category_name TEXT NOT NULL,
  url TEXT NOT NULL,
  views INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  -- The full pass that last listed this row; rows an entire pass did not list are deleted after it.
  pass INTEGER NOT NULL DEFAULT 0,
  UNIQUE (article_id, lang)
);
CREATE INDEX docs_lang_views ON docs (lang, views DESC);

CREATE VIRTUAL TABLE docs_fts USING fts5(
  title, keywords, description, body,
  tokenize = 'unicode61 remove_diacritics 2'
);
-- Term statistics, for typo correction against the index's own vocabulary.
CREATE VIRTUAL TABLE docs_vocab USING fts5vocab(docs_fts, row);

-- Categories from GET /api/v3/categories: the article route's visibility check reads these too.
CREATE TABLE categories (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  accessibility INTEGER
);
CREATE TABLE article_categories (
  article_id INTEGER NOT NULL,
  category_id INTEGER NOT NULL,
  -- Listing order: an article's first category is the one search results name.
  position INTEGER NOT NULL,
  PRIMARY KEY (article_id, category_id)
) WITHOUT ROWID;

-- Sync state, for health and for the next sync: key → JSON.
CREATE TABLE sync_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
