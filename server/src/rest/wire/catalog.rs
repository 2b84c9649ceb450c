//! Catalogue search results and the caller's session as the API sends them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use app::domain::catalog::StageMatches;
use app::domain::{Account, CatalogHit, CatalogQuery, CatalogResults};

/// The challenge a solution answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChallengeWire {
    pub id: Uuid,
    pub title: String,
}

/// One solution found in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HitWire {
    pub slug: String,
    /// The solution's page on this site.
    pub url: String,
    pub title: String,
    pub kind: String,
    pub summary: String,
    /// The public link to its materials.
    pub link: Option<String>,
    pub challenge: ChallengeWire,
    /// The stage key of its card.
    pub stage: String,
    pub tags: Vec<String>,
    /// Adopting companies as the public may see them.
    pub adopters: Vec<String>,
    pub adopter_count: u32,
    pub stage_since: DateTime<Utc>,
}

impl From<&CatalogHit> for HitWire {
    fn from(hit: &CatalogHit) -> Self {
        Self {
            slug: hit.slug.clone(),
            url: format!("/solutions/{}", hit.slug),
            title: hit.title.clone(),
            kind: hit.kind.key().to_owned(),
            summary: hit.summary.clone(),
            link: hit.url.clone(),
            challenge: ChallengeWire {
                id: hit.card_id,
                title: hit.challenge.clone(),
            },
            stage: hit.stage.to_string(),
            tags: hit.tags.clone(),
            adopters: hit.adopters.clone(),
            adopter_count: hit.adopter_count,
            stage_since: hit.stage_since,
        }
    }
}

/// How many solutions of another stage match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StageMatchesWire {
    pub stage: String,
    pub count: u64,
    /// Whether they hold every word, or only some.
    pub every_word: bool,
}

impl From<&StageMatches> for StageMatchesWire {
    fn from(m: &StageMatches) -> Self {
        Self {
            stage: m.stage.to_string(),
            count: m.count,
            every_word: m.every_word,
        }
    }
}

/// One page of catalogue results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchWire {
    /// The query as read, in its canonical form.
    pub query: String,
    pub terms: Vec<String>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub pages: u32,
    pub results: Vec<HitWire>,
    /// No solution holds every word: these hold most of them, those with most first.
    pub partial: bool,
    /// When the chosen stage has no match: the matches of every other stage.
    pub elsewhere: Vec<StageMatchesWire>,
}

impl SearchWire {
    pub fn new(query: &CatalogQuery, results: &CatalogResults) -> Self {
        Self {
            query: query.to_query_string(),
            terms: results.terms.clone(),
            total: results.total,
            page: results.page,
            per_page: results.per_page,
            pages: results.pages(),
            results: results.hits.iter().map(HitWire::from).collect(),
            partial: results.partial,
            elsewhere: results
                .elsewhere
                .iter()
                .map(StageMatchesWire::from)
                .collect(),
        }
    }
}

/// Who the caller is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionWire {
    pub signed_in: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `member`, `facilitator` or `admin`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

impl SessionWire {
    pub fn new(account: Option<&Account>) -> Self {
        Self {
            signed_in: account.is_some(),
            id: account.map(|a| a.id),
            email: account.map(|a| a.email.clone()),
            name: account.map(|a| a.name.clone()),
            role: account.map(|a| a.role.key().to_owned()),
        }
    }
}
