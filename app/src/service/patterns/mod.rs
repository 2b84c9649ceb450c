//! Importing the InnerSource Patterns book from a checkout of its repository: each
//! pattern becomes a solution of kind *pattern* (title, patlet as summary, its book link,
//! landed in "InnerSource Patterns" at its maturity level) answering a challenge card —
//! the problem line the mind map files it under, else the first sentence of its problem;
//! a donut (a problem without a solution yet) becomes a challenge without one. Each
//! organisation its Known Instances name becomes an adoption (in use) with the bullet's
//! text as notes and the pattern file as evidence; names spelled differently become one
//! company through the alias table ([`aliases`]). Cards then reach the stage their
//! evidence supports through the same gated moves people make, recorded as done by the
//! import. Everything runs in one transaction; a re-run updates in place and reports what
//! changed. What the reader cannot read with confidence is listed for review, not
//! guessed.

pub mod aliases;
pub mod mind_map;
pub mod parse;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::changes::Write;
use super::progress::Progress;
use super::{cards, companies};
use crate::contract::AppError;
use crate::domain::{
    AdoptionStatus, CardId, CardTitle, CompanyName, Description, SolutionId, SolutionKind, TagName,
};
use crate::store;
use crate::store::adoptions::NewAdoption;
use crate::store::cards::NewCard;
use crate::store::companies::NewCompany;
use crate::store::solutions::NewSolution;
use parse::Pattern;

/// Who the activity log says made the import's changes.
pub const ACTOR: &str = "InnerSource Patterns import";
/// Where every imported pattern landed.
pub const LANDED_IN: &str = "InnerSource Patterns";
/// The tag every imported challenge carries.
pub const TAG: &str = "innersource-patterns";

/// A checkout of the InnerSourcePatterns repository, read.
#[derive(Debug, Clone)]
pub struct Checkout {
    /// Every pattern, by path.
    pub patterns: Vec<(String, Pattern)>,
    /// The mind map's problem line of each pattern, by slug.
    pub problems: HashMap<String, String>,
}

/// Reads `dir`: `patterns/<level>/*.md` and the mind map.
pub fn read_checkout(dir: &Path) -> Result<Checkout, AppError> {
    let root = dir.join("patterns");
    let levels = std::fs::read_dir(&root).map_err(|e| {
        AppError::Validation(format!(
            "{} is not a checkout of InnerSourcePatterns: cannot read its patterns folder ({e})",
            dir.display()
        ))
    })?;
    let mut patterns = Vec::new();
    for level in levels.flatten() {
        let folder = level.file_name().to_string_lossy().into_owned();
        if parse::Maturity::from_folder(&folder).is_none() {
            continue;
        }
        let Ok(files) = std::fs::read_dir(level.path()) else {
            continue;
        };
        for file in files.flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".md") || !file.path().is_file() {
                continue;
            }
            let path = format!("patterns/{folder}/{name}");
            let text = std::fs::read_to_string(file.path())
                .map_err(|e| AppError::Validation(format!("cannot read {path}: {e}")))?;
            if let Some(pattern) = parse::pattern(&path, &text) {
                patterns.push((path, pattern));
            }
        }
    }
    if patterns.is_empty() {
        return Err(AppError::Validation(format!(
            "{} holds no pattern (patterns/1-initial, 2-structured, 3-validated)",
            dir.display()
        )));
    }
    patterns.sort_by(|a, b| a.1.slug.cmp(&b.1.slug));
    let map = dir.join("pattern-categorization/innersource-program-mind-map.md");
    let problems = std::fs::read_to_string(map)
        .map(|text| mind_map::problems(&text))
        .unwrap_or_default();
    Ok(Checkout { patterns, problems })
}

/// The book's page of a pattern.
pub fn book_link(slug: &str) -> String {
    format!("https://patterns.innersourcecommons.org/p/{slug}")
}

/// The pattern's file in the repository, the evidence of its known instances.
pub fn file_link(path: &str) -> String {
    format!("https://github.com/InnerSourceCommons/InnerSourcePatterns/blob/main/{path}")
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub patterns: usize,
    pub donuts: usize,
    /// Patterns not imported before, by title.
    pub new_patterns: Vec<String>,
    /// Patterns whose level changed: title, from, to.
    pub level_changes: Vec<(String, String, String)>,
    pub challenges_created: usize,
    /// Companies created, by name.
    pub new_companies: Vec<String>,
    /// Known instances not recorded before: pattern title, company.
    pub new_instances: Vec<(String, String)>,
    /// Known instances in the checkout (after aliases, one per company and pattern).
    pub instances: usize,
    /// Of those, organisations named only by a description.
    pub anonymised: usize,
    /// What could not be read with confidence: pattern file, what.
    pub review: Vec<(String, String)>,
    /// Cards moved forward by their new evidence.
    pub moves: usize,
    /// The imported challenges per stage, in board order.
    pub by_stage: Vec<(String, usize)>,
}

/// Stored state the import compares against, read once.
struct Known {
    card_by_title: HashMap<String, Uuid>,
    solution_by_url: HashMap<String, (Uuid, Uuid, Option<String>)>,
    company_by_key: HashMap<String, (Uuid, String)>,
    adopted: std::collections::HashSet<(Uuid, Uuid)>,
}

/// Imports `checkout` into the board in one transaction (none with `dry_run`).
pub async fn import(
    db: &DatabaseConnection,
    checkout: &Checkout,
    dry_run: bool,
    progress: &dyn Progress,
) -> Result<Report, AppError> {
    let w = Write::begin(db, Some(ACTOR)).await?;
    progress.start(checkout.patterns.len(), "patterns");
    let aliases = aliases::Aliases::load(w.txn()).await?;
    let tables = store::dump::read(w.txn()).await?;
    let mut known = Known {
        card_by_title: tables
            .cards
            .iter()
            .filter(|c| !c.archived)
            .map(|c| (c.title.clone(), c.id))
            .collect(),
        solution_by_url: tables
            .solutions
            .iter()
            .filter_map(|s| {
                s.url
                    .clone()
                    .map(|url| (url, (s.id, s.card_id, s.landed_in.clone())))
            })
            .collect(),
        company_by_key: tables
            .companies
            .iter()
            .map(|c| (c.name_key.clone(), (c.id, c.name.clone())))
            .collect(),
        adopted: tables
            .adoptions
            .iter()
            .map(|a| (a.solution_id, a.company_id))
            .collect(),
    };
    let mut report = Report {
        patterns: checkout.patterns.len(),
        ..Report::default()
    };
    let mut touched: BTreeMap<Uuid, ()> = BTreeMap::new();
    let mut read: std::collections::HashSet<(Uuid, Uuid)> = Default::default();
    for (path, pattern) in &checkout.patterns {
        progress.step(&pattern.slug);
        for item in &pattern.review {
            report.review.push((path.clone(), item.clone()));
        }
        let card = challenge(&w, checkout, pattern, &mut known, &mut report).await?;
        touched.insert(card, ());
        if pattern.donut {
            report.donuts += 1;
            continue;
        }
        let solution = solution(&w, pattern, card, &mut known, &mut report).await?;
        for instance in &pattern.instances {
            let name = aliases.resolve(&instance.name);
            let company = company(&w, &name, instance.anonymised, &mut known, &mut report).await?;
            if read.insert((solution, company)) {
                report.instances += 1;
                if instance.anonymised {
                    report.anonymised += 1;
                }
            }
            if !known.adopted.insert((solution, company)) {
                continue;
            }
            let notes: String = instance.notes.chars().take(2_000).collect();
            let adoption = NewAdoption {
                company_id: company,
                status: AdoptionStatus::InUse,
                since: None,
                evidence_url: Some(file_link(path)),
                notes,
            };
            companies::add_adoption_in(&w, SolutionId(solution), &adoption).await?;
            report
                .new_instances
                .push((pattern.title.clone(), name.clone()));
        }
    }
    // Walk each card forward while its evidence meets the next gate.
    let stages = w.workflow.workflow.stages().to_vec();
    let mut per_stage: BTreeMap<usize, usize> = BTreeMap::new();
    for card in touched.keys() {
        let (moves, stage) = cards::advance_in(
            &w,
            CardId(*card),
            None,
            "Imported from the InnerSource Patterns book: its evidence meets this stage's gate.",
        )
        .await?;
        report.moves += moves;
        let at = stages
            .iter()
            .position(|s| s.key.as_str() == stage)
            .unwrap_or(0);
        *per_stage.entry(at).or_default() += 1;
    }
    report.by_stage = stages
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.clone(), per_stage.get(&i).copied().unwrap_or(0)))
        .collect();
    progress.finish();
    // Kept for the admins' companies page until the next import.
    let review = serde_json::to_string(&report.review).map_err(|_| AppError::Internal)?;
    store::settings::set(w.txn(), REVIEW_KEY, &review).await?;
    if !dry_run {
        w.commit().await?;
    }
    Ok(report)
}

/// Where the last import's review list is kept.
const REVIEW_KEY: &str = "patterns_import_review";

/// What the last import could not read with confidence (pattern file, what), for admins.
pub async fn last_review(
    db: &DatabaseConnection,
    actor: &crate::auth::Actor,
) -> Result<Vec<crate::contract::imports::ReviewItem>, AppError> {
    actor.require(crate::domain::Permission::Administer)?;
    let stored = store::settings::get(db, REVIEW_KEY).await?;
    let items: Vec<(String, String)> = stored
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    Ok(items
        .into_iter()
        .map(|(file, what)| crate::contract::imports::ReviewItem { file, what })
        .collect())
}

/// The challenge card a pattern answers: found by title, or created.
async fn challenge(
    w: &Write,
    checkout: &Checkout,
    pattern: &Pattern,
    known: &mut Known,
    report: &mut Report,
) -> Result<Uuid, AppError> {
    let line = checkout
        .problems
        .get(&pattern.slug)
        .cloned()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| pattern.problem.clone());
    let line = if line.trim().is_empty() {
        format!("How do we apply \u{201c}{}\u{201d}?", pattern.title)
    } else {
        line
    };
    let title = CardTitle::parse(&line.chars().take(200).collect::<String>())?;
    if let Some(id) = known.card_by_title.get(title.as_str()) {
        return Ok(*id);
    }
    let description = if pattern.problem.is_empty() || pattern.problem == title.as_str() {
        "From the InnerSource Patterns book.".to_owned()
    } else {
        format!("From the InnerSource Patterns book: {}", pattern.problem)
    };
    let key = title.as_str().to_owned();
    let new = NewCard {
        title,
        description: Description::parse(&description.chars().take(5_000).collect::<String>())?,
        tags: vec![TagName::parse(TAG)?],
    };
    let id = cards::create_card_in(w, &new).await?.uuid();
    known.card_by_title.insert(key, id);
    report.challenges_created += 1;
    Ok(id)
}

/// The pattern's solution on `card`: added, updated when its level or words changed, or
/// left as it is.
async fn solution(
    w: &Write,
    pattern: &Pattern,
    card: Uuid,
    known: &mut Known,
    report: &mut Report,
) -> Result<Uuid, AppError> {
    let url = book_link(&pattern.slug);
    let landed_in = format!("{LANDED_IN} \u{2014} {}", pattern.maturity.label());
    let summary: String = pattern.patlet.chars().take(5_000).collect();
    let new = NewSolution {
        title: CardTitle::parse(&pattern.title.chars().take(200).collect::<String>())?,
        kind: SolutionKind::Pattern,
        summary: Description::parse(&summary)?,
        url: Some(url.clone()),
        landed_in: Some(landed_in.clone()),
    };
    match known.solution_by_url.get(&url).cloned() {
        Some((id, _, before)) => {
            let stored = store::solutions::find(w.txn(), id).await?;
            let changed = stored.title != new.title.as_str()
                || stored.summary != new.summary.as_str()
                || stored.landed_in.as_deref() != Some(landed_in.as_str());
            if changed {
                if before.as_deref() != Some(landed_in.as_str()) {
                    report.level_changes.push((
                        pattern.title.clone(),
                        before
                            .as_deref()
                            .and_then(|b| b.rsplit(" \u{2014} ").next())
                            .unwrap_or("unknown")
                            .to_owned(),
                        pattern.maturity.label().to_owned(),
                    ));
                }
                cards::update_solution_in(w, SolutionId(id), &new, None).await?;
                known
                    .solution_by_url
                    .insert(url, (id, stored.card_id, Some(landed_in)));
            }
            Ok(id)
        }
        None => {
            let id = cards::add_solution_in(w, CardId(card), &new).await?.uuid();
            known
                .solution_by_url
                .insert(url, (id, card, Some(landed_in)));
            report.new_patterns.push(pattern.title.clone());
            Ok(id)
        }
    }
}

/// The company named `name`: found by its comparison key, or created (an anonymised one
/// may not be named publicly and is described by its description).
async fn company(
    w: &Write,
    name: &str,
    anonymised: bool,
    known: &mut Known,
    report: &mut Report,
) -> Result<Uuid, AppError> {
    let parsed = CompanyName::parse(name)?;
    let key = parsed.key();
    if let Some((id, _)) = known.company_by_key.get(&key) {
        return Ok(*id);
    }
    // How pages that may not name it describe it: "a large financial services
    // organization", "a large company".
    let descriptor = if !anonymised {
        String::new()
    } else if let Some(rest) = name.strip_prefix("A ").or_else(|| name.strip_prefix("An ")) {
        format!(
            "{} {rest}",
            if name.starts_with("An ") { "an" } else { "a" }
        )
    } else {
        format!("a {}", name.to_lowercase())
    };
    let id = companies::create_in(
        w,
        &NewCompany {
            name: parsed,
            public: !anonymised,
            descriptor,
        },
    )
    .await?
    .uuid();
    known.company_by_key.insert(key, (id, name.to_owned()));
    report.new_companies.push(name.to_owned());
    Ok(id)
}
