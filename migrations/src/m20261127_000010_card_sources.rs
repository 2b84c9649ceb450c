//! Where an imported card came from: a source (`github`) and the item's key there (its
//! issue's address, or the project item's id), so importing the same file again updates
//! the card instead of adding another.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CardSources {
    Table,
    Source,
    Key,
    CardId,
    Url,
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
                    .table(CardSources::Table)
                    .if_not_exists()
                    .col(string_len(CardSources::Source, 40))
                    .col(string_len(CardSources::Key, 500))
                    .col(uuid(CardSources::CardId))
                    .col(string_len_null(CardSources::Url, 2_000))
                    .primary_key(
                        Index::create()
                            .col(CardSources::Source)
                            .col(CardSources::Key),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_card_sources_card")
                            .from(CardSources::Table, CardSources::CardId)
                            .to(Cards::Table, Cards::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CardSources::Table).to_owned())
            .await
    }
}
