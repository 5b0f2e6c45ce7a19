-- Ask's passages (docs/design.md, "Ask"): each indexed article also as passages, a heading's section or a
-- run of paragraphs of at most about 120 words, with its heading path. A passage belongs to one row of
-- `docs` (an article in one language), so it is exactly as visible as that row: only public, published
-- articles in public categories ever have one. The sync writes them in the same batch as their row.
CREATE TABLE passages (
  pid INTEGER PRIMARY KEY,
  doc INTEGER NOT NULL,
  -- Order within the article, from 0.
  n INTEGER NOT NULL,
  heading TEXT NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (doc, n)
);

-- Analysed terms, as for docs_fts (the worker analyses; D1 cannot load a tokenizer). rowid = passages.pid.
CREATE VIRTUAL TABLE passages_fts USING fts5(
  heading, text,
  tokenize = 'unicode61 remove_diacritics 2'
);
-- Document frequencies, for how much of a question the knowledge base could answer at all.
CREATE VIRTUAL TABLE passages_vocab USING fts5vocab(passages_fts, row);

-- Whatever removes a row (webhook, cron, full pass, a category turned private, a language dropped) removes
-- its passages too: no write path can leave a passage behind its article.
CREATE TRIGGER docs_deleted_passages AFTER DELETE ON docs BEGIN
  DELETE FROM passages_fts WHERE rowid IN (SELECT pid FROM passages WHERE doc = old.doc);
  DELETE FROM passages WHERE doc = old.doc;
END;
