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
    /// At least `count` adoptions are recorded on the card's solutions.
    MinAdoptions { count: u32 },
    /// At least one solution has a public link.
    PublicSolution,
    /// One solution is adopted by at least `count` distinct companies.
    CompaniesOnOneSolution { count: u32 },
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
    /// What the gate asks for, e.g. "at least one solution".
    pub fn describe(&self) -> String {
        match self {
            Self::MinSolutions { count } => {
                format!("at least {}", count_words(*count, "solution", "solutions"))
            }
            Self::MinAdoptions { count } => format!(
                "at least {} recorded inside a company",
                count_words(*count, "adoption", "adoptions")
            ),
            Self::PublicSolution => "a solution with a public link".into(),
            Self::CompaniesOnOneSolution { count } => format!(
                "one solution adopted by at least {}",
                count_words(*count, "company", "distinct companies")
            ),
        }
    }

    /// Checks the gate; `None` when it is met, otherwise what is missing.
    pub fn check(&self, evidence: &CardEvidence) -> Option<Missing> {
        let (code, needed, have) = match self {
            Self::MinSolutions { count } => ("min_solutions", *count, evidence.solution_count()),
            Self::MinAdoptions { count } => ("min_adoptions", *count, evidence.adoption_count()),
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
            Self::MinAdoptions { .. } if have == 0 && needed == 1 => {
                "needs a company using one of its solutions internally".to_owned()
            }
            Self::MinAdoptions { .. } => format!(
                "needs {} (has {have})",
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
        }
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
        let gate = Gate::MinAdoptions { count: 1 };
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
