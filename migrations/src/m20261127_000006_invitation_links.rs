//! Pending invitations keep their link, so an admin who did not copy it at once can copy
//! it later or revoke it; the link is cleared when the invitation is used. A small
//! `app_settings` table (key, value) records facts about the data the server derives at
//! start-up, such as the format of the catalogue index: an index built by an older format
//! (before companies' public descriptors were searchable) is rebuilt once.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Token,
}

#[derive(DeriveIden)]
enum AppSettings {
    Table,
    Key,
    Value,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Invitations::Table)
                    .add_column(ColumnDef::new(Invitations::Token).string().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AppSettings::Table)
                    .col(string_len(AppSettings::Key, 80).primary_key())
                    .col(string(AppSettings::Value))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AppSettings::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Invitations::Table)
                    .drop_column(Invitations::Token)
                    .to_owned(),
            )
            .await
    }
}
