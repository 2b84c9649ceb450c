//! The workflow editor's form and what its pages show: every field as typed (a plain form
//! that works without WebAssembly sends text), read into stages, a version and the places
//! for the cards of removed stages by one function, so a preview and a save read a form
//! alike. Also the ready report.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::AppError;
use crate::domain::parking::parse_stale_days;
use crate::domain::workflow_edit::key_for_name;
use crate::domain::{Gate, Impact, Stage, StageChange, StageKey, Workflow};

/// One stage row of the editor, as typed. A row with neither key nor name is the empty
/// "add a stage" row and is left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageForm {
    /// The stage's key; empty for a new stage (a key is made from its name).
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Its place on the board, from 1; rows are ordered by it. On a tie, a row given a
    /// new place (a new stage, or one moved) goes first: typing 2 for a new stage puts it
    /// second and the stage that was second after it.
    #[serde(default)]
    pub position: String,
    /// Empty: no limit.
    #[serde(default)]
    pub wip_limit: String,
    /// Gate conditions; empty (or unticked) ones are not asked for, several are all asked.
    #[serde(default)]
    pub min_solutions: String,
    #[serde(default)]
    pub min_adoptions: String,
    #[serde(default)]
    pub in_use_only: Option<String>,
    #[serde(default)]
    pub public_link: Option<String>,
    #[serde(default)]
    pub companies: String,
    /// Ticked: the stage goes.
    #[serde(default)]
    pub remove: Option<String>,
    /// Where the cards of a removed stage go (a key).
    #[serde(default)]
    pub move_to: String,
}

/// The whole editor form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowForm {
    /// The version the edit starts from.
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub note: String,
    /// Days without activity after which a card is stale.
    #[serde(default)]
    pub stale_after_days: String,
    #[serde(default)]
    pub stages: Vec<StageForm>,
}

/// A form read into an edit: the version it starts from, the stages in order, removed
/// stage → where its cards go, and the days before a card is stale.
pub type ReadForm = (i32, Vec<Stage>, BTreeMap<StageKey, StageKey>, u32);

fn ticked(value: &Option<String>) -> bool {
    value.as_deref().is_some_and(|v| !v.is_empty())
}

/// A whole number from 1 in a field, `None` when the field is empty.
fn count(label: &str, field: &str, raw: &str) -> Result<Option<u32>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<u32>() {
        Ok(n) if (1..=10_000).contains(&n) => Ok(Some(n)),
        _ => Err(AppError::Validation(format!(
            "{label}: {field} must be a whole number from 1 to 10000 (or empty), not \u{201c}{raw}\u{201d}"
        ))),
    }
}

impl StageForm {
    /// The row of an existing stage, placed at `position` (from 1).
    pub fn of(stage: &Stage, position: usize) -> Self {
        let mut form = Self {
            key: stage.key.to_string(),
            name: stage.name.clone(),
            description: stage.description.clone(),
            position: position.to_string(),
            wip_limit: stage.wip_limit.map(|n| n.to_string()).unwrap_or_default(),
            ..Self::default()
        };
        for part in stage.gate.iter().flat_map(Gate::parts) {
            match part {
                Gate::MinSolutions { count } => form.min_solutions = count.to_string(),
                Gate::MinAdoptions { count, in_use_only } => {
                    form.min_adoptions = count.to_string();
                    form.in_use_only = in_use_only.then(|| "on".to_owned());
                }
                Gate::PublicSolution => form.public_link = Some("on".to_owned()),
                Gate::CompaniesOnOneSolution { count } => form.companies = count.to_string(),
                Gate::All { .. } => {}
            }
        }
        form
    }

    /// The empty "add a stage" row, untouched (its place number does not count: dragging
    /// may have set it).
    pub fn is_blank(&self) -> bool {
        [
            &self.key,
            &self.name,
            &self.description,
            &self.wip_limit,
            &self.min_solutions,
            &self.min_adoptions,
            &self.companies,
        ]
        .iter()
        .all(|field| field.trim().is_empty())
            && !ticked(&self.in_use_only)
            && !ticked(&self.public_link)
    }

    /// The gate the row asks for.
    fn gate(&self, label: &str) -> Result<Option<Gate>, AppError> {
        let mut parts = Vec::new();
        if let Some(n) = count(label, "at least N solutions", &self.min_solutions)? {
            parts.push(Gate::MinSolutions { count: n });
        }
        if let Some(n) = count(label, "at least N adoptions", &self.min_adoptions)? {
            parts.push(Gate::MinAdoptions {
                count: n,
                in_use_only: ticked(&self.in_use_only),
            });
        }
        if ticked(&self.public_link) {
            parts.push(Gate::PublicSolution);
        }
        if let Some(n) = count(label, "companies on one solution", &self.companies)? {
            parts.push(Gate::CompaniesOnOneSolution { count: n });
        }
        Ok(Gate::combine(parts))
    }
}

impl WorkflowForm {
    /// The form of a workflow as it stands, with an empty row to add a stage.
    pub fn of(workflow: &Workflow) -> Self {
        let mut stages: Vec<StageForm> = workflow
            .stages()
            .iter()
            .enumerate()
            .map(|(i, s)| StageForm::of(s, i + 1))
            .collect();
        stages.push(StageForm::default());
        Self {
            version: workflow.version.to_string(),
            note: String::new(),
            stale_after_days: workflow.stale_after_days.to_string(),
            stages,
        }
    }

    /// Reads the form: stages ordered by position, new ones keyed from their names,
    /// removed ones left out with where their cards go. Says what is wrong otherwise.
    pub fn read(&self) -> Result<ReadForm, AppError> {
        let version = self.version.trim().parse::<i32>().map_err(|_| {
            AppError::Validation("the form does not say which version it edits".into())
        })?;
        let mut rows: Vec<(u32, bool, usize, &StageForm)> = Vec::new();
        for (index, row) in self.stages.iter().enumerate() {
            if row.is_blank() {
                continue;
            }
            if row.name.trim().is_empty() && !ticked(&row.remove) {
                return Err(AppError::Validation(if row.key.trim().is_empty() {
                    "the new stage needs a name (or empty its row to add none)".to_owned()
                } else {
                    format!(
                        "every stage needs a name: the stage \u{201c}{}\u{201d} has none",
                        row.key.trim()
                    )
                }));
            }
            let label = if row.name.trim().is_empty() {
                format!("stage {}", index + 1)
            } else {
                format!("\u{201c}{}\u{201d}", row.name.trim())
            };
            let position = count(&label, "the position", &row.position)?.unwrap_or(u32::MAX);
            // The form lists the stages in their order, placed 1, 2, …: a row whose place
            // is not its row's was given a new one.
            let kept_place = usize::try_from(position).is_ok_and(|p| p == index + 1);
            rows.push((position, kept_place, index, row));
        }
        rows.sort_by_key(|(position, kept_place, index, _)| (*position, *kept_place, *index));
        let mut taken: Vec<StageKey> = rows
            .iter()
            .filter_map(|(_, _, _, row)| StageKey::parse(&row.key).ok())
            .collect();
        let mut stages = Vec::new();
        let mut relocate = BTreeMap::new();
        for (_, _, _, row) in rows {
            let label = format!("\u{201c}{}\u{201d}", row.name.trim());
            let key = if row.key.trim().is_empty() {
                let key = key_for_name(&row.name, &taken);
                taken.push(key.clone());
                key
            } else {
                StageKey::parse(&row.key).map_err(|_| {
                    AppError::Validation(format!(
                        "{label}: \u{201c}{}\u{201d} is not a stage key",
                        row.key
                    ))
                })?
            };
            if ticked(&row.remove) {
                if !row.move_to.trim().is_empty() {
                    let to = StageKey::parse(&row.move_to).map_err(|_| {
                        AppError::Validation(format!(
                            "{label}: the stage its cards go to is not a stage"
                        ))
                    })?;
                    relocate.insert(key, to);
                }
                continue;
            }
            let wip_limit = count(&label, "the WIP limit", &row.wip_limit)?;
            stages.push(Stage {
                gate: row.gate(&label)?,
                key,
                name: row.name.clone(),
                description: row.description.clone(),
                wip_limit,
            });
        }
        let stale = parse_stale_days(&self.stale_after_days)?;
        Ok((version, stages, relocate, stale))
    }
}

/// The editor page: the workflow in force, and, for a proposed change, the form as typed,
/// the version it would make, how it differs, what it would do to the cards, or what is
/// wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowEditorView {
    pub current: Workflow,
    pub form: WorkflowForm,
    /// Whether `form` is a proposed change (a preview) rather than the workflow as it is.
    pub previewing: bool,
    pub proposed: Option<Workflow>,
    pub changes: Vec<StageChange>,
    pub impact: Impact,
    /// Why the proposal cannot be saved as it is.
    pub problem: Option<String>,
}

/// One card whose evidence already meets the next stage's gate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadyCard {
    pub id: Uuid,
    pub title: String,
    pub stage_name: String,
    pub next_name: String,
    /// The next stage's gate in words.
    pub gate: String,
    pub parked: bool,
}

/// The ready report: cards to propose moving at the next meeting, by the stage they would
/// enter, in board order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadyReport {
    pub workflow_version: i32,
    pub cards: Vec<ReadyCard>,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_workflow_reads_back_from_its_own_form() {
        let mut charter = Workflow::charter();
        let mut stages = charter.stages().to_vec();
        stages[4].gate = Gate::combine(vec![
            Gate::MinAdoptions {
                count: 2,
                in_use_only: true,
            },
            Gate::PublicSolution,
            Gate::CompaniesOnOneSolution { count: 2 },
        ]);
        stages[2].wip_limit = Some(4);
        stages[1].description = "Someone proposed a way".into();
        charter = Workflow::new(1, stages).unwrap();
        let form = WorkflowForm::of(&charter);
        assert_eq!(form.stages.len(), 6, "five stages and the empty row");
        let (version, read, relocate, stale) = form.read().unwrap();
        assert_eq!(version, 1);
        assert_eq!(stale, 30);
        assert_eq!(read, charter.stages());
        assert!(relocate.is_empty());
    }

    #[test]
    fn rows_are_ordered_by_position_new_ones_keyed_and_removed_ones_placed() {
        let mut form = WorkflowForm::of(&Workflow::charter());
        // "In Progress" typed into the empty row, placed second: it goes before the stage
        // that keeps place 2.
        form.stages[5].name = "In Progress".into();
        form.stages[5].position = "2".into();
        form.stages[5].wip_limit = "3".into();
        // External leaves; its cards go to Internal.
        form.stages[3].remove = Some("on".into());
        form.stages[3].move_to = "internal".into();
        let (_, stages, relocate, _) = form.read().unwrap();
        let keys: Vec<&str> = stages.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "challenge",
                "in_progress",
                "proposed",
                "internal",
                "validated"
            ]
        );
        assert_eq!(stages[1].wip_limit, Some(3));
        assert_eq!(stages[1].gate, None);
        // Validated moved to place 3 goes before the stage that keeps it.
        let mut moved = WorkflowForm::of(&Workflow::charter());
        moved.stages[4].position = "3".into();
        let (_, stages, _, _) = moved.read().unwrap();
        let keys: Vec<&str> = stages.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(
            keys,
            ["challenge", "proposed", "validated", "internal", "external"]
        );
        assert_eq!(
            relocate,
            BTreeMap::from([(
                StageKey::parse("external").unwrap(),
                StageKey::parse("internal").unwrap()
            )])
        );
    }

    #[test]
    fn a_form_with_mistakes_says_what_is_wrong() {
        let mut form = WorkflowForm::of(&Workflow::charter());
        form.stages[1].min_solutions = "two".into();
        let err = form.read().unwrap_err().to_string();
        assert!(err.contains("\u{201c}Proposed\u{201d}"), "{err}");
        assert!(err.contains("at least N solutions"), "{err}");
        let mut form = WorkflowForm::of(&Workflow::charter());
        form.stages[2].wip_limit = "0".into();
        assert!(form.read().unwrap_err().to_string().contains("WIP limit"));
        let mut form = WorkflowForm::of(&Workflow::charter());
        form.version = String::new();
        assert!(form.read().is_err());
        // A new row filled in but for its name is refused, not dropped.
        let mut form = WorkflowForm::of(&Workflow::charter());
        form.stages[5].min_solutions = "2".into();
        form.stages[5].position = "3".into();
        assert!(
            form.read()
                .unwrap_err()
                .to_string()
                .contains("needs a name")
        );
        // Only a place number (as dragging leaves) is still the empty row.
        let mut form = WorkflowForm::of(&Workflow::charter());
        form.stages[5].position = "6".into();
        assert_eq!(form.read().unwrap().1.len(), 5);
        let mut form = WorkflowForm::of(&Workflow::charter());
        form.stages[2].name = " ".into();
        assert!(
            form.read()
                .unwrap_err()
                .to_string()
                .contains("\u{201c}internal\u{201d} has none")
        );
    }
}
