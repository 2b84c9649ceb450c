//! What the gates look at: a card's solutions, their public links and the companies that
//! adopted each of them.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The facts about one solution that gates depend on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SolutionEvidence {
    /// The solution has a public http(s) link to its materials.
    pub public_link: bool,
    /// The companies with an adoption of this solution (a company counts once).
    pub adopting_companies: BTreeSet<Uuid>,
}

/// The facts about a card that gates depend on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardEvidence {
    pub solutions: Vec<SolutionEvidence>,
}

impl CardEvidence {
    pub fn solution_count(&self) -> u32 {
        saturate(self.solutions.len())
    }

    /// Number of (solution, company) adoptions recorded on the card.
    pub fn adoption_count(&self) -> u32 {
        saturate(
            self.solutions
                .iter()
                .map(|s| s.adopting_companies.len())
                .sum(),
        )
    }

    /// Number of distinct companies adopting any solution of the card.
    pub fn company_count(&self) -> u32 {
        let all: BTreeSet<&Uuid> = self
            .solutions
            .iter()
            .flat_map(|s| s.adopting_companies.iter())
            .collect();
        saturate(all.len())
    }

    /// The largest number of distinct companies adopting one and the same solution.
    pub fn most_companies_on_one_solution(&self) -> u32 {
        saturate(
            self.solutions
                .iter()
                .map(|s| s.adopting_companies.len())
                .max()
                .unwrap_or(0),
        )
    }

    pub fn has_public_solution(&self) -> bool {
        self.solutions.iter().any(|s| s.public_link)
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
