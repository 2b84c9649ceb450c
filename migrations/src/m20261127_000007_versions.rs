//! Versions on solutions, adoptions, companies and agenda items, as cards have: an edit
//! based on an older version is refused (409) instead of silently overwriting another.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Solutions {
    Table,
}

#[derive(DeriveIden)]
enum Adoptions {
    Table,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
}

#[derive(DeriveIden)]
enum AgendaItems {
    Table,
}

#[derive(DeriveIden)]
enum Version {
    Version,
}

fn tables() -> [DynIden; 4] {
    [
        Solutions::Table.into_iden(),
        Adoptions::Table.into_iden(),
        Companies::Table.into_iden(),
        AgendaItems::Table.into_iden(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables() {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(
                            ColumnDef::new(Version::Version)
                                .big_integer()
                                .not_null()
                                .default(1),
                        )
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables() {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .drop_column(Version::Version)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
