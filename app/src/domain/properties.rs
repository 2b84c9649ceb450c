//! Property tests (proptest) over the domain's parsers, the gate rules and the catalogue's
//! query parser: whatever the input, nothing panics, what is accepted keeps the rules'
//! invariants, and the gates judge evidence consistently.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use proptest::prelude::*;
use uuid::Uuid;

use super::catalog::{CatalogQuery, TERMS_MAX, search_terms};
use super::text::{DESCRIPTION_MAX, TAG_MAX, TITLE_MAX};
use super::{
    CardEvidence, CardTitle, CompanyName, Description, Email, Gate, SolutionEvidence, TagName,
    WebLink, Workflow, check_password,
};

/// Any text, with a bias towards the characters that break parsers.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ a-zA-Z0-9&=%+?#/:.@<>\"'\\-_\u{0}\u{FFFF}\u{200B}é漢]{0,80}",
    ]
}

fn evidence() -> impl Strategy<Value = CardEvidence> {
    // Companies from a small pool, so solutions share some.
    let companies: Vec<Uuid> = (0..6).map(|_| Uuid::new_v4()).collect();
    prop::collection::vec(
        (any::<bool>(), prop::collection::vec(0..6usize, 0..6)),
        0..5,
    )
    .prop_map(move |solutions| CardEvidence {
        solutions: solutions
            .into_iter()
            .map(|(public_link, picks)| {
                let adopting: BTreeSet<Uuid> = picks.iter().map(|&i| companies[i]).collect();
                // Every other pick's adoption is in regular use.
                let in_use = picks.iter().step_by(2).map(|&i| companies[i]).collect();
                SolutionEvidence {
                    public_link,
                    adopting_companies: adopting,
                    in_use_companies: in_use,
                }
            })
            .collect(),
    })
}

fn gate() -> impl Strategy<Value = Gate> {
    prop_oneof![
        (0..5u32).prop_map(|count| Gate::MinSolutions { count }),
        (0..8u32, any::<bool>())
            .prop_map(|(count, in_use_only)| Gate::MinAdoptions { count, in_use_only }),
        Just(Gate::PublicSolution),
        (0..5u32).prop_map(|count| Gate::CompaniesOnOneSolution { count }),
    ]
}

/// A simple gate or a combination of simple ones.
fn any_gate() -> impl Strategy<Value = Gate> {
    prop_oneof![
        gate(),
        prop::collection::vec(gate(), 0..4).prop_map(|gates| Gate::All { gates }),
    ]
}

proptest! {
    #[test]
    fn text_parsers_never_panic_and_keep_their_limits(raw in text()) {
        if let Ok(title) = CardTitle::parse(&raw) {
            let t = title.as_str();
            prop_assert!(!t.trim().is_empty());
            prop_assert!(t.chars().count() <= TITLE_MAX);
            prop_assert_eq!(t, t.trim());
        }
        if let Ok(description) = Description::parse(&raw) {
            prop_assert!(description.as_str().chars().count() <= DESCRIPTION_MAX);
        }
        if let Ok(tag) = TagName::parse(&raw) {
            let t = tag.as_str();
            prop_assert!(!t.is_empty() && t.chars().count() <= TAG_MAX);
            prop_assert_eq!(t, t.to_lowercase());
            prop_assert!(!t.contains(char::is_whitespace));
        }
        if let Ok(name) = CompanyName::parse(&raw) {
            prop_assert!(!name.as_str().is_empty());
            prop_assert!(name.as_str().chars().count() <= TITLE_MAX);
            prop_assert!(!name.as_str().contains("  "));
        }
        if let Ok(link) = WebLink::parse("url", &raw) {
            let l = link.as_str();
            prop_assert!(l.starts_with("http://") || l.starts_with("https://"));
            prop_assert!(!l.contains(char::is_whitespace));
        }
        if let Ok(email) = Email::parse(&raw) {
            prop_assert!(email.as_str().len() <= 254);
            prop_assert!(email.as_str().contains('@'));
            prop_assert!(!email.as_str().contains(char::is_whitespace));
        }
        let _ = check_password(&raw);
    }

    #[test]
    fn search_terms_are_safe_for_either_database(raw in text()) {
        let terms = search_terms(&raw);
        prop_assert!(terms.len() <= TERMS_MAX);
        for term in &terms {
            prop_assert!(!term.is_empty() && term.chars().count() <= 40);
            prop_assert!(term.chars().all(char::is_alphanumeric), "{term:?}");
            prop_assert_eq!(term, &term.to_lowercase());
        }
        let unique: BTreeSet<&String> = terms.iter().collect();
        prop_assert_eq!(unique.len(), terms.len());
    }

    #[test]
    fn a_catalogue_query_survives_its_own_url(raw in text()) {
        let (query, _) = CatalogQuery::from_query_string(&raw);
        let url = query.to_query_string();
        let (again, errors) = CatalogQuery::from_query_string(&url);
        prop_assert!(errors.is_empty(), "{url}: {errors:?}");
        prop_assert_eq!(again.to_query_string(), url);
        prop_assert_eq!(again.terms(), query.terms());
    }

    #[test]
    fn query_fields_from_any_text_round_trip(words in text(), tag in text(), page in 0..20_000u32) {
        let raw = format!(
            "q={}&tag={}&page={page}&stage=any",
            super::catalog::encode_component(&words),
            super::catalog::encode_component(&tag),
        );
        let (query, _) = CatalogQuery::from_query_string(&raw);
        let (again, errors) = CatalogQuery::from_query_string(&query.to_query_string());
        prop_assert!(errors.is_empty());
        prop_assert_eq!(again, query);
    }

    #[test]
    fn gates_judge_by_the_counts(gate in gate(), evidence in evidence()) {
        let missing = gate.check(&evidence);
        let met = match gate {
            Gate::MinSolutions { count } => evidence.solution_count() >= count,
            Gate::MinAdoptions { count, in_use_only: false } => evidence.adoption_count() >= count,
            Gate::MinAdoptions { count, in_use_only: true } => {
                evidence.in_use_adoption_count() >= count
            }
            Gate::PublicSolution => evidence.solutions.iter().any(|s| s.public_link),
            Gate::CompaniesOnOneSolution { count } => {
                evidence.most_companies_on_one_solution() >= count
            }
            Gate::All { .. } => unreachable!("gate() makes simple gates"),
        };
        prop_assert_eq!(missing.is_none(), met);
        if let Some(missing) = missing {
            prop_assert!(missing.have < missing.needed);
            prop_assert!(!missing.message.is_empty());
        }
        // Ids scoped to a card change nothing a gate sees.
        prop_assert_eq!(gate.check(&evidence.for_card(Uuid::new_v4())), gate.check(&evidence));
    }

    #[test]
    fn a_combination_is_met_exactly_when_each_part_is(gate in any_gate(), evidence in evidence()) {
        let each = gate.parts().iter().all(|part| part.check(&evidence).is_none());
        prop_assert_eq!(gate.missing(&evidence).is_empty(), each);
        prop_assert_eq!(gate.missing(&evidence).len(),
            gate.parts().iter().filter(|part| part.check(&evidence).is_some()).count());
    }

    #[test]
    fn more_evidence_never_unmeets_a_gate(gate in any_gate(), evidence in evidence(), extra in evidence()) {
        let mut more = evidence.clone();
        more.solutions.extend(extra.solutions);
        if gate.check(&evidence).is_none() {
            prop_assert!(gate.check(&more).is_none());
        }
    }

    #[test]
    fn moves_follow_the_charter(
        from in 0..5usize,
        to in 0..5usize,
        evidence in evidence(),
        note in text(),
    ) {
        let workflow = Workflow::charter();
        let keys: Vec<String> = workflow.stages().iter().map(|s| s.key.as_str().to_owned()).collect();
        let result = workflow.check_move(&keys[from], &keys[to], &evidence, &note);
        if to == from {
            prop_assert!(result.is_err());
        } else if to < from {
            prop_assert_eq!(result.is_ok(), !note.trim().is_empty());
        } else {
            // Forward: allowed exactly when every gate on the way is met.
            let all_met = workflow.stages()[from + 1..=to]
                .iter()
                .all(|stage| workflow.check_gate(stage, &evidence).is_met());
            prop_assert_eq!(result.is_ok(), all_met);
        }
    }
}
