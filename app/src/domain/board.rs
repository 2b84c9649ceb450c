//! The board as people see it: the workflow's columns and an overview of each card, with
//! the filters that narrow it down.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::parking::is_stale;
use super::{CardEvidence, Parking, StageKey, Workflow};

/// What the board shows of one card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardOverview {
    pub id: Uuid,
    pub title: String,
    pub stage: StageKey,
    pub tags: Vec<String>,
    pub version: i64,
    pub solutions: u32,
    pub adoptions: u32,
    pub companies: u32,
    /// What the gates see, so the browser can explain a move before trying it.
    pub evidence: CardEvidence,
    /// When anything last happened to the card (its newest activity entry).
    pub last_activity: DateTime<Utc>,
    /// Set aside, with why; off the agenda and the stale list.
    pub parked: Option<Parking>,
}

impl CardOverview {
    /// Summarises a card and the evidence gathered on it.
    pub fn new(
        id: Uuid,
        title: String,
        stage: StageKey,
        tags: Vec<String>,
        version: i64,
        evidence: &CardEvidence,
        attention: Attention,
    ) -> Self {
        Self {
            id,
            title,
            stage,
            tags,
            version,
            solutions: evidence.solution_count(),
            adoptions: evidence.adoption_count(),
            companies: evidence.company_count(),
            // Sent to every browser: companies appear by ids that hold for this card only.
            evidence: evidence.for_card(id),
            last_activity: attention.last_activity,
            parked: attention.parked,
        }
    }
}

/// How much attention a card gets: when anything last happened to it, and whether it is
/// parked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attention {
    pub last_activity: DateTime<Utc>,
    pub parked: Option<Parking>,
}

/// The whole board: the workflow in force and every card not archived, in board order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    pub workflow: Workflow,
    pub cards: Vec<CardOverview>,
    /// The number of the newest change the board already shows (see `BoardEvent`): a page
    /// need not reload for events up to it.
    #[serde(default)]
    pub last_event: i64,
    /// When the server read it: the browser judges which cards are stale against it
    /// (the browser has no clock of its own here).
    #[serde(default)]
    pub read_at: DateTime<Utc>,
}

/// Narrows the cards shown on the board.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardFilter {
    /// Words that must all appear in the title (case-insensitive).
    pub text: String,
    /// A tag the card must carry.
    pub tag: Option<String>,
    /// Only cards with at least one adoption.
    pub adopted_only: bool,
    /// Leave parked cards out.
    #[serde(default)]
    pub hide_parked: bool,
}

impl BoardFilter {
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.tag.is_none() && !self.adopted_only && !self.hide_parked
    }

    pub fn matches(&self, card: &CardOverview) -> bool {
        self.accepts(
            &card.title,
            &card.tags,
            card.adoptions > 0,
            card.parked.is_some(),
        )
    }

    /// Whether a card of this title and tags, with or without adoptions, parked or not,
    /// passes the filter (the browser reads those from the page's cards).
    pub fn accepts(&self, title: &str, tags: &[String], adopted: bool, parked: bool) -> bool {
        let title = title.to_lowercase();
        let words_match = self
            .text
            .split_whitespace()
            .all(|word| title.contains(&word.to_lowercase()));
        let tag_matches = self.tag.as_ref().is_none_or(|tag| tags.contains(tag));
        words_match
            && tag_matches
            && (!self.adopted_only || adopted)
            && !(self.hide_parked && parked)
    }
}

impl Board {
    /// The cards of one stage that pass the filter, in board order.
    pub fn column<'a>(
        &'a self,
        stage: &'a str,
        filter: &'a BoardFilter,
    ) -> impl Iterator<Item = &'a CardOverview> + 'a {
        self.cards
            .iter()
            .filter(move |c| c.stage == stage && filter.matches(c))
    }

    /// Whether `card` is stale at `now` (see [`super::parking`]).
    pub fn is_stale(&self, card: &CardOverview, now: DateTime<Utc>) -> bool {
        is_stale(
            card.last_activity,
            card.parked.is_some(),
            card.stage == self.workflow.last().key,
            now,
            self.workflow.stale_after_days,
        )
    }

    /// Every tag in use, sorted, for the tag filter.
    pub fn tags(&self) -> Vec<String> {
        let mut tags: Vec<String> = self.cards.iter().flat_map(|c| c.tags.clone()).collect();
        tags.sort();
        tags.dedup();
        tags
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(title: &str, stage: &str, tags: &[&str], adoptions: u32) -> CardOverview {
        CardOverview {
            id: Uuid::from_u128(u128::from(adoptions) + title.len() as u128),
            title: title.into(),
            stage: StageKey::stored(stage.into()),
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            version: 1,
            solutions: 0,
            adoptions,
            companies: adoptions,
            evidence: CardEvidence::default(),
            last_activity: Utc::now(),
            parked: None,
        }
    }

    fn board() -> Board {
        Board {
            last_event: 0,
            read_at: Utc::now(),
            workflow: Workflow::charter(),
            cards: vec![
                card(
                    "How do I present InnerSource KPIs?",
                    "proposed",
                    &["metrics"],
                    0,
                ),
                card(
                    "How do I sell InnerSource to senior leadership?",
                    "external",
                    &["leadership"],
                    2,
                ),
                card(
                    "How do we measure ROI?",
                    "challenge",
                    &["metrics", "funding"],
                    0,
                ),
            ],
        }
    }

    #[test]
    fn empty_filter_shows_each_column() {
        let board = board();
        let all = BoardFilter::default();
        assert!(all.is_empty());
        assert_eq!(board.column("proposed", &all).count(), 1);
        assert_eq!(board.column("validated", &all).count(), 0);
    }

    #[test]
    fn text_tag_and_adoption_filters_combine() {
        let board = board();
        let text = BoardFilter {
            text: "innersource KPI".into(),
            ..BoardFilter::default()
        };
        assert_eq!(board.column("proposed", &text).count(), 1);
        assert_eq!(board.column("external", &text).count(), 0);
        let tag = BoardFilter {
            tag: Some("metrics".into()),
            ..BoardFilter::default()
        };
        let matching: Vec<_> = board.cards.iter().filter(|c| tag.matches(c)).collect();
        assert_eq!(matching.len(), 2);
        let adopted = BoardFilter {
            adopted_only: true,
            ..BoardFilter::default()
        };
        assert_eq!(board.cards.iter().filter(|c| adopted.matches(c)).count(), 1);
        assert_eq!(board.tags(), ["funding", "leadership", "metrics"]);
    }
}
