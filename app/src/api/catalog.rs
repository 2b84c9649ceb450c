//! Server functions of the public catalogue: search, a solution's page, and the
//! similar-challenge hints of the new-card form. Readable by anyone; they only ever
//! return what the public may see.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::AppError;
use crate::domain::catalog::{CatalogResults, SimilarChallenge, SolutionPage};

/// A stage as the catalogue's stage filter offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageOption {
    pub key: String,
    pub name: String,
}

/// One page of catalogue results with what the filter bar offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogView {
    pub results: CatalogResults,
    /// Every stage in board order; the last is the default.
    pub stages: Vec<StageOption>,
}

impl CatalogView {
    /// A stage's name for people.
    pub fn stage_name(&self, key: &str) -> String {
        self.stages
            .iter()
            .find(|s| s.key == key)
            .map_or_else(|| key.to_owned(), |s| s.name.clone())
    }
}

/// Searches the catalogue. `query` is the page's URL query string (see
/// `CatalogQuery::from_query_string`); values that cannot be read are ignored here and
/// explained by the page.
#[server]
pub async fn search_catalog(query: String) -> Result<CatalogView, AppError> {
    use crate::domain::CatalogQuery;
    let state = crate::state::app_state()?;
    let (query, _) = CatalogQuery::from_query_string(&query);
    let (results, workflow) = crate::service::catalog::search(&state.db, &query).await?;
    Ok(CatalogView {
        results,
        stages: workflow
            .stages()
            .iter()
            .map(|s| StageOption {
                key: s.key.as_str().to_owned(),
                name: s.name.clone(),
            })
            .collect(),
    })
}

/// The public page of one solution.
#[server]
pub async fn get_solution_page(slug: String) -> Result<SolutionPage, AppError> {
    let state = crate::state::app_state()?;
    crate::service::catalog::solution_page(&state.db, &slug).await
}

/// Open challenges that look like the one being written (at most five).
#[server]
pub async fn similar_challenges(title: String) -> Result<Vec<SimilarChallenge>, AppError> {
    let state = crate::state::app_state()?;
    let title: String = title.chars().take(400).collect();
    crate::service::catalog::similar(&state.db, &title).await
}
