//! What editing the workflow needs: a description for each stage, who made each workflow
//! version and after how many quiet days it marks a card stale, what was missing when an admin moved a card past a gate, and parked cards
//! (with why, a note and since when).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Stages {
    Table,
    Description,
}

#[derive(DeriveIden)]
enum WorkflowVersions {
    Table,
    Author,
    StaleAfterDays,
}

#[derive(DeriveIden)]
enum Activity {
    Table,
    Missing,
}

#[derive(DeriveIden)]
enum Cards {
    Table,
    ParkedReason,
    ParkedNote,
    ParkedAt,
}

/// One column added to one table (SQLite takes one per statement).
async fn add(
    manager: &SchemaManager<'_>,
    table: impl IntoIden,
    column: ColumnDef,
) -> Result<(), DbErr> {
    let mut column = column;
    manager
        .alter_table(
            Table::alter()
                .table(table)
                .add_column(&mut column)
                .to_owned(),
        )
        .await
}

async fn drop(
    manager: &SchemaManager<'_>,
    table: impl IntoIden,
    column: impl IntoIden,
) -> Result<(), DbErr> {
    manager
        .alter_table(Table::alter().table(table).drop_column(column).to_owned())
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add(
            manager,
            Stages::Table,
            ColumnDef::new(Stages::Description)
                .text()
                .not_null()
                .default("")
                .to_owned(),
        )
        .await?;
        add(
            manager,
            WorkflowVersions::Table,
            ColumnDef::new(WorkflowVersions::Author)
                .string_len(120)
                .null()
                .to_owned(),
        )
        .await?;
        add(
            manager,
            WorkflowVersions::Table,
            ColumnDef::new(WorkflowVersions::StaleAfterDays)
                .integer()
                .not_null()
                .default(30)
                .to_owned(),
        )
        .await?;
        add(
            manager,
            Activity::Table,
            ColumnDef::new(Activity::Missing).text().null().to_owned(),
        )
        .await?;
        add(
            manager,
            Cards::Table,
            ColumnDef::new(Cards::ParkedReason)
                .string_len(40)
                .null()
                .to_owned(),
        )
        .await?;
        add(
            manager,
            Cards::Table,
            ColumnDef::new(Cards::ParkedNote)
                .string_len(500)
                .null()
                .to_owned(),
        )
        .await?;
        add(
            manager,
            Cards::Table,
            ColumnDef::new(Cards::ParkedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop(manager, Cards::Table, Cards::ParkedAt).await?;
        drop(manager, Cards::Table, Cards::ParkedNote).await?;
        drop(manager, Cards::Table, Cards::ParkedReason).await?;
        drop(manager, Activity::Table, Activity::Missing).await?;
        drop(
            manager,
            WorkflowVersions::Table,
            WorkflowVersions::StaleAfterDays,
        )
        .await?;
        drop(manager, WorkflowVersions::Table, WorkflowVersions::Author).await?;
        drop(manager, Stages::Table, Stages::Description).await
    }
}
