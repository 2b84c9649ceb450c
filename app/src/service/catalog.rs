//! The public catalogue: search, solution pages, the feed and the sitemap, and the
//! similar-challenge hints shown while a card is written. Anyone may read all of it; it
//! only ever holds what the public may see.

use sea_orm::DatabaseConnection;

use crate::contract::AppError;
use crate::domain::catalog::{
    CatalogQuery, CatalogResults, SimilarChallenge, SolutionPage, StageMatches,
};
use crate::domain::{CatalogHit, StageScope, Workflow};
use crate::store::catalog::WordMatch;
use crate::store::{self, workflow};

/// One page of results. `errors` from reading the query are the caller's to show. When no
/// solution holds every word, the results hold most of them (`partial`); when the chosen
/// stage has none, `elsewhere` counts the matches of the other stages.
pub async fn search(
    db: &DatabaseConnection,
    query: &CatalogQuery,
) -> Result<(CatalogResults, Workflow), AppError> {
    let current = workflow::current(db).await?.workflow;
    let last = current.last().key.as_str();
    let mut results = store::catalog::search(db, query, last, WordMatch::Every).await?;
    if results.total > 0 || results.terms.is_empty() {
        return Ok((results, current));
    }
    // Nothing holds every word here. Questions typed in full rarely match word for word:
    // offer what holds most of the words, and say where the other stages have matches.
    let several_words = results.terms.len() > 1;
    if several_words {
        let most = store::catalog::search(db, query, last, WordMatch::Most).await?;
        if most.total > 0 {
            results = most;
        }
    }
    if query.stage != StageScope::Any {
        let chosen = query.stage.key().unwrap_or(last).to_owned();
        let mut elsewhere = other_stages(db, query, &current, &chosen, WordMatch::Every).await?;
        if elsewhere.is_empty() && several_words {
            elsewhere = other_stages(db, query, &current, &chosen, WordMatch::Most).await?;
        }
        results.elsewhere = elsewhere;
    }
    Ok((results, current))
}

/// Matches of `query` in every stage but `chosen`, in board order.
async fn other_stages(
    db: &DatabaseConnection,
    query: &CatalogQuery,
    workflow: &Workflow,
    chosen: &str,
    words: WordMatch,
) -> Result<Vec<StageMatches>, AppError> {
    let counts = store::catalog::matches_by_stage(db, query, words).await?;
    Ok(workflow
        .stages()
        .iter()
        .filter(|s| s.key.as_str() != chosen)
        .filter_map(|s| {
            counts
                .iter()
                .find(|(key, _)| key == s.key.as_str())
                .map(|(_, count)| StageMatches {
                    stage: s.key.clone(),
                    count: *count,
                    every_word: words == WordMatch::Every,
                })
        })
        .collect())
}

/// The public page of the solution at `/solutions/{slug}`.
pub async fn solution_page(db: &DatabaseConnection, slug: &str) -> Result<SolutionPage, AppError> {
    let current = workflow::current(db).await?.workflow;
    let record = store::catalog::solution_by_slug(db, slug).await?;
    let stage_name = current
        .stage(&record.hit.stage)
        .map_or_else(|| record.hit.stage.to_string(), |s| s.name.clone());
    let validated_at =
        (record.hit.stage == current.last().key.as_str()).then_some(record.hit.stage_since);
    Ok(SolutionPage {
        challenge_html: super::markdown::render(&record.challenge_description),
        hit: record.hit,
        stage_name,
        landed_in: record.landed_in,
        validated_at,
        adoptions: record.adoptions,
        related: record.related,
    })
}

/// The challenges most like `text`, for the hint under the new-card form, each with the
/// name of its stage.
pub async fn similar(
    db: &DatabaseConnection,
    text: &str,
) -> Result<Vec<SimilarChallenge>, AppError> {
    let current = workflow::current(db).await?.workflow;
    let mut found = store::catalog::similar(db, text, 5).await?;
    for challenge in &mut found {
        if let Some(stage) = current.stage(&challenge.stage) {
            challenge.stage = stage.name.clone();
        }
    }
    Ok(found)
}

/// The most recently validated solutions (those in the workflow's last stage), newest
/// first, and the name of that stage.
pub async fn newly_validated(
    db: &DatabaseConnection,
    limit: u64,
) -> Result<(Vec<CatalogHit>, String), AppError> {
    let current = workflow::current(db).await?.workflow;
    let last = current.last();
    let hits = store::catalog::newest_in_stage(db, last.key.as_str(), limit).await?;
    Ok((hits, last.name.clone()))
}

/// Every solution's slug with when it last changed, for the sitemap.
pub async fn slugs(
    db: &DatabaseConnection,
) -> Result<Vec<(String, chrono::DateTime<chrono::Utc>)>, AppError> {
    Ok(store::catalog::slugs(db).await?)
}
