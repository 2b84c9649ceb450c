//! The core model: workflow versions and their stages, cards, tags, solutions, companies,
//! adoptions and the activity log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum WorkflowVersions {
    Table,
    Id,
    Number,
    Note,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Stages {
    Table,
    Id,
    WorkflowVersionId,
    Key,
    Name,
    Position,
    Gate,
    WipLimit,
}

#[derive(DeriveIden)]
enum Cards {
    Table,
    Id,
    Title,
    Description,
    StageKey,
    Position,
    Version,
    Archived,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Tags {
    Table,
    Id,
    Name,
}

#[derive(DeriveIden)]
enum CardTags {
    Table,
    CardId,
    TagId,
}

#[derive(DeriveIden)]
enum Solutions {
    Table,
    Id,
    CardId,
    Title,
    Kind,
    Summary,
    Url,
    LandedIn,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
    Name,
    NameKey,
    Public,
    Descriptor,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Adoptions {
    Table,
    Id,
    SolutionId,
    CompanyId,
    Status,
    Since,
    EvidenceUrl,
    Notes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Activity {
    Table,
    Id,
    CardId,
    Actor,
    Kind,
    FromStage,
    ToStage,
    Note,
    WorkflowVersionId,
    CreatedAt,
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(WorkflowVersions::Table)
                    .col(pk_uuid(WorkflowVersions::Id))
                    .col(integer(WorkflowVersions::Number).unique_key())
                    .col(text(WorkflowVersions::Note))
                    .col(timestamp_with_time_zone(WorkflowVersions::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Stages::Table)
                    .col(pk_uuid(Stages::Id))
                    .col(uuid(Stages::WorkflowVersionId))
                    .col(string_len(Stages::Key, 40))
                    .col(string_len(Stages::Name, 80))
                    .col(integer(Stages::Position))
                    .col(text_null(Stages::Gate))
                    .col(integer_null(Stages::WipLimit))
                    .foreign_key(&mut fk(
                        "fk_stages_workflow_version",
                        (Stages::Table, Stages::WorkflowVersionId),
                        (WorkflowVersions::Table, WorkflowVersions::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_stages_version_key")
                    .table(Stages::Table)
                    .col(Stages::WorkflowVersionId)
                    .col(Stages::Key)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Cards::Table)
                    .col(pk_uuid(Cards::Id))
                    .col(string_len(Cards::Title, 200))
                    .col(text(Cards::Description))
                    .col(string_len(Cards::StageKey, 40))
                    .col(big_integer(Cards::Position))
                    .col(big_integer(Cards::Version))
                    .col(boolean(Cards::Archived))
                    .col(timestamp_with_time_zone(Cards::CreatedAt))
                    .col(timestamp_with_time_zone(Cards::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_cards_stage")
                    .table(Cards::Table)
                    .col(Cards::StageKey)
                    .col(Cards::Position)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Tags::Table)
                    .col(pk_uuid(Tags::Id))
                    .col(string_len(Tags::Name, 40).unique_key())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CardTags::Table)
                    .col(uuid(CardTags::CardId))
                    .col(uuid(CardTags::TagId))
                    .primary_key(Index::create().col(CardTags::CardId).col(CardTags::TagId))
                    .foreign_key(&mut fk(
                        "fk_card_tags_card",
                        (CardTags::Table, CardTags::CardId),
                        (Cards::Table, Cards::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_card_tags_tag",
                        (CardTags::Table, CardTags::TagId),
                        (Tags::Table, Tags::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Solutions::Table)
                    .col(pk_uuid(Solutions::Id))
                    .col(uuid(Solutions::CardId))
                    .col(string_len(Solutions::Title, 200))
                    .col(string_len(Solutions::Kind, 20))
                    .col(text(Solutions::Summary))
                    .col(text_null(Solutions::Url))
                    .col(string_len_null(Solutions::LandedIn, 200))
                    .col(timestamp_with_time_zone(Solutions::CreatedAt))
                    .col(timestamp_with_time_zone(Solutions::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_solutions_card",
                        (Solutions::Table, Solutions::CardId),
                        (Cards::Table, Cards::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_solutions_card")
                    .table(Solutions::Table)
                    .col(Solutions::CardId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Companies::Table)
                    .col(pk_uuid(Companies::Id))
                    .col(string_len(Companies::Name, 200))
                    // The name folded to lower case: company names are unique regardless of case.
                    .col(string_len(Companies::NameKey, 200).unique_key())
                    .col(boolean(Companies::Public))
                    .col(string_len(Companies::Descriptor, 200))
                    .col(timestamp_with_time_zone(Companies::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Adoptions::Table)
                    .col(pk_uuid(Adoptions::Id))
                    .col(uuid(Adoptions::SolutionId))
                    .col(uuid(Adoptions::CompanyId))
                    .col(string_len(Adoptions::Status, 20))
                    .col(date_null(Adoptions::Since))
                    .col(text_null(Adoptions::EvidenceUrl))
                    .col(text(Adoptions::Notes))
                    .col(timestamp_with_time_zone(Adoptions::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_adoptions_solution",
                        (Adoptions::Table, Adoptions::SolutionId),
                        (Solutions::Table, Solutions::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_adoptions_company",
                        (Adoptions::Table, Adoptions::CompanyId),
                        (Companies::Table, Companies::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_adoptions_solution_company")
                    .table(Adoptions::Table)
                    .col(Adoptions::SolutionId)
                    .col(Adoptions::CompanyId)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Activity::Table)
                    .col(pk_uuid(Activity::Id))
                    .col(uuid(Activity::CardId))
                    .col(string_len_null(Activity::Actor, 200))
                    .col(string_len(Activity::Kind, 40))
                    .col(string_len_null(Activity::FromStage, 40))
                    .col(string_len_null(Activity::ToStage, 40))
                    .col(text(Activity::Note))
                    .col(uuid(Activity::WorkflowVersionId))
                    .col(timestamp_with_time_zone(Activity::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_activity_card",
                        (Activity::Table, Activity::CardId),
                        (Cards::Table, Cards::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_activity_workflow_version",
                        (Activity::Table, Activity::WorkflowVersionId),
                        (WorkflowVersions::Table, WorkflowVersions::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_activity_card_time")
                    .table(Activity::Table)
                    .col(Activity::CardId)
                    .col(Activity::CreatedAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Activity::Table.into_iden(),
            Adoptions::Table.into_iden(),
            Companies::Table.into_iden(),
            Solutions::Table.into_iden(),
            CardTags::Table.into_iden(),
            Tags::Table.into_iden(),
            Cards::Table.into_iden(),
            Stages::Table.into_iden(),
            WorkflowVersions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
