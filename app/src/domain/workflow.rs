//! The workflow: ordered stages, each with an optional gate and WIP limit, and the rules
//! for moving a card between them.

use serde::{Deserialize, Serialize};

use super::{CardEvidence, DomainError, Gate, GateCheck};

/// A stage's stable key, e.g. `proposed`: lower-case letters, digits and `_`. Every stage
/// a card, a gate check or a search result names is one; it reads as the text of the key
/// (and compares equal to it) wherever a key is expected.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StageKey(String);

impl std::ops::Deref for StageKey {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for StageKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for StageKey {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for StageKey {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for StageKey {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl PartialEq<StageKey> for &str {
    fn eq(&self, other: &StageKey) -> bool {
        *self == other.0
    }
}

impl PartialEq<StageKey> for String {
    fn eq(&self, other: &StageKey) -> bool {
        *self == other.0
    }
}

impl From<StageKey> for String {
    fn from(key: StageKey) -> Self {
        key.0
    }
}

impl StageKey {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let key = raw.trim();
        let valid = !key.is_empty()
            && key.len() <= 40
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if valid {
            Ok(Self(key.to_owned()))
        } else {
            Err(DomainError::UnknownStage(raw.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A key read back from storage, where only parsed keys are written.
    pub fn stored(key: String) -> Self {
        Self(key)
    }
}

/// One column of the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    pub key: StageKey,
    pub name: String,
    /// What the stage means, for the people moving cards (may be empty).
    #[serde(default)]
    pub description: String,
    /// What a card must meet to enter this stage.
    pub gate: Option<Gate>,
    /// The most cards the column should hold, if limited.
    pub wip_limit: Option<u32>,
}

/// Which way a permitted move goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    Forward,
    Backward,
}

/// Why a move is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum MoveRefusal {
    #[error("the workflow has no stage \"{0}\"")]
    UnknownStage(String),
    #[error("the card is already in {0}")]
    SameStage(String),
    #[error("moving a card back needs a note saying why")]
    NoteRequired,
    #[error("moving a card past a gate it does not meet needs a reason")]
    ReasonRequired,
    #[error("only a move forward can pass a gate; move the card back with a note instead")]
    NotForward,
    #[error("{}", super::gate::describe_checks(.0))]
    GatesNotMet(Vec<GateCheck>),
    #[error("{stage} is full: it holds {limit} cards, its work-in-progress limit")]
    WipLimitReached { stage: String, limit: u32 },
}

/// A version of the workflow: its stages in board order. Always has at least one stage,
/// even when it arrives as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "WorkflowData")]
pub struct Workflow {
    pub version: i32,
    stages: Vec<Stage>,
    /// Days without activity after which an open, unparked card is stale.
    pub stale_after_days: u32,
}

/// The unchecked shape of a workflow on the wire.
#[derive(Deserialize)]
struct WorkflowData {
    version: i32,
    stages: Vec<Stage>,
    #[serde(default = "stale_days_default")]
    stale_after_days: u32,
}

fn stale_days_default() -> u32 {
    super::parking::STALE_DAYS_DEFAULT
}

impl TryFrom<WorkflowData> for Workflow {
    type Error = DomainError;

    fn try_from(data: WorkflowData) -> Result<Self, Self::Error> {
        Ok(Self::new(data.version, data.stages)?.with_stale_days(data.stale_after_days))
    }
}

impl Workflow {
    /// Builds a workflow, refusing one without stages or with a repeated key.
    pub fn new(version: i32, stages: Vec<Stage>) -> Result<Self, DomainError> {
        if stages.is_empty() {
            return Err(DomainError::InvalidWorkflow("it has no stages".into()));
        }
        for (i, stage) in stages.iter().enumerate() {
            if stages[..i].iter().any(|s| s.key == stage.key) {
                return Err(DomainError::InvalidWorkflow(format!(
                    "stage key \"{}\" is used twice",
                    stage.key.as_str()
                )));
            }
            if stage.name.trim().is_empty() {
                return Err(DomainError::InvalidWorkflow(format!(
                    "stage \"{}\" has no name",
                    stage.key.as_str()
                )));
            }
        }
        Ok(Self {
            version,
            stages,
            stale_after_days: stale_days_default(),
        })
    }

    /// The same workflow with another number of days for the stale mark (at least 1).
    pub fn with_stale_days(mut self, days: u32) -> Self {
        self.stale_after_days = days.clamp(1, super::parking::STALE_DAYS_MAX);
        self
    }

    /// The working group charter's workflow: Challenge → Proposed → Internal → External →
    /// Validated, with the charter's gates.
    pub fn charter() -> Self {
        let stage = |key: &str, name: &str, gate: Option<Gate>| Stage {
            key: StageKey(key.to_owned()),
            name: name.to_owned(),
            description: String::new(),
            gate,
            wip_limit: None,
        };
        Self {
            version: 1,
            stages: vec![
                stage("challenge", "Challenge", None),
                stage(
                    "proposed",
                    "Proposed",
                    Some(Gate::MinSolutions { count: 1 }),
                ),
                stage(
                    "internal",
                    "Internal",
                    Some(Gate::MinAdoptions {
                        count: 1,
                        in_use_only: false,
                    }),
                ),
                stage("external", "External", Some(Gate::PublicSolution)),
                stage(
                    "validated",
                    "Validated",
                    Some(Gate::CompaniesOnOneSolution { count: 2 }),
                ),
            ],
            stale_after_days: stale_days_default(),
        }
    }

    pub fn stages(&self) -> &[Stage] {
        &self.stages
    }

    /// The stage new cards start in.
    pub fn first(&self) -> &Stage {
        // `new` and `charter` guarantee at least one stage.
        &self.stages[0]
    }

    /// The final stage (a card there is finished).
    pub fn last(&self) -> &Stage {
        &self.stages[self.stages.len() - 1]
    }

    pub fn position(&self, key: &str) -> Option<usize> {
        self.stages.iter().position(|s| s.key.as_str() == key)
    }

    pub fn stage(&self, key: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.key.as_str() == key)
    }

    /// The stage after `key`, if any.
    pub fn next(&self, key: &str) -> Option<&Stage> {
        self.position(key).and_then(|i| self.stages.get(i + 1))
    }

    /// Checks the gate of one stage against a card.
    pub fn check_gate(&self, stage: &Stage, evidence: &CardEvidence) -> GateCheck {
        GateCheck {
            stage: stage.key.clone(),
            stage_name: stage.name.clone(),
            missing: stage
                .gate
                .iter()
                .flat_map(|g| g.missing(evidence))
                .collect(),
        }
    }

    /// Decides whether a card in `from` may move to `to`.
    ///
    /// Forward moves must pass the gate of every stage entered on the way (so a skip is
    /// allowed only when each skipped gate is met); backward moves need a note.
    pub fn check_move(
        &self,
        from: &str,
        to: &str,
        evidence: &CardEvidence,
        note: &str,
    ) -> Result<Direction, MoveRefusal> {
        let from_pos = self
            .position(from)
            .ok_or_else(|| MoveRefusal::UnknownStage(from.to_owned()))?;
        let to_pos = self
            .position(to)
            .ok_or_else(|| MoveRefusal::UnknownStage(to.to_owned()))?;
        if from_pos == to_pos {
            return Err(MoveRefusal::SameStage(self.stages[to_pos].name.clone()));
        }
        if to_pos < from_pos {
            return if note.trim().is_empty() {
                Err(MoveRefusal::NoteRequired)
            } else {
                Ok(Direction::Backward)
            };
        }
        let unmet: Vec<GateCheck> = self.stages[from_pos + 1..=to_pos]
            .iter()
            .map(|stage| self.check_gate(stage, evidence))
            .filter(|check| !check.is_met())
            .collect();
        if unmet.is_empty() {
            Ok(Direction::Forward)
        } else {
            Err(MoveRefusal::GatesNotMet(unmet))
        }
    }
}

/// Where a card stands against the gates of the workflow in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    /// Whether the card meets the gate of the stage it is in (a workflow change can leave
    /// a card short of it: it stays, marked).
    pub meets_stage_gate: bool,
    /// The next stage, when it has a gate and the card's evidence already meets it: ready
    /// to move, for the facilitator to propose (nothing moves by itself).
    pub ready_for: Option<StageKey>,
}

impl Workflow {
    /// Where a card in `stage` with `evidence` stands.
    pub fn standing(&self, stage: &str, evidence: &CardEvidence) -> Standing {
        let meets_stage_gate = self
            .stage(stage)
            .is_none_or(|s| self.check_gate(s, evidence).is_met());
        let ready_for = self
            .next(stage)
            .filter(|next| next.gate.is_some() && self.check_gate(next, evidence).is_met())
            .map(|next| next.key.clone());
        Standing {
            meets_stage_gate,
            ready_for,
        }
    }

    /// Decides an admin's move past gates: forward only, with a reason; answers the gates
    /// on the way that the card does not meet (none: it is an ordinary move).
    pub fn check_override(
        &self,
        from: &str,
        to: &str,
        evidence: &CardEvidence,
        reason: &str,
    ) -> Result<Vec<GateCheck>, MoveRefusal> {
        match self.check_move(from, to, evidence, "") {
            Ok(Direction::Forward) => Ok(Vec::new()),
            Err(MoveRefusal::GatesNotMet(_)) if reason.trim().is_empty() => {
                Err(MoveRefusal::ReasonRequired)
            }
            Err(MoveRefusal::GatesNotMet(unmet)) => Ok(unmet),
            Ok(Direction::Backward) | Err(MoveRefusal::NoteRequired) => {
                Err(MoveRefusal::NotForward)
            }
            Err(other) => Err(other),
        }
    }

    /// Refuses a move into a stage that already holds as many cards as its WIP limit.
    pub fn check_capacity(&self, to: &str, cards_in_stage: u32) -> Result<(), MoveRefusal> {
        let stage = self
            .stage(to)
            .ok_or_else(|| MoveRefusal::UnknownStage(to.to_owned()))?;
        match stage.wip_limit {
            Some(limit) if cards_in_stage >= limit => Err(MoveRefusal::WipLimitReached {
                stage: stage.name.clone(),
                limit,
            }),
            _ => Ok(()),
        }
    }

    /// A copy of this workflow as a new version with one stage's WIP limit changed.
    pub fn with_wip_limit(&self, key: &str, limit: Option<u32>) -> Result<Self, DomainError> {
        let mut next = self.clone();
        next.version = self.version + 1;
        let stage = next
            .stages
            .iter_mut()
            .find(|s| s.key.as_str() == key)
            .ok_or_else(|| DomainError::UnknownStage(key.to_owned()))?;
        stage.wip_limit = limit;
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::collections::BTreeSet;

    use uuid::Uuid;

    use super::*;
    use crate::domain::SolutionEvidence;

    fn evidence(solutions: &[(bool, &[u128])]) -> CardEvidence {
        CardEvidence {
            solutions: solutions
                .iter()
                .map(|(public_link, companies)| SolutionEvidence {
                    public_link: *public_link,
                    adopting_companies: companies
                        .iter()
                        .copied()
                        .map(Uuid::from_u128)
                        .collect::<BTreeSet<_>>(),
                    in_use_companies: BTreeSet::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn charter_has_five_stages_in_order() {
        let wf = Workflow::charter();
        let keys: Vec<&str> = wf.stages().iter().map(|s| s.key.as_str()).collect();
        assert_eq!(
            keys,
            ["challenge", "proposed", "internal", "external", "validated"]
        );
        assert_eq!(wf.first().name, "Challenge");
        assert_eq!(wf.last().name, "Validated");
        assert_eq!(wf.stage("challenge").unwrap().gate, None);
        assert_eq!(
            wf.stage("validated").unwrap().gate,
            Some(Gate::CompaniesOnOneSolution { count: 2 })
        );
        assert_eq!(wf.next("internal").unwrap().key.as_str(), "external");
        assert!(wf.next("validated").is_none());
    }

    #[test]
    fn each_charter_gate_met_and_not_met() {
        let wf = Workflow::charter();
        let check = |stage: &str, ev: &CardEvidence| wf.check_gate(wf.stage(stage).unwrap(), ev);
        let empty = evidence(&[]);
        let proposed = evidence(&[(false, &[])]);
        let internal = evidence(&[(false, &[1])]);
        let external = evidence(&[(true, &[1])]);
        let validated = evidence(&[(true, &[1, 2])]);

        assert!(check("challenge", &empty).is_met());
        assert!(!check("proposed", &empty).is_met());
        assert!(check("proposed", &proposed).is_met());
        assert!(!check("internal", &proposed).is_met());
        assert!(check("internal", &internal).is_met());
        assert!(!check("external", &internal).is_met());
        assert!(check("external", &external).is_met());
        assert!(!check("validated", &external).is_met());
        assert!(check("validated", &validated).is_met());
    }

    #[test]
    fn forward_moves_need_every_gate_on_the_way() {
        let wf = Workflow::charter();
        let one_solution = evidence(&[(true, &[])]);
        assert_eq!(
            wf.check_move("challenge", "proposed", &one_solution, ""),
            Ok(Direction::Forward)
        );
        // Skipping to External passes Proposed but not Internal.
        let refused = wf
            .check_move("challenge", "external", &one_solution, "")
            .unwrap_err();
        let MoveRefusal::GatesNotMet(unmet) = &refused else {
            panic!("expected unmet gates, got {refused:?}");
        };
        let stages: Vec<&str> = unmet.iter().map(|c| c.stage.as_str()).collect();
        assert_eq!(stages, ["internal"]);
        assert_eq!(
            refused.to_string(),
            "Internal: needs a company using one of its solutions internally"
        );
        // A skip is fine when every skipped gate is met.
        let proven = evidence(&[(true, &[1, 2])]);
        assert_eq!(
            wf.check_move("challenge", "validated", &proven, ""),
            Ok(Direction::Forward)
        );
    }

    #[test]
    fn backward_moves_need_a_note() {
        let wf = Workflow::charter();
        let ev = evidence(&[]);
        assert_eq!(
            wf.check_move("external", "proposed", &ev, "  "),
            Err(MoveRefusal::NoteRequired)
        );
        assert_eq!(
            wf.check_move("external", "proposed", &ev, "link went dead"),
            Ok(Direction::Backward)
        );
    }

    #[test]
    fn unknown_and_same_stage_are_refused() {
        let wf = Workflow::charter();
        let ev = evidence(&[]);
        assert_eq!(
            wf.check_move("challenge", "done", &ev, ""),
            Err(MoveRefusal::UnknownStage("done".into()))
        );
        assert_eq!(
            wf.check_move("challenge", "challenge", &ev, ""),
            Err(MoveRefusal::SameStage("Challenge".into()))
        );
    }

    #[test]
    fn wip_limits_refuse_moves_into_full_stages() {
        let wf = Workflow::charter()
            .with_wip_limit("proposed", Some(2))
            .unwrap();
        assert_eq!(wf.version, 2);
        assert_eq!(wf.check_capacity("proposed", 1), Ok(()));
        assert_eq!(
            wf.check_capacity("proposed", 2),
            Err(MoveRefusal::WipLimitReached {
                stage: "Proposed".into(),
                limit: 2
            })
        );
        assert_eq!(wf.check_capacity("internal", 99), Ok(()));
        assert!(wf.with_wip_limit("nowhere", None).is_err());
        assert_eq!(
            MoveRefusal::WipLimitReached {
                stage: "Proposed".into(),
                limit: 2
            }
            .to_string(),
            "Proposed is full: it holds 2 cards, its work-in-progress limit"
        );
    }

    #[test]
    fn standing_marks_unmet_stages_and_cards_ready_for_the_next_gate() {
        let wf = Workflow::charter();
        let adopted_once = evidence(&[(true, &[1])]);
        // In Internal with a public solution: External's gate is met, so ready for it.
        let internal = wf.standing("internal", &adopted_once);
        assert!(internal.meets_stage_gate);
        assert_eq!(internal.ready_for.as_deref(), Some("external"));
        // In Validated with one company: short of its own gate, and nothing comes after.
        let validated = wf.standing("validated", &adopted_once);
        assert!(!validated.meets_stage_gate);
        assert_eq!(validated.ready_for, None);
        // No solution yet: not ready for Proposed.
        assert_eq!(wf.standing("challenge", &evidence(&[])).ready_for, None);
        // A next stage without a gate suggests nothing.
        let mut stages = wf.stages().to_vec();
        stages.insert(
            1,
            Stage {
                key: StageKey::parse("in_progress").unwrap(),
                name: "In Progress".into(),
                description: String::new(),
                gate: None,
                wip_limit: None,
            },
        );
        let with_free_stage = Workflow::new(2, stages).unwrap();
        assert_eq!(
            with_free_stage
                .standing("challenge", &evidence(&[]))
                .ready_for,
            None
        );
    }

    #[test]
    fn overrides_pass_unmet_gates_forward_with_a_reason() {
        let wf = Workflow::charter();
        let nothing = evidence(&[]);
        assert_eq!(
            wf.check_override("challenge", "internal", &nothing, " "),
            Err(MoveRefusal::ReasonRequired)
        );
        let passed = wf
            .check_override("challenge", "internal", &nothing, "agreed in the meeting")
            .unwrap();
        let stages: Vec<&str> = passed.iter().map(|c| c.stage.as_str()).collect();
        assert_eq!(stages, ["proposed", "internal"]);
        // A move whose gates are met passes nothing over; backward is not an override.
        let proposed = evidence(&[(false, &[])]);
        assert_eq!(
            wf.check_override("challenge", "proposed", &proposed, "why not"),
            Ok(vec![])
        );
        assert_eq!(
            wf.check_override("internal", "challenge", &nothing, "why"),
            Err(MoveRefusal::NotForward)
        );
        assert_eq!(
            wf.check_override("challenge", "nowhere", &nothing, "why"),
            Err(MoveRefusal::UnknownStage("nowhere".into()))
        );
    }

    #[test]
    fn invalid_workflows_are_refused() {
        assert!(Workflow::new(1, vec![]).is_err());
        let stage = Stage {
            key: StageKey::parse("todo").unwrap(),
            name: "To do".into(),
            description: String::new(),
            gate: None,
            wip_limit: None,
        };
        assert!(Workflow::new(2, vec![stage.clone(), stage.clone()]).is_err());
        assert!(Workflow::new(2, vec![stage]).is_ok());
        assert!(StageKey::parse("In Progress").is_err());
    }
}
