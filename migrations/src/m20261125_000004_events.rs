//! The change feed: one row per change to the board, numbered in commit order. Open pages
//! follow it over server-sent events and resume from the last number they saw; on
//! PostgreSQL every process learns of new rows through `NOTIFY`. Comments on cards.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    Kind,
    CardId,
    Actor,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Comments {
    Table,
    Id,
    CardId,
    Author,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Cards {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Events::Table)
                    .col(pk_auto(Events::Id))
                    .col(string_len(Events::Kind, 40))
                    .col(uuid_null(Events::CardId))
                    .col(string_len_null(Events::Actor, 200))
                    .col(timestamp_with_time_zone(Events::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Comments::Table)
                    .col(pk_uuid(Comments::Id))
                    .col(uuid(Comments::CardId))
                    .col(string_len(Comments::Author, 200))
                    .col(text(Comments::Body))
                    .col(timestamp_with_time_zone(Comments::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_comments_card")
                            .from(Comments::Table, Comments::CardId)
                            .to(Cards::Table, Cards::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_comments_card")
                    .table(Comments::Table)
                    .col(Comments::CardId)
                    .col(Comments::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Comments::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Events::Table).to_owned())
            .await
    }
}
