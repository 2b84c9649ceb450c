//! The one path every write takes. [`Write::begin`] opens the write transaction (with the
//! workflow in force, which every change is judged and logged under);
//! [`Write::after_change`] is the step that follows every change, in that transaction: a
//! change to a card gets its activity entry and its catalogue rows rewritten; a company's
//! change rewrites the rows of every card it adopted for; and every change, meetings and
//! workflow versions included, is published on the change feed for open pages.
//! [`Write::commit`] ends it. A write that skips `after_change` reaches no open page.

use sea_orm::{DatabaseConnection, DatabaseTransaction};

use uuid::Uuid;

use crate::contract::AppError;
use crate::domain::ChangeKind;
use crate::store::activity::ActivityEntry;
use crate::store::workflow::CurrentWorkflow;
use crate::store::{self, StoreError};

/// What a change happened to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A card (its solutions, adoptions and comments included).
    Card(Uuid),
    /// A company, shown on every card it adopted for.
    Company(Uuid),
    /// The workflow: a new version.
    Workflow,
    /// A meeting: attendance, its agenda, next steps, the demo queue.
    Meeting(Uuid),
}

/// One change, as the after-change step records it.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    pub kind: ChangeKind,
    pub subject: Subject,
    pub from_stage: Option<&'a str>,
    pub to_stage: Option<&'a str>,
    /// What the activity log says besides the kind (a solution's title, a move's note).
    pub note: &'a str,
    /// For an override: what the gates lacked.
    pub missing: Option<&'a str>,
}

impl<'a> Change<'a> {
    /// A change of `kind` to a card.
    pub fn card(kind: ChangeKind, card: impl Into<Uuid>) -> Self {
        Self::of(kind, Subject::Card(card.into()))
    }

    /// A change in a meeting.
    pub fn meeting(meeting: impl Into<Uuid>) -> Self {
        Self::of(ChangeKind::MeetingChanged, Subject::Meeting(meeting.into()))
    }

    /// A change to a company.
    pub fn company(company: impl Into<Uuid>) -> Self {
        Self::of(ChangeKind::CompanyEdited, Subject::Company(company.into()))
    }

    /// A new workflow version.
    pub fn workflow() -> Self {
        Self::of(ChangeKind::WorkflowChanged, Subject::Workflow)
    }

    fn of(kind: ChangeKind, subject: Subject) -> Self {
        Self {
            kind,
            subject,
            from_stage: None,
            to_stage: None,
            note: "",
            missing: None,
        }
    }

    /// The stages a card left and entered.
    pub fn stages(mut self, from: Option<&'a str>, to: Option<&'a str>) -> Self {
        self.from_stage = from;
        self.to_stage = to;
        self
    }

    pub fn note(mut self, note: &'a str) -> Self {
        self.note = note;
        self
    }

    /// What the gates lacked (an override); nothing when empty.
    pub fn missing(mut self, missing: &'a str) -> Self {
        self.missing = Some(missing).filter(|m| !m.is_empty());
        self
    }
}

/// A write transaction, with the workflow in force and who is writing.
pub struct Write {
    txn: store::WriteTxn,
    /// The workflow every change in this transaction is judged and logged under.
    pub workflow: CurrentWorkflow,
    actor: Option<String>,
}

impl Write {
    /// Starts a write by `actor` (none: the system).
    pub async fn begin(db: &DatabaseConnection, actor: Option<&str>) -> Result<Self, AppError> {
        let txn = store::begin_write(db).await?;
        let workflow = store::workflow::current(&*txn).await?;
        Ok(Self {
            txn,
            workflow,
            actor: actor.map(str::to_owned),
        })
    }

    /// The transaction, for the store's functions.
    pub fn txn(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// From now on, changes in this transaction are judged and logged under `workflow`
    /// (a version this transaction just stored).
    pub fn judge_under(&mut self, workflow: CurrentWorkflow) {
        self.workflow = workflow;
    }

    /// Who is writing.
    pub fn actor(&self) -> Option<&str> {
        self.actor.as_deref()
    }

    /// What follows every change: see the module's documentation.
    pub async fn after_change(&self, change: Change<'_>) -> Result<(), AppError> {
        let db = self.txn();
        let (card, meeting) = match change.subject {
            Subject::Card(card_id) => {
                let entry = ActivityEntry {
                    card_id,
                    actor: self.actor(),
                    kind: change.kind,
                    from_stage: change.from_stage,
                    to_stage: change.to_stage,
                    note: change.note,
                    missing: change.missing,
                };
                store::activity::append(db, self.workflow.id, &entry).await?;
                store::catalog::refresh_card(db, card_id).await?;
                (Some(card_id), None)
            }
            Subject::Company(company_id) => {
                for card_id in store::companies::cards_of(db, company_id).await? {
                    store::catalog::refresh_card(db, card_id).await?;
                }
                (None, None)
            }
            Subject::Workflow => (None, None),
            Subject::Meeting(meeting_id) => (None, Some(meeting_id)),
        };
        store::events::publish(db, change.kind, card, meeting, self.actor()).await?;
        Ok(())
    }

    /// Ends the write: everything in it happens, or (on an error before this) nothing.
    pub async fn commit(self) -> Result<(), AppError> {
        self.txn.commit().await.map_err(StoreError::from)?;
        Ok(())
    }
}
