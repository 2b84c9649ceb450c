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
    /// Those of them whose adoption is in regular use, not a pilot.
    #[serde(default)]
    pub in_use_companies: BTreeSet<Uuid>,
}

/// The facts about a card that gates depend on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardEvidence {
    pub solutions: Vec<SolutionEvidence>,
}

/// A company's id as shown with one card: stable for that card, different on every other,
/// and not the company's own id. Gates only count distinct companies, and an id shared
/// across cards would tie together the adoptions of a company whose name is hidden.
pub fn card_scoped_id(card: Uuid, company: Uuid) -> Uuid {
    Uuid::new_v5(&card, company.as_bytes())
}

impl CardEvidence {
    /// The same evidence with every company under its [`card_scoped_id`]; gates judge it
    /// exactly as the original.
    pub fn for_card(&self, card: Uuid) -> Self {
        Self {
            solutions: self
                .solutions
                .iter()
                .map(|s| SolutionEvidence {
                    public_link: s.public_link,
                    adopting_companies: s
                        .adopting_companies
                        .iter()
                        .map(|c| card_scoped_id(card, *c))
                        .collect(),
                    in_use_companies: s
                        .in_use_companies
                        .iter()
                        .map(|c| card_scoped_id(card, *c))
                        .collect(),
                })
                .collect(),
        }
    }

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

    /// Number of (solution, company) adoptions in regular use (pilots left out).
    pub fn in_use_adoption_count(&self) -> u32 {
        saturate(
            self.solutions
                .iter()
                .map(|s| s.in_use_companies.len())
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

/// The evidence as the board page carries it on each card (`data-evidence`), so the browser
/// can explain a move with the same gates without the page sending the board a second time
/// as data. Companies are numbered within the card (gates only count distinct companies):
/// one `;`-separated entry per solution, `P` (public link) or `-`, then `:` and the numbers
/// of its adopting companies, then `:` and those in use, each `,`-separated —
/// `P:0,1:0;-:1:` for two solutions, the first public and adopted by two companies.
impl CardEvidence {
    pub fn to_attr(&self) -> String {
        let mut companies: std::collections::BTreeMap<Uuid, usize> =
            std::collections::BTreeMap::new();
        for id in self
            .solutions
            .iter()
            .flat_map(|s| s.adopting_companies.iter().chain(&s.in_use_companies))
        {
            let next = companies.len();
            companies.entry(*id).or_insert(next);
        }
        let list = |set: &BTreeSet<Uuid>| -> String {
            let mut numbers: Vec<usize> = set
                .iter()
                .filter_map(|id| companies.get(id).copied())
                .collect();
            numbers.sort_unstable();
            numbers
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(",")
        };
        self.solutions
            .iter()
            .map(|s| {
                format!(
                    "{}:{}:{}",
                    if s.public_link { "P" } else { "-" },
                    list(&s.adopting_companies),
                    list(&s.in_use_companies)
                )
            })
            .collect::<Vec<_>>()
            .join(";")
    }

    /// Reads what [`Self::to_attr`] wrote; `None` when it is not of that form.
    pub fn parse_attr(text: &str) -> Option<Self> {
        let companies = |list: &str| -> Option<BTreeSet<Uuid>> {
            list.split(',')
                .filter(|n| !n.is_empty())
                .map(|n| n.parse::<u128>().ok().map(Uuid::from_u128))
                .collect()
        };
        let solutions = text
            .split(';')
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                let mut parts = entry.split(':');
                let public_link = match parts.next()? {
                    "P" => true,
                    "-" => false,
                    _ => return None,
                };
                let adopting_companies = companies(parts.next().unwrap_or(""))?;
                let in_use_companies = companies(parts.next().unwrap_or(""))?;
                parts.next().is_none().then_some(SolutionEvidence {
                    public_link,
                    adopting_companies,
                    in_use_companies,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Self { solutions })
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn card_scoped_ids_keep_the_counts_and_hide_the_company() {
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let evidence = CardEvidence {
            solutions: vec![
                SolutionEvidence {
                    public_link: true,
                    adopting_companies: [a, b].into_iter().collect(),
                    in_use_companies: [a].into_iter().collect(),
                },
                SolutionEvidence {
                    public_link: false,
                    adopting_companies: [a].into_iter().collect(),
                    in_use_companies: BTreeSet::new(),
                },
            ],
        };
        let (one, other) = (Uuid::new_v4(), Uuid::new_v4());
        let scoped = evidence.for_card(one);
        assert_eq!(scoped.company_count(), 2);
        assert_eq!(scoped.adoption_count(), evidence.adoption_count());
        assert_eq!(scoped.in_use_adoption_count(), 1);
        assert_eq!(
            scoped.most_companies_on_one_solution(),
            evidence.most_companies_on_one_solution()
        );
        let ids: Vec<&Uuid> = scoped
            .solutions
            .iter()
            .flat_map(|s| s.adopting_companies.iter())
            .collect();
        assert!(!ids.contains(&&a) && !ids.contains(&&b));
        // The same company on another card gets another id; on this card, the same one.
        assert_ne!(card_scoped_id(one, a), card_scoped_id(other, a));
        assert_eq!(card_scoped_id(one, a), card_scoped_id(one, a));
    }

    #[test]
    fn the_page_attribute_keeps_what_gates_judge() {
        let (a, b, c) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let evidence = CardEvidence {
            solutions: vec![
                SolutionEvidence {
                    public_link: true,
                    adopting_companies: [a, b].into_iter().collect(),
                    in_use_companies: [b].into_iter().collect(),
                },
                SolutionEvidence {
                    public_link: false,
                    adopting_companies: [a, c].into_iter().collect(),
                    in_use_companies: BTreeSet::new(),
                },
                SolutionEvidence::default(),
            ],
        };
        let attr = evidence.to_attr();
        assert_eq!(attr.split(';').count(), 3);
        let read = CardEvidence::parse_attr(&attr).unwrap();
        assert_eq!(read.solutions.len(), 3);
        assert_eq!(read.company_count(), 3);
        assert_eq!(read.adoption_count(), 4);
        assert_eq!(read.in_use_adoption_count(), 1);
        assert_eq!(read.most_companies_on_one_solution(), 2);
        assert!(read.has_public_solution());
        assert_eq!(read.to_attr(), attr);
        // Every gate of the charter judges both alike.
        let workflow = crate::domain::Workflow::charter();
        for stage in workflow.stages() {
            assert_eq!(
                workflow.standing(stage.key.as_str(), &read),
                workflow.standing(stage.key.as_str(), &evidence)
            );
        }
    }

    #[test]
    fn no_evidence_and_bad_attributes() {
        assert_eq!(CardEvidence::default().to_attr(), "");
        assert_eq!(CardEvidence::parse_attr(""), Some(CardEvidence::default()));
        for bad in ["X::", "P:a:", "P:1:2:3", "P:-1:"] {
            assert_eq!(CardEvidence::parse_attr(bad), None, "{bad}");
        }
    }
}
