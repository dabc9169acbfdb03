import type { Migration } from '../src/db/migrator';

/**
 * The full-text index over search_documents, per dialect (one migration that checks it):
 * - SQLite: an FTS5 external-content table, accent-folding tokenizer, kept in sync by triggers
 *   (so every write to search_documents updates it in the same transaction);
 * - MariaDB: a FULLTEXT index on (title, body); utf8mb4_unicode_ci makes matching accent- and
 *   case-insensitive; queries use BOOLEAN MODE with prefix `*` (innodb_ft_min_token_size = 3).
 */
export const up: Migration = async ({ context: { sequelize } }) => {
  if (sequelize.getDialect() === 'sqlite') {
    await sequelize.query(
      "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_documents', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    );
    await sequelize.query(
      'CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END',
    );
    await sequelize.query(
      "CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); END",
    );
    await sequelize.query(
      "CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    );
    return;
  }
  await sequelize.query('ALTER TABLE search_documents ADD FULLTEXT INDEX search_documents_ft (title, body)');
};

export const down: Migration = async ({ context: { sequelize } }) => {
  if (sequelize.getDialect() === 'sqlite') {
    for (const trigger of ['search_documents_ai', 'search_documents_ad', 'search_documents_au']) await sequelize.query(`DROP TRIGGER IF EXISTS ${trigger}`);
    await sequelize.query('DROP TABLE IF EXISTS search_fts');
    return;
  }
  await sequelize.query('ALTER TABLE search_documents DROP INDEX search_documents_ft');
};
