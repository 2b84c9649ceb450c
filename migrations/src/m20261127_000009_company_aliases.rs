//! Company aliases: names that mean a company spelled otherwise ("Robert Bosch" for
//! "Robert Bosch GmbH"), applied by the InnerSource Patterns import and edited by admins.
//! Starts with the spellings the Patterns book is known to use.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CompanyAliases {
    Table,
    AliasKey,
    Alias,
    Name,
}

/// The spellings of one organisation found in the Patterns book (alias, name).
const START: &[(&str, &str)] = &[
    ("Robert Bosch", "Robert Bosch GmbH"),
    ("Bosch", "Robert Bosch GmbH"),
    ("Europace", "Europace AG"),
    ("Paypal Inc.", "PayPal"),
    ("Nike Inc.", "Nike"),
    ("Mercado Libre (MELI)", "Mercado Libre"),
    ("MELI", "Mercado Libre"),
    ("Santander Bank", "Banco Santander"),
    ("Google Design Docs", "Google"),
    ("IKEA (Ingka Group)", "IKEA"),
    ("Ingka Group", "IKEA"),
    ("BBC iPlayer & Sounds", "BBC"),
    ("Siemens AG", "Siemens"),
    ("Thales", "Thales Group"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CompanyAliases::Table)
                    .if_not_exists()
                    .col(string_len(CompanyAliases::AliasKey, 200).primary_key())
                    .col(string_len(CompanyAliases::Alias, 200))
                    .col(string_len(CompanyAliases::Name, 200))
                    .to_owned(),
            )
            .await?;
        let mut insert = Query::insert();
        insert.into_table(CompanyAliases::Table).columns([
            CompanyAliases::AliasKey,
            CompanyAliases::Alias,
            CompanyAliases::Name,
        ]);
        for (alias, name) in START {
            insert
                .values([alias.to_lowercase().into(), (*alias).into(), (*name).into()])
                .map_err(|e| DbErr::Custom(e.to_string()))?;
        }
        manager.exec_stmt(insert).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CompanyAliases::Table).to_owned())
            .await
    }
}
