//! Database schema migrations for ispo-board, one file per migration, applied in order at
//! start-up on SQLite and PostgreSQL alike.

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_core_schema;
mod m20261125_000002_accounts;
mod m20261125_000003_catalog;
mod m20261125_000004_events;
mod m20261125_000005_meetings;
mod m20261127_000006_invitation_links;
mod m20261127_000007_versions;
mod m20261127_000008_meeting_events;
mod m20261127_000009_company_aliases;
mod m20261127_000010_card_sources;
mod m20261128_000011_workflow_editing;

/// Runs every migration of the application in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_core_schema::Migration),
            Box::new(m20261125_000002_accounts::Migration),
            Box::new(m20261125_000003_catalog::Migration),
            Box::new(m20261125_000004_events::Migration),
            Box::new(m20261125_000005_meetings::Migration),
            Box::new(m20261127_000006_invitation_links::Migration),
            Box::new(m20261127_000007_versions::Migration),
            Box::new(m20261127_000008_meeting_events::Migration),
            Box::new(m20261127_000009_company_aliases::Migration),
            Box::new(m20261127_000010_card_sources::Migration),
            Box::new(m20261128_000011_workflow_editing::Migration),
        ]
    }
}
