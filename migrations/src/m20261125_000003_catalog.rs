//! The public catalogue: a readable, stable address (`slug`) per solution, and
//! `catalog_entries`, one row per solution of every open card (and one per card without a
//! solution) with what the catalogue shows and filters on. Full-text search over it is
//! FTS5 on SQLite (`catalog_fts`, kept in step by triggers) and a generated, weighted
//! `tsvector` column with a GIN index on PostgreSQL.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Solutions {
    Table,
    Slug,
}

#[derive(DeriveIden)]
enum Cards {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CatalogEntries {
    Table,
    Id,
    CardId,
    SolutionId,
    Slug,
    SolutionTitle,
    Summary,
    Kind,
    Url,
    ChallengeTitle,
    ChallengeDescription,
    StageKey,
    Tags,
    Companies,
    Adopters,
    AdopterCount,
    CreatedAt,
    StageSince,
}

const SQLITE_FTS: &[&str] = &[
    "CREATE VIRTUAL TABLE catalog_fts USING fts5(\
        title, challenge, body, tags, companies, \
        tokenize = 'porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER catalog_entries_ai AFTER INSERT ON catalog_entries BEGIN \
        INSERT INTO catalog_fts(rowid, title, challenge, body, tags, companies) VALUES (\
            new.id, coalesce(new.solution_title, ''), new.challenge_title, \
            coalesce(new.summary, '') || ' ' || new.challenge_description, \
            new.tags, new.companies); \
     END",
    "CREATE TRIGGER catalog_entries_ad AFTER DELETE ON catalog_entries BEGIN \
        DELETE FROM catalog_fts WHERE rowid = old.id; \
     END",
    "CREATE TRIGGER catalog_entries_au AFTER UPDATE ON catalog_entries BEGIN \
        DELETE FROM catalog_fts WHERE rowid = old.id; \
        INSERT INTO catalog_fts(rowid, title, challenge, body, tags, companies) VALUES (\
            new.id, coalesce(new.solution_title, ''), new.challenge_title, \
            coalesce(new.summary, '') || ' ' || new.challenge_description, \
            new.tags, new.companies); \
     END",
];

const POSTGRES_FTS: &[&str] = &[
    "ALTER TABLE catalog_entries ADD COLUMN document tsvector GENERATED ALWAYS AS (\
        setweight(to_tsvector('english', coalesce(solution_title, '')), 'A') || \
        setweight(to_tsvector('english', challenge_title), 'A') || \
        setweight(to_tsvector('english', tags || ' ' || companies), 'B') || \
        setweight(to_tsvector('english', coalesce(summary, '') || ' ' || challenge_description), 'C')\
     ) STORED",
    "CREATE INDEX ix_catalog_entries_document ON catalog_entries USING GIN (document)",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Solutions::Table)
                    .add_column(string_len_null(Solutions::Slug, 80))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_solutions_slug")
                    .table(Solutions::Table)
                    .col(Solutions::Slug)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CatalogEntries::Table)
                    .col(pk_auto(CatalogEntries::Id))
                    .col(uuid(CatalogEntries::CardId))
                    .col(uuid_null(CatalogEntries::SolutionId))
                    .col(string_len_null(CatalogEntries::Slug, 80))
                    .col(text_null(CatalogEntries::SolutionTitle))
                    .col(text_null(CatalogEntries::Summary))
                    .col(string_len_null(CatalogEntries::Kind, 20))
                    .col(text_null(CatalogEntries::Url))
                    .col(text(CatalogEntries::ChallengeTitle))
                    .col(text(CatalogEntries::ChallengeDescription))
                    .col(string_len(CatalogEntries::StageKey, 40))
                    // Tags separated and surrounded by spaces: " metrics engineers ".
                    .col(text(CatalogEntries::Tags))
                    // Names of the adopting companies that may be named: searchable.
                    .col(text(CatalogEntries::Companies))
                    // Every adopter as the public may see it, one per line: displayed only.
                    .col(text(CatalogEntries::Adopters))
                    .col(integer(CatalogEntries::AdopterCount))
                    .col(timestamp_with_time_zone(CatalogEntries::CreatedAt))
                    .col(timestamp_with_time_zone(CatalogEntries::StageSince))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_catalog_entries_card")
                            .from(CatalogEntries::Table, CatalogEntries::CardId)
                            .to(Cards::Table, Cards::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("ix_catalog_entries_card", CatalogEntries::CardId),
            ("ix_catalog_entries_slug", CatalogEntries::Slug),
            ("ix_catalog_entries_stage", CatalogEntries::StageKey),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(CatalogEntries::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        let statements = match db.get_database_backend() {
            DatabaseBackend::Sqlite => SQLITE_FTS,
            _ => POSTGRES_FTS,
        };
        for sql in statements {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if db.get_database_backend() == DatabaseBackend::Sqlite {
            db.execute_unprepared("DROP TABLE IF EXISTS catalog_fts")
                .await?;
        }
        manager
            .drop_table(Table::drop().table(CatalogEntries::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ux_solutions_slug")
                    .table(Solutions::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Solutions::Table)
                    .drop_column(Solutions::Slug)
                    .to_owned(),
            )
            .await
    }
}
