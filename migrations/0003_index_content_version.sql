-- A mark that changes with every change to what search answers from (an article's row, or its
-- categories), so an isolate holding the index in memory can tell with one small read whether its copy is
-- still current (worker/platform/index-replica.ts). Triggers, so no write path can forget it. A random value
-- rather than a counter, so a mark never comes back after sync_meta is emptied. The columns search does not
-- read (views, updated_at, pass) leave it alone: a sync pass that only marks rows listed does not make every
-- isolate reload. No OR REPLACE or upsert in the bodies: a trigger takes the conflict policy of the statement
-- that fired it (the sync's own upsert into docs), so the mark is added if missing, then changed.
-- A deployment that already holds an index gets a mark now, not at its next write.
INSERT OR IGNORE INTO sync_meta (key, value) VALUES ('content_version', lower(hex(randomblob(8))));

CREATE TRIGGER docs_inserted AFTER INSERT ON docs BEGIN
  INSERT INTO sync_meta (key, value) SELECT 'content_version', '' WHERE NOT EXISTS (SELECT 1 FROM sync_meta WHERE key = 'content_version');
  UPDATE sync_meta SET value = lower(hex(randomblob(8))) WHERE key = 'content_version';
END;
CREATE TRIGGER docs_updated AFTER UPDATE OF article_id, lang, title, description, keywords, body, category_id, category_name, url ON docs BEGIN
  INSERT INTO sync_meta (key, value) SELECT 'content_version', '' WHERE NOT EXISTS (SELECT 1 FROM sync_meta WHERE key = 'content_version');
  UPDATE sync_meta SET value = lower(hex(randomblob(8))) WHERE key = 'content_version';
END;
CREATE TRIGGER docs_deleted AFTER DELETE ON docs BEGIN
  INSERT INTO sync_meta (key, value) SELECT 'content_version', '' WHERE NOT EXISTS (SELECT 1 FROM sync_meta WHERE key = 'content_version');
  UPDATE sync_meta SET value = lower(hex(randomblob(8))) WHERE key = 'content_version';
END;
CREATE TRIGGER article_categories_inserted AFTER INSERT ON article_categories BEGIN
  INSERT INTO sync_meta (key, value) SELECT 'content_version', '' WHERE NOT EXISTS (SELECT 1 FROM sync_meta WHERE key = 'content_version');
  UPDATE sync_meta SET value = lower(hex(randomblob(8))) WHERE key = 'content_version';
END;
CREATE TRIGGER article_categories_deleted AFTER DELETE ON article_categories BEGIN
  INSERT INTO sync_meta (key, value) SELECT 'content_version', '' WHERE NOT EXISTS (SELECT 1 FROM sync_meta WHERE key = 'content_version');
  UPDATE sync_meta SET value = lower(hex(randomblob(8))) WHERE key = 'content_version';
END;
