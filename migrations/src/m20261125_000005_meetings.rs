//! Meetings of the working group: who facilitated, scribed and attended; the agenda that
//! walks every unfinished card; key points and next steps; the queue of demos.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Meetings {
    Table,
    Id,
    HeldOn,
    Facilitator,
    Scribe,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MeetingAttendees {
    Table,
    MeetingId,
    UserId,
    Name,
}

#[derive(DeriveIden)]
enum AgendaItems {
    Table,
    Id,
    MeetingId,
    CardId,
    Position,
    Status,
    KeyPoints,
}

#[derive(DeriveIden)]
enum NextSteps {
    Table,
    Id,
    MeetingId,
    CardId,
    Text,
    Owner,
    Due,
    Done,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Demos {
    Table,
    Id,
    MeetingId,
    SolutionId,
    Position,
    AddedBy,
}

#[derive(DeriveIden)]
enum CatalogEntries {
    Table,
    StageKey,
    StageSince,
}

#[derive(DeriveIden)]
enum Cards {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Solutions {
    Table,
    Id,
}

fn cascade(
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
                    .table(Meetings::Table)
                    .col(pk_uuid(Meetings::Id))
                    .col(date(Meetings::HeldOn))
                    .col(string_len(Meetings::Facilitator, 200))
                    .col(string_len(Meetings::Scribe, 200))
                    .col(timestamp_with_time_zone(Meetings::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MeetingAttendees::Table)
                    .col(uuid(MeetingAttendees::MeetingId))
                    .col(uuid(MeetingAttendees::UserId))
                    .col(string_len(MeetingAttendees::Name, 200))
                    .primary_key(
                        Index::create()
                            .col(MeetingAttendees::MeetingId)
                            .col(MeetingAttendees::UserId),
                    )
                    .foreign_key(&mut cascade(
                        "fk_attendees_meeting",
                        (MeetingAttendees::Table, MeetingAttendees::MeetingId),
                        (Meetings::Table, Meetings::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AgendaItems::Table)
                    .col(pk_uuid(AgendaItems::Id))
                    .col(uuid(AgendaItems::MeetingId))
                    .col(uuid(AgendaItems::CardId))
                    .col(integer(AgendaItems::Position))
                    .col(string_len(AgendaItems::Status, 20))
                    .col(text(AgendaItems::KeyPoints))
                    .foreign_key(&mut cascade(
                        "fk_agenda_meeting",
                        (AgendaItems::Table, AgendaItems::MeetingId),
                        (Meetings::Table, Meetings::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_agenda_card",
                        (AgendaItems::Table, AgendaItems::CardId),
                        (Cards::Table, Cards::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NextSteps::Table)
                    .col(pk_uuid(NextSteps::Id))
                    .col(uuid(NextSteps::MeetingId))
                    .col(uuid(NextSteps::CardId))
                    .col(text(NextSteps::Text))
                    .col(string_len(NextSteps::Owner, 200))
                    .col(date_null(NextSteps::Due))
                    .col(boolean(NextSteps::Done))
                    .col(timestamp_with_time_zone(NextSteps::CreatedAt))
                    .foreign_key(&mut cascade(
                        "fk_next_steps_meeting",
                        (NextSteps::Table, NextSteps::MeetingId),
                        (Meetings::Table, Meetings::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_next_steps_card",
                        (NextSteps::Table, NextSteps::CardId),
                        (Cards::Table, Cards::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Demos::Table)
                    .col(pk_uuid(Demos::Id))
                    .col(uuid(Demos::MeetingId))
                    .col(uuid(Demos::SolutionId))
                    .col(integer(Demos::Position))
                    .col(string_len(Demos::AddedBy, 200))
                    .foreign_key(&mut cascade(
                        "fk_demos_meeting",
                        (Demos::Table, Demos::MeetingId),
                        (Meetings::Table, Meetings::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_demos_solution",
                        (Demos::Table, Demos::SolutionId),
                        (Solutions::Table, Solutions::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_demos_meeting_solution")
                    .table(Demos::Table)
                    .col(Demos::MeetingId)
                    .col(Demos::SolutionId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // The catalogue's default list: one stage, newest first.
        manager
            .create_index(
                Index::create()
                    .name("ix_catalog_entries_stage_since")
                    .table(CatalogEntries::Table)
                    .col(CatalogEntries::StageKey)
                    .col(CatalogEntries::StageSince)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Demos::Table.into_iden(),
            NextSteps::Table.into_iden(),
            AgendaItems::Table.into_iden(),
            MeetingAttendees::Table.into_iden(),
            Meetings::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
