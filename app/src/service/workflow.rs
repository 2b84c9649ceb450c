//! The workflow's versions: reading them, previewing an edit and saving it as a new
//! version. Nothing is rewritten: a save stores a new version (who, when, a note); cards
//! keep their stage by key; cards of a removed stage go where the admin said, each move
//! recorded in the card's activity under the new version; and the change reaches every
//! open page through the after-change step.

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::auth::Actor;
use crate::contract::AppError;
use crate::contract::workflow::{
    ReadyCard, ReadyReport, StageForm, WorkflowEditorView, WorkflowForm,
};
use crate::domain::workflow_edit::{VERSION_NOTE_MAX, diff, impact};
use crate::domain::{
    ChangeKind, Gate, Impact, Permission, PlacedCard, Stage, StageChange, StageKey, VersionView,
    Workflow, bounded,
};
use crate::service::changes::{Change, Write};
use crate::store::workflow::CurrentWorkflow;
use crate::store::{self, load};

/// An admin's edit: the stages as they should be, the version they were read from, why,
/// and where the cards of each removed stage go.
#[derive(Debug, Clone)]
pub struct WorkflowEdit {
    /// The version the edit starts from: saving fails if another took its place.
    pub version: i32,
    pub stages: Vec<Stage>,
    pub note: String,
    /// Removed stage → stage of the new version its cards move to.
    pub relocate: BTreeMap<StageKey, StageKey>,
    /// Days without activity before a card is stale; `None` keeps the current number.
    pub stale_after_days: Option<u32>,
}

/// What an edit makes (or would make): the new version, how it differs and what it does
/// to the cards.
#[derive(Debug, Clone)]
pub struct EditOutcome {
    pub workflow: Workflow,
    pub changes: Vec<StageChange>,
    pub impact: Impact,
}

/// The workflow in force.
pub async fn current(db: &DatabaseConnection) -> Result<Workflow, AppError> {
    Ok(store::workflow::current(db).await?.workflow)
}

/// Every version, newest first, each with its differences from the one before.
pub async fn versions(db: &DatabaseConnection) -> Result<Vec<VersionView>, AppError> {
    let stored = store::workflow::versions(db).await?;
    let mut views = Vec::with_capacity(stored.len());
    let mut previous: Option<&Workflow> = None;
    for version in &stored {
        views.push(VersionView {
            workflow: version.workflow.clone(),
            note: version.note.clone(),
            author: version.author.clone(),
            created_at: version.created_at,
            changes: previous.map_or_else(Vec::new, |p| diff(p, &version.workflow)),
        });
        previous = Some(&version.workflow);
    }
    views.reverse();
    Ok(views)
}

/// The open cards with what their gates see.
async fn placed_cards(db: &impl ConnectionTrait) -> Result<Vec<PlacedCard>, AppError> {
    let mut evidence = load::evidence_where(db, load::Which::Open).await?;
    Ok(store::cards::list_open(db)
        .await?
        .into_iter()
        .map(|row| PlacedCard {
            evidence: evidence.remove(&row.id).unwrap_or_default(),
            id: row.id,
            title: row.title,
            stage: StageKey::stored(row.stage_key),
        })
        .collect())
}

/// Judges an edit against the version in force: the edit must start from it, make a
/// workflow that can work, and name a place only for stages it removes.
fn judge(
    current: &Workflow,
    cards: &[PlacedCard],
    edit: WorkflowEdit,
) -> Result<EditOutcome, AppError> {
    if edit.version != current.version {
        return Err(AppError::WorkflowChanged {
            message: format!(
                "the workflow changed while you edited it: version {} is in force now, not {}; \
                 look at it and make your change again",
                current.version, edit.version
            ),
            current: current.clone(),
        });
    }
    let next = current.revise_with(
        edit.stages,
        edit.stale_after_days.unwrap_or(current.stale_after_days),
    )?;
    for (from, to) in &edit.relocate {
        if current.stage(from).is_none() {
            return Err(AppError::Validation(format!(
                "cards can only be moved out of a stage of the workflow; there is no stage \"{from}\""
            )));
        }
        if next.stage(from).is_some() {
            return Err(AppError::Validation(format!(
                "stage \"{from}\" stays in the workflow: its cards stay too"
            )));
        }
        if next.stage(to).is_none() {
            return Err(AppError::Validation(format!(
                "the cards of \"{from}\" cannot go to \"{to}\": it is not a stage of the new workflow"
            )));
        }
    }
    let impact = impact(current, &next, cards, &edit.relocate);
    Ok(EditOutcome {
        changes: diff(current, &next),
        workflow: next,
        impact,
    })
}

/// What saving `edit` would do, without saving (admins).
pub async fn preview(
    db: &DatabaseConnection,
    actor: &Actor,
    edit: WorkflowEdit,
) -> Result<EditOutcome, AppError> {
    actor.require(Permission::Administer)?;
    let current = store::workflow::current(db).await?;
    let cards = placed_cards(db).await?;
    judge(&current.workflow, &cards, edit)
}

/// Saves `edit` as a new version (admins); refused while a removed stage's cards have no
/// place, or when another version took the place of the one the edit started from. An
/// edit that changes nothing adds no version (the answer is the version in force).
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    edit: WorkflowEdit,
) -> Result<EditOutcome, AppError> {
    let account = actor.require(Permission::Administer)?;
    let note = bounded("note", &edit.note, VERSION_NOTE_MAX)?;
    let mut w = Write::begin(db, Some(&account.name)).await?;
    super::cards::lock_moves(w.txn()).await?;
    // Another admin's edit may have been saved while this one waited for the lock: judge
    // against the version in force now.
    let current = store::workflow::current(w.txn()).await?;
    w.judge_under(current);
    let cards = placed_cards(w.txn()).await?;
    let mut outcome = judge(&w.workflow.workflow, &cards, edit)?;
    if outcome.changes.is_empty() {
        // Nothing to keep: no version is added (the write is dropped unwritten).
        outcome.workflow = w.workflow.workflow.clone();
        return Ok(outcome);
    }
    if !outcome.impact.can_save() {
        let stages: Vec<String> = outcome
            .impact
            .unplaced
            .iter()
            .map(|u| format!("\"{}\" ({} cards)", u.stage_name, u.cards))
            .collect();
        return Err(AppError::Validation(format!(
            "say where the cards of the removed stages go: {}",
            stages.join(", ")
        )));
    }
    let note = if note.trim().is_empty() {
        describe_all(&outcome.changes)
    } else {
        note
    };
    let id =
        store::workflow::insert_version(w.txn(), &outcome.workflow, &note, Some(&account.name))
            .await?;
    let number = outcome.workflow.version;
    w.judge_under(CurrentWorkflow {
        id,
        workflow: outcome.workflow.clone(),
    });
    for moved in &outcome.impact.relocated {
        store::lock_card(w.txn(), moved.card).await?;
        store::cards::relocate(w.txn(), moved.card, &moved.to).await?;
        let why = format!(
            "Stage \"{}\" was removed in workflow version {number}",
            moved.from_name
        );
        w.after_change(
            Change::card(ChangeKind::Moved, moved.card)
                .stages(Some(&moved.from), Some(&moved.to))
                .note(&why),
        )
        .await?;
    }
    w.after_change(Change::workflow()).await?;
    w.commit().await?;
    Ok(outcome)
}

/// The changes in one line, as the note of a version saved without one.
fn describe_all(changes: &[StageChange]) -> String {
    if changes.is_empty() {
        return "Saved without changes".to_owned();
    }
    changes
        .iter()
        .map(StageChange::describe)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Sets or clears one stage's WIP limit: a new version like any other edit.
pub async fn set_wip_limit(
    db: &DatabaseConnection,
    stage: &str,
    limit: Option<u32>,
    actor: &Actor,
) -> Result<Workflow, AppError> {
    actor.require(Permission::Administer)?;
    if limit == Some(0) {
        return Err(AppError::Validation(
            "a WIP limit must be at least 1 (or null for none)".into(),
        ));
    }
    let current = store::workflow::current(db).await?.workflow;
    let mut stages = current.stages().to_vec();
    let Some(target) = stages.iter_mut().find(|s| s.key.as_str() == stage) else {
        return Err(AppError::NotFound(format!("stage \"{stage}\"")));
    };
    target.wip_limit = limit;
    let note = match limit {
        Some(n) => format!("WIP limit of {stage} set to {n}"),
        None => format!("WIP limit of {stage} removed"),
    };
    let edit = WorkflowEdit {
        version: current.version,
        stages,
        note,
        relocate: BTreeMap::new(),
        stale_after_days: None,
    };
    Ok(save(db, actor, edit).await?.workflow)
}

/// The editor page for `query`, the page address's query: the form of the workflow in
/// force, or, when the query carries a form (the editor's "Preview" button), that form
/// with the version it would make, the differences and what it would do to the cards —
/// or what is wrong with it (admins).
pub async fn editor(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &str,
) -> Result<WorkflowEditorView, AppError> {
    actor.require(Permission::Administer)?;
    let current = store::workflow::current(db).await?.workflow;
    let mut view = WorkflowEditorView {
        form: WorkflowForm::of(&current),
        current,
        previewing: false,
        proposed: None,
        changes: Vec::new(),
        impact: Impact::default(),
        problem: None,
    };
    let query = query.trim_start_matches('?');
    if !query.split('&').any(|pair| pair.starts_with("stages")) {
        return Ok(view);
    }
    view.previewing = true;
    // A save that was refused comes back here with the form as typed and why.
    #[derive(serde::Deserialize)]
    struct Refused {
        refused: Option<String>,
    }
    let refused = serde_qs::Config::new(5, false)
        .deserialize_str::<Refused>(query)
        .ok()
        .and_then(|r| r.refused)
        .filter(|r| !r.is_empty());
    let form = match serde_qs::Config::new(5, false).deserialize_str::<WorkflowForm>(query) {
        Ok(form) => form,
        Err(err) => {
            view.problem = Some(format!("the form could not be read: {err}"));
            return Ok(view);
        }
    };
    view.form = form.clone();
    let mut places = BTreeMap::new();
    let judged = match form.read() {
        Ok((version, stages, relocate, stale)) => {
            let cards = placed_cards(db).await?;
            places.clone_from(&relocate);
            let edit = WorkflowEdit {
                version,
                stages,
                note: form.note.clone(),
                relocate,
                stale_after_days: Some(stale),
            };
            judge(&view.current, &cards, edit)
        }
        Err(err) => Err(err),
    };
    match judged {
        Ok(outcome) => {
            view.form = echo(&form, &view.current, &outcome.workflow, &places);
            if !outcome.impact.can_save() {
                view.problem =
                    Some("say where the cards of each removed stage go before saving".to_owned());
            }
            view.proposed = Some(outcome.workflow);
            view.changes = outcome.changes;
            view.impact = outcome.impact;
        }
        Err(err) => view.problem = Some(err.to_string()),
    }
    if let Some(refused) = refused {
        view.problem = Some(match view.problem.take() {
            Some(problem) if problem != refused => format!("{refused} ({problem})"),
            _ => refused,
        });
    }
    Ok(view)
}

/// The form of a judged proposal, tidied: its stages in their new order and places (new
/// ones with the keys they will have), the removed ones after them still ticked, and the
/// note, days and version as typed.
fn echo(
    typed: &WorkflowForm,
    current: &Workflow,
    proposed: &Workflow,
    places: &BTreeMap<StageKey, StageKey>,
) -> WorkflowForm {
    let mut form = WorkflowForm::of(proposed);
    let blank = form.stages.pop();
    for stage in current.stages() {
        if proposed.stage(&stage.key).is_none() {
            let mut row = StageForm::of(stage, 0);
            row.position = String::new();
            row.remove = Some("on".to_owned());
            row.move_to = places
                .get(&stage.key)
                .map(ToString::to_string)
                .unwrap_or_default();
            form.stages.push(row);
        }
    }
    form.stages.extend(blank);
    form.version.clone_from(&typed.version);
    form.note.clone_from(&typed.note);
    form.stale_after_days.clone_from(&typed.stale_after_days);
    form
}

/// Saves the editor's form (admins): read, judged and stored like any edit.
pub async fn save_form(
    db: &DatabaseConnection,
    actor: &Actor,
    form: &WorkflowForm,
) -> Result<EditOutcome, AppError> {
    actor.require(Permission::Administer)?;
    let (version, stages, relocate, stale) = form.read()?;
    let edit = WorkflowEdit {
        version,
        stages,
        note: form.note.clone(),
        relocate,
        stale_after_days: Some(stale),
    };
    save(db, actor, edit).await
}

/// The cards whose evidence already meets the gate of the stage after theirs, by the
/// stage they would enter, in board order: for the facilitator to propose at the next
/// meeting. Nothing moves by itself.
pub async fn ready(db: &DatabaseConnection) -> Result<ReadyReport, AppError> {
    let board = super::cards::board(db).await?;
    let workflow = &board.workflow;
    let mut cards: Vec<(usize, ReadyCard)> = board
        .cards
        .iter()
        .filter_map(|card| {
            let next_key = workflow.standing(&card.stage, &card.evidence).ready_for?;
            let next = workflow.stage(&next_key)?;
            Some((
                workflow.position(&next_key).unwrap_or(usize::MAX),
                ReadyCard {
                    id: card.id,
                    title: card.title.clone(),
                    stage_name: workflow
                        .stage(&card.stage)
                        .map_or_else(|| card.stage.to_string(), |s| s.name.clone()),
                    next_name: next.name.clone(),
                    gate: next.gate.as_ref().map(Gate::describe).unwrap_or_default(),
                    parked: card.parked.is_some(),
                },
            ))
        })
        .collect();
    cards.sort_by_key(|(position, _)| *position);
    Ok(ReadyReport {
        workflow_version: workflow.version,
        cards: cards.into_iter().map(|(_, card)| card).collect(),
    })
}
