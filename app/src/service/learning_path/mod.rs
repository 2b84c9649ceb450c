//! Importing the InnerSource Learning Path from a checkout of its repository: each
//! segment with a video becomes a solution of kind *video* (its title from the segment's
//! file, its YouTube link from `config/urls.yaml`), landed in "InnerSource Learning Path",
//! answering one challenge card per section, tagged with the section's audience (Product
//! Owner speaks to managers; Trusted Committer and Contributor to engineers; the
//! Introduction to everyone). Cards reach the stage their evidence supports through the
//! same gated moves people make. One transaction; a re-run updates in place.

pub mod read;

use std::collections::HashMap;
use std::path::Path;

use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::cards;
use super::changes::Write;
use super::progress::Progress;
use crate::contract::AppError;
use crate::domain::catalog::Audience;
use crate::domain::{CardId, CardTitle, Description, SolutionId, SolutionKind, TagName};
use crate::store;
use crate::store::cards::NewCard;
use crate::store::solutions::NewSolution;
pub use read::{Section, Segment};

/// Who the activity log says made the import's changes.
pub const ACTOR: &str = "InnerSource Learning Path import";
/// Where every imported video landed.
pub const LANDED_IN: &str = "InnerSource Learning Path";
/// The tag every imported challenge carries.
pub const TAG: &str = "learning-path";

/// A section's challenge and the audiences it speaks to.
pub fn challenge_of(dir: &str) -> (String, Vec<Audience>) {
    let everyone = Audience::ALL.to_vec();
    match dir {
        "introduction" => (
            "How do I explain InnerSource to people who are new to it?".into(),
            everyone,
        ),
        "trusted-committer" => (
            "How do I prepare engineers to become trusted committers?".into(),
            vec![Audience::Engineers],
        ),
        "contributor" => (
            "How do I teach engineers to contribute to other teams' projects?".into(),
            vec![Audience::Engineers],
        ),
        "product-owner" => (
            "How do I teach InnerSource to product owners and middle managers?".into(),
            vec![Audience::Managers],
        ),
        "project-leader" => (
            "How do I teach InnerSource to project leaders?".into(),
            vec![Audience::Managers],
        ),
        other => (
            format!(
                "How do I teach the \u{201c}{}\u{201d} part of InnerSource?",
                other.replace('-', " ")
            ),
            everyone,
        ),
    }
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Sections read, and segments in them.
    pub sections: usize,
    pub segments: usize,
    /// Segments with a video (each one solution).
    pub videos: usize,
    pub new_videos: Vec<String>,
    pub updated_videos: Vec<String>,
    pub challenges_created: usize,
    /// Sections without any video, not imported.
    pub without_video: Vec<String>,
    pub moves: usize,
}

/// Reads the checkout at `dir`.
pub fn read_checkout(dir: &Path) -> Result<Vec<Section>, AppError> {
    read::read_checkout(dir).map_err(AppError::Validation)
}

/// Imports `sections` in one transaction (none with `dry_run`).
pub async fn import(
    db: &DatabaseConnection,
    sections: &[Section],
    dry_run: bool,
    progress: &dyn Progress,
) -> Result<Report, AppError> {
    let w = Write::begin(db, Some(ACTOR)).await?;
    progress.start(sections.len(), "sections");
    let tables = store::dump::read(w.txn()).await?;
    let mut card_by_title: HashMap<String, Uuid> = tables
        .cards
        .iter()
        .filter(|c| !c.archived)
        .map(|c| (c.title.clone(), c.id))
        .collect();
    let solution_by_url: HashMap<String, Uuid> = tables
        .solutions
        .iter()
        .filter_map(|s| Some((s.url.clone()?, s.id)))
        .collect();
    let mut report = Report {
        sections: sections.len(),
        ..Report::default()
    };
    for section in sections {
        progress.step(&section.dir);
        report.segments += section.segments.len();
        let videos: Vec<&Segment> = section
            .segments
            .iter()
            .filter(|s| s.youtube.is_some())
            .collect();
        if videos.is_empty() {
            report.without_video.push(section.dir.clone());
            continue;
        }
        let (question, audiences) = challenge_of(&section.dir);
        let title = CardTitle::parse(&question)?;
        let card = match card_by_title.get(title.as_str()) {
            Some(id) => CardId(*id),
            None => {
                let mut tags = vec![TagName::parse(TAG)?];
                for audience in &audiences {
                    tags.push(TagName::parse(audience.tag())?);
                }
                let new = NewCard {
                    title: title.clone(),
                    description: Description::parse(&format!(
                        "The InnerSource Learning Path's {} section: {} videos.",
                        section.dir.replace('-', " "),
                        videos.len()
                    ))?,
                    tags,
                };
                let id = cards::create_card_in(&w, &new).await?;
                card_by_title.insert(title.as_str().to_owned(), id.uuid());
                report.challenges_created += 1;
                id
            }
        };
        for segment in videos {
            report.videos += 1;
            let Some(url) = segment.youtube.clone() else {
                continue;
            };
            let name = if segment.title.is_empty() {
                format!("{} {}", section.dir.replace('-', " "), segment.number)
            } else {
                segment.title.clone()
            };
            let new = NewSolution {
                title: CardTitle::parse(&name.chars().take(200).collect::<String>())?,
                kind: SolutionKind::Video,
                summary: Description::parse(
                    &segment.summary.chars().take(5_000).collect::<String>(),
                )?,
                url: Some(url.clone()),
                landed_in: Some(LANDED_IN.to_owned()),
            };
            match solution_by_url.get(&url) {
                Some(id) => {
                    let stored = store::solutions::find(w.txn(), *id).await?;
                    if stored.title != new.title.as_str() || stored.summary != new.summary.as_str()
                    {
                        cards::update_solution_in(&w, SolutionId(*id), &new, None).await?;
                        report.updated_videos.push(name);
                    }
                }
                None => {
                    cards::add_solution_in(&w, card, &new).await?;
                    report.new_videos.push(name);
                }
            }
        }
        let (moves, _) = cards::advance_in(
            &w,
            card,
            None,
            "Imported from the InnerSource Learning Path: its evidence meets this stage's gate.",
        )
        .await?;
        report.moves += moves;
    }
    progress.finish();
    if !dry_run {
        w.commit().await?;
    }
    Ok(report)
}
