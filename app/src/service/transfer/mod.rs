//! Moving a board out and in, losslessly: [`export`] reads every record in one
//! transaction into a [`Document`]; [`parse`] reads a file back, refusing one that is not
//! JSON, is cut short, is of another or a newer format, or does not hold together
//! ([`check`]), with a message naming the record; [`import`] loads a checked document into
//! an empty database in one transaction (nothing is left half-imported), rebuilds the
//! catalogue and announces the new board through the after-change step.

pub mod check;
pub mod document;

use sea_orm::{DatabaseConnection, TransactionTrait};

pub use document::Document;

use super::changes::{Change, Write};
use crate::auth::Actor;
use crate::contract::AppError;
use crate::domain::{CompanyName, Permission};
use crate::store::{self, StoreError};

/// Every record of the board, read in one transaction so it is a consistent copy.
pub async fn export(db: &DatabaseConnection) -> Result<Document, AppError> {
    let txn = db.begin().await.map_err(StoreError::from)?;
    let tables = store::dump::read(&txn).await?;
    txn.commit().await.map_err(StoreError::from)?;
    Ok(Document::from_tables(tables))
}

/// [`export`] for an admin (the download on the admin pages).
pub async fn export_for(db: &DatabaseConnection, actor: &Actor) -> Result<Document, AppError> {
    actor.require(Permission::Administer)?;
    export(db).await
}

/// The document as pretty JSON, ending with a new line.
pub fn to_json(doc: &Document) -> String {
    let mut text = serde_json::to_string_pretty(doc).unwrap_or_default();
    text.push('\n');
    text
}

/// Reads an export file's text; the error says what is wrong and where.
pub fn parse(text: &str) -> Result<Document, AppError> {
    let refuse = |message: String| AppError::Validation(message);
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            refuse(format!(
                "the file ends too early — it may be truncated ({e})"
            ))
        } else {
            refuse(format!("the file is not valid JSON ({e})"))
        }
    })?;
    match value.get("format").and_then(|f| f.as_str()) {
        Some(document::FORMAT) => {}
        Some(other) => {
            return Err(refuse(format!(
                "this is not an ispo-board export: its format is \u{201c}{other}\u{201d}"
            )));
        }
        None => {
            return Err(refuse(format!(
                "this is not an ispo-board export: it has no \"format\": \"{}\"",
                document::FORMAT
            )));
        }
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(version) if version > u64::from(document::VERSION) => {
            return Err(refuse(format!(
                "the file is format version {version}, newer than this ispo-board reads \
                 (up to {}): import it with a newer ispo-board",
                document::VERSION
            )));
        }
        Some(_) => {}
        None => return Err(refuse("the file has no format version number".into())),
    }
    let doc: Document = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        refuse(format!(
            "the record at {path} is not right: {}",
            e.into_inner()
        ))
    })?;
    check::check(&doc).map_err(refuse)?;
    Ok(doc)
}

/// How many records an import stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub workflow_versions: usize,
    pub accounts: usize,
    pub companies: usize,
    pub cards: usize,
    pub solutions: usize,
    pub adoptions: usize,
    pub activity: usize,
    pub comments: usize,
    pub meetings: usize,
}

impl std::fmt::Display for Imported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} workflow versions, {} accounts, {} companies, {} cards, {} solutions, \
             {} adoptions, {} activity entries, {} comments, {} meetings",
            self.workflow_versions,
            self.accounts,
            self.companies,
            self.cards,
            self.solutions,
            self.adoptions,
            self.activity,
            self.comments,
            self.meetings
        )
    }
}

/// Loads `doc` (from [`parse`]) into an empty database, in one transaction; with
/// `dry_run`, checks that it would load and changes nothing.
pub async fn import(
    db: &DatabaseConnection,
    doc: Document,
    dry_run: bool,
) -> Result<Imported, AppError> {
    let imported = Imported {
        workflow_versions: doc.workflow_versions.len(),
        accounts: doc.users.len(),
        companies: doc.companies.len(),
        cards: doc.cards.len(),
        solutions: doc.solutions.len(),
        adoptions: doc.adoptions.len(),
        activity: doc.activity.len(),
        comments: doc.comments.len(),
        meetings: doc.meetings.len(),
    };
    let write = Write::begin(db, Some("import")).await?;
    let held = store::dump::contents(write.txn()).await?;
    if !held.is_empty() {
        let what: Vec<String> = held
            .iter()
            .map(|(table, n)| format!("{n} {table}"))
            .collect();
        return Err(AppError::Conflict {
            message: format!(
                "the database is not empty (it holds {}): an import loads a board into an \
                 empty database only",
                what.join(", ")
            ),
            current: None,
        });
    }
    store::dump::clear_workflow(write.txn()).await?;
    let tables = doc.into_tables(|name| {
        CompanyName::parse(name)
            .map(|n| n.key())
            .unwrap_or_else(|_| name.to_lowercase())
    });
    store::dump::write(write.txn(), &tables).await?;
    store::catalog::rebuild(write.txn()).await?;
    write.after_change(Change::workflow()).await?;
    if !dry_run {
        write.commit().await?;
    }
    Ok(imported)
}
