//! Gates: the condition a card must meet to enter a stage, and the explanation of what is
//! missing when it does not.

use serde::{Deserialize, Serialize};

use super::{CardEvidence, StageKey};

/// A condition for entering a stage. Stored as JSON with the stage, so a workflow is data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Gate {
    /// The card has at least `count` solutions.
    MinSolutions { count: u32 },
    /// At least `count` adoptions are recorded on the card's solutions (with
    /// `in_use_only`, adoptions in regular use; pilots do not count).
    MinAdoptions {
        count: u32,
        #[serde(default, skip_serializing_if = "is_false")]
        in_use_only: bool,
    },
    /// At least one solution has a public link.
    PublicSolution,
    /// One solution is adopted by at least `count` distinct companies.
    CompaniesOnOneSolution { count: u32 },
    /// Every one of these gates (none of them itself a combination).
    All { gates: Vec<Gate> },
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// One unmet condition, machine-readable (`code`, `needed`, `have`) and readable by people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Missing {
    pub code: String,
    pub needed: u32,
    pub have: u32,
    pub message: String,
}

/// The result of checking a stage's gate against a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateCheck {
    pub stage: StageKey,
    pub stage_name: String,
    pub missing: Vec<Missing>,
}

impl GateCheck {
    pub fn is_met(&self) -> bool {
        self.missing.is_empty()
    }
}

/// The unmet checks in words, stage by stage: "Internal: needs …. External: needs …".
pub fn describe_checks(checks: &[GateCheck]) -> String {
    checks
        .iter()
        .filter(|c| !c.is_met())
        .map(|c| {
            let reasons: Vec<&str> = c.missing.iter().map(|m| m.message.as_str()).collect();
            format!("{}: {}", c.stage_name, reasons.join("; "))
        })
        .collect::<Vec<_>>()
        .join(". ")
}

fn ordinal(n: u32) -> String {
    match n {
        1 => "a first".into(),
        2 => "a second".into(),
        3 => "a third".into(),
        n => format!("a {n}th"),
    }
}

fn count_words(n: u32, one: &str, many: &str) -> String {
    match n {
        1 => format!("one {one}"),
        2 => format!("two {many}"),
        3 => format!("three {many}"),
        n => format!("{n} {many}"),
    }
}

impl Gate {
    /// One gate from its parts: none, the one, or all of several.
    pub fn combine(mut parts: Vec<Gate>) -> Option<Gate> {
        match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(Self::All { gates: parts }),
        }
    }

    /// The simple gates this one is made of (itself, unless a combination).
    pub fn parts(&self) -> Vec<&Gate> {
        match self {
            Self::All { gates } => gates.iter().flat_map(Gate::parts).collect(),
            other => vec![other],
        }
    }

    /// Refuses a gate that cannot be meant: a count of 0, an empty combination, a
    /// combination inside a combination, or the same kind of condition twice.
    pub fn validate(&self) -> Result<(), String> {
        match self {
            Self::MinSolutions { count }
            | Self::MinAdoptions { count, .. }
            | Self::CompaniesOnOneSolution { count }
                if *count == 0 =>
            {
                Err(format!("\"{}\" needs a count of at least 1", self.kind()))
            }
            Self::All { gates } if gates.is_empty() => {
                Err("a combination of gates needs at least one gate".into())
            }
            Self::All { gates } => {
                for (i, gate) in gates.iter().enumerate() {
                    if matches!(gate, Self::All { .. }) {
                        return Err("a combination cannot hold another combination".into());
                    }
                    gate.validate()?;
                    if gates[..i].iter().any(|g| g.kind() == gate.kind()) {
                        return Err(format!("a combination names \"{}\" twice", gate.kind()));
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// The kind's key, as in the JSON (`min_solutions`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::MinSolutions { .. } => "min_solutions",
            Self::MinAdoptions { .. } => "min_adoptions",
            Self::PublicSolution => "public_solution",
            Self::CompaniesOnOneSolution { .. } => "companies_on_one_solution",
            Self::All { .. } => "all",
        }
    }

    /// What the gate asks for, e.g. "at least one solution".
    pub fn describe(&self) -> String {
        match self {
            Self::MinSolutions { count } => {
                format!("at least {}", count_words(*count, "solution", "solutions"))
            }
            Self::MinAdoptions {
                count,
                in_use_only: false,
            } => format!(
                "at least {} recorded inside a company",
                count_words(*count, "adoption", "adoptions")
            ),
            Self::MinAdoptions {
                count,
                in_use_only: true,
            } => format!(
                "at least {} in regular use inside a company (pilots do not count)",
                count_words(*count, "adoption", "adoptions")
            ),
            Self::PublicSolution => "a solution with a public link".into(),
            Self::CompaniesOnOneSolution { count } => format!(
                "one solution adopted by at least {}",
                count_words(*count, "company", "distinct companies")
            ),
            Self::All { gates } => {
                let parts: Vec<String> = gates.iter().map(Gate::describe).collect();
                match parts.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("{} and {last}", rest.join(", "))
                    }
                    _ => parts.concat(),
                }
            }
        }
    }

    /// Every unmet condition of the gate (none: it is met).
    pub fn missing(&self, evidence: &CardEvidence) -> Vec<Missing> {
        self.parts()
            .into_iter()
            .filter_map(|part| part.check_simple(evidence))
            .collect()
    }

    /// Checks the gate; `None` when it is met, otherwise the first thing missing.
    pub fn check(&self, evidence: &CardEvidence) -> Option<Missing> {
        self.missing(evidence).into_iter().next()
    }

    /// Checks a gate that is not a combination.
    fn check_simple(&self, evidence: &CardEvidence) -> Option<Missing> {
        let (code, needed, have) = match self {
            Self::MinSolutions { count } => ("min_solutions", *count, evidence.solution_count()),
            Self::MinAdoptions {
                count,
                in_use_only: false,
            } => ("min_adoptions", *count, evidence.adoption_count()),
            Self::MinAdoptions {
                count,
                in_use_only: true,
            } => (
                "min_adoptions_in_use",
                *count,
                evidence.in_use_adoption_count(),
            ),
            Self::PublicSolution => (
                "public_solution",
                1,
                u32::from(evidence.has_public_solution()),
            ),
            Self::CompaniesOnOneSolution { count } => (
                "companies_on_one_solution",
                *count,
                evidence.most_companies_on_one_solution(),
            ),
            Self::All { .. } => return None,
        };
        if have >= needed {
            return None;
        }
        let message = match self {
            Self::MinSolutions { .. } if have == 0 && needed == 1 => {
                "needs a proposed solution".to_owned()
            }
            Self::MinSolutions { .. } => format!(
                "needs {} (has {have})",
                count_words(needed, "solution", "solutions")
            ),
            Self::MinAdoptions {
                in_use_only: false, ..
            } if have == 0 && needed == 1 => {
                "needs a company using one of its solutions internally".to_owned()
            }
            Self::MinAdoptions {
                in_use_only: false, ..
            } => format!(
                "needs {} (has {have})",
                count_words(needed, "adoption", "adoptions")
            ),
            Self::MinAdoptions {
                in_use_only: true, ..
            } if have == 0 && needed == 1 => {
                "needs a company using one of its solutions in regular use (a pilot does not count)"
                    .to_owned()
            }
            Self::MinAdoptions {
                in_use_only: true, ..
            } => format!(
                "needs {} in regular use (has {have})",
                count_words(needed, "adoption", "adoptions")
            ),
            Self::PublicSolution => "needs a solution with a public link".to_owned(),
            Self::CompaniesOnOneSolution { .. } if needed - have == 1 => {
                format!("needs {} company adopting one solution", ordinal(needed))
            }
            Self::CompaniesOnOneSolution { .. } => format!(
                "needs {} adopting the same solution (the best has {have})",
                count_words(needed, "company", "companies")
            ),
            Self::All { .. } => return None,
        };
        Some(Missing {
            code: code.to_owned(),
            needed,
            have,
            message,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::collections::BTreeSet;

    use uuid::Uuid;

    use super::*;
    use crate::domain::SolutionEvidence;

    fn company(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn solution(public_link: bool, companies: &[u128]) -> SolutionEvidence {
        SolutionEvidence {
            public_link,
            adopting_companies: companies
                .iter()
                .copied()
                .map(company)
                .collect::<BTreeSet<_>>(),
            in_use_companies: BTreeSet::new(),
        }
    }

    /// A solution whose adoptions by `in_use` are in regular use, the others pilots.
    fn adopted(pilots: &[u128], in_use: &[u128]) -> SolutionEvidence {
        let mut s = solution(false, pilots);
        s.adopting_companies
            .extend(in_use.iter().copied().map(company));
        s.in_use_companies = in_use.iter().copied().map(company).collect();
        s
    }

    #[test]
    fn min_solutions() {
        let gate = Gate::MinSolutions { count: 1 };
        let missing = gate.check(&CardEvidence::default()).unwrap();
        assert_eq!(missing.code, "min_solutions");
        assert_eq!((missing.needed, missing.have), (1, 0));
        assert_eq!(missing.message, "needs a proposed solution");
        let card = CardEvidence {
            solutions: vec![solution(false, &[])],
        };
        assert_eq!(gate.check(&card), None);
    }

    #[test]
    fn min_adoptions() {
        let gate = Gate::MinAdoptions {
            count: 1,
            in_use_only: false,
        };
        let without = CardEvidence {
            solutions: vec![solution(true, &[])],
        };
        assert_eq!(
            gate.check(&without).unwrap().message,
            "needs a company using one of its solutions internally"
        );
        let with = CardEvidence {
            solutions: vec![solution(false, &[]), solution(false, &[7])],
        };
        assert_eq!(gate.check(&with), None);
    }

    #[test]
    fn adoptions_in_use_only_leave_pilots_out() {
        let gate = Gate::MinAdoptions {
            count: 2,
            in_use_only: true,
        };
        let pilots = CardEvidence {
            solutions: vec![adopted(&[1, 2, 3], &[4])],
        };
        let missing = gate.check(&pilots).unwrap();
        assert_eq!(missing.code, "min_adoptions_in_use");
        assert_eq!((missing.needed, missing.have), (2, 1));
        assert_eq!(
            missing.message,
            "needs two adoptions in regular use (has 1)"
        );
        // The same evidence meets the gate that counts pilots too.
        assert_eq!(
            Gate::MinAdoptions {
                count: 2,
                in_use_only: false
            }
            .check(&pilots),
            None
        );
        let used = CardEvidence {
            solutions: vec![adopted(&[], &[4]), adopted(&[1], &[5])],
        };
        assert_eq!(gate.check(&used), None);
        assert_eq!(
            Gate::MinAdoptions {
                count: 1,
                in_use_only: true
            }
            .check(&CardEvidence {
                solutions: vec![adopted(&[1], &[])]
            })
            .unwrap()
            .message,
            "needs a company using one of its solutions in regular use (a pilot does not count)"
        );
    }

    #[test]
    fn combinations_need_every_part_and_name_all_that_is_missing() {
        let gate = Gate::combine(vec![
            Gate::PublicSolution,
            Gate::CompaniesOnOneSolution { count: 2 },
        ])
        .unwrap();
        assert_eq!(
            gate.describe(),
            "a solution with a public link and one solution adopted by at least two distinct companies"
        );
        let nothing = CardEvidence {
            solutions: vec![solution(false, &[1])],
        };
        let codes: Vec<String> = gate.missing(&nothing).into_iter().map(|m| m.code).collect();
        assert_eq!(codes, ["public_solution", "companies_on_one_solution"]);
        let half = CardEvidence {
            solutions: vec![solution(true, &[1])],
        };
        assert_eq!(gate.missing(&half).len(), 1);
        let both = CardEvidence {
            solutions: vec![solution(true, &[1, 2])],
        };
        assert!(gate.missing(&both).is_empty());
        assert_eq!(gate.check(&both), None);
        // One part is that part; none is no gate.
        assert_eq!(
            Gate::combine(vec![Gate::PublicSolution]),
            Some(Gate::PublicSolution)
        );
        assert_eq!(Gate::combine(vec![]), None);
    }

    #[test]
    fn gates_that_cannot_be_meant_are_refused() {
        assert!(Gate::MinSolutions { count: 0 }.validate().is_err());
        assert!(Gate::All { gates: vec![] }.validate().is_err());
        let nested = Gate::All {
            gates: vec![Gate::All {
                gates: vec![Gate::PublicSolution],
            }],
        };
        assert!(nested.validate().is_err());
        let twice = Gate::All {
            gates: vec![
                Gate::MinSolutions { count: 1 },
                Gate::MinSolutions { count: 2 },
            ],
        };
        assert!(twice.validate().unwrap_err().contains("twice"));
        assert!(Gate::PublicSolution.validate().is_ok());
        assert!(
            Gate::combine(vec![Gate::MinSolutions { count: 1 }, Gate::PublicSolution])
                .unwrap()
                .validate()
                .is_ok()
        );
    }

    #[test]
    fn public_solution() {
        let gate = Gate::PublicSolution;
        let private = CardEvidence {
            solutions: vec![solution(false, &[1, 2])],
        };
        assert_eq!(gate.check(&private).unwrap().code, "public_solution");
        let public = CardEvidence {
            solutions: vec![solution(false, &[]), solution(true, &[])],
        };
        assert_eq!(gate.check(&public), None);
    }

    #[test]
    fn companies_on_one_solution_counts_one_solution_only() {
        let gate = Gate::CompaniesOnOneSolution { count: 2 };
        // Two companies, but on two different solutions: not enough.
        let spread = CardEvidence {
            solutions: vec![solution(true, &[1]), solution(true, &[2])],
        };
        let missing = gate.check(&spread).unwrap();
        assert_eq!(
            missing.message,
            "needs a second company adopting one solution"
        );
        assert_eq!((missing.needed, missing.have), (2, 1));
        let none = CardEvidence {
            solutions: vec![solution(true, &[])],
        };
        assert_eq!(
            gate.check(&none).unwrap().message,
            "needs two companies adopting the same solution (the best has 0)"
        );
        let shared = CardEvidence {
            solutions: vec![solution(true, &[1, 2]), solution(true, &[3])],
        };
        assert_eq!(gate.check(&shared), None);
    }

    #[test]
    fn older_gates_read_the_same_and_new_fields_appear_only_when_set() {
        let old: Gate = serde_json::from_str(r#"{"kind":"min_adoptions","count":1}"#).unwrap();
        assert_eq!(
            old,
            Gate::MinAdoptions {
                count: 1,
                in_use_only: false
            }
        );
        assert_eq!(
            serde_json::to_string(&old).unwrap(),
            r#"{"kind":"min_adoptions","count":1}"#
        );
        let all = Gate::combine(vec![
            Gate::MinAdoptions {
                count: 1,
                in_use_only: true,
            },
            Gate::PublicSolution,
        ])
        .unwrap();
        let json = serde_json::to_string(&all).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"all","gates":[{"kind":"min_adoptions","count":1,"in_use_only":true},{"kind":"public_solution"}]}"#
        );
        assert_eq!(serde_json::from_str::<Gate>(&json).unwrap(), all);
    }

    #[test]
    fn gates_serialise_as_tagged_json() {
        let gate = Gate::CompaniesOnOneSolution { count: 2 };
        let json = serde_json::to_string(&gate).unwrap();
        assert_eq!(json, r#"{"kind":"companies_on_one_solution","count":2}"#);
        assert_eq!(serde_json::from_str::<Gate>(&json).unwrap(), gate);
        assert_eq!(
            serde_json::to_string(&Gate::PublicSolution).unwrap(),
            r#"{"kind":"public_solution"}"#
        );
    }

    #[test]
    fn descriptions_read_well() {
        assert_eq!(
            Gate::MinSolutions { count: 1 }.describe(),
            "at least one solution"
        );
        assert_eq!(
            Gate::CompaniesOnOneSolution { count: 2 }.describe(),
            "one solution adopted by at least two distinct companies"
        );
    }
}
