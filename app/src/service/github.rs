//! Importing the group's GitHub Projects board from what
//! `gh project item-list NUMBER --owner ORG --format json --limit 1000` prints
//! (`{"items": [{"id", "title", "status", "labels", "assignees", "content": {"type",
//! "title", "body", "number", "url", "repository"}}], "totalCount"}`; an item with no
//! status lacks the key). Each item becomes a card: its title, its body with a link to its
//! issue, its labels as tags. Its status names its stage, by stage name or key in any case
//! or through `--map "In Progress=proposed"`; an item with no or an unknown status goes to
//! the first stage and is listed. Cards move towards their stage through the same gated
//! moves people make: one whose evidence does not meet a gate stops before it and is
//! listed. Importing the same file again updates cards instead of adding them. One
//! transaction.

use std::collections::HashMap;

use sea_orm::DatabaseConnection;
use serde::Deserialize;

use super::cards;
use super::changes::Write;
use super::progress::Progress;
use crate::contract::AppError;
use crate::domain::{CardId, CardTitle, Description, History, TagName, Workflow};
use crate::store;
use crate::store::cards::{CardEdit, NewCard};

/// The source name recorded with each imported card.
pub const SOURCE: &str = "github";
/// Who the activity log says made the import's changes.
pub const ACTOR: &str = "GitHub Projects import";

#[derive(Debug, Deserialize)]
struct ItemList {
    items: Vec<Item>,
    #[serde(rename = "totalCount")]
    #[allow(dead_code)]
    total_count: Option<u64>,
}

#[derive(Debug, Deserialize)]
struct Item {
    id: String,
    title: Option<String>,
    status: Option<String>,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    assignees: Vec<String>,
    content: Option<Content>,
}

#[derive(Debug, Deserialize)]
struct Content {
    #[serde(rename = "type")]
    kind: Option<String>,
    title: Option<String>,
    body: Option<String>,
    number: Option<u64>,
    url: Option<String>,
    repository: Option<String>,
}

/// An item, as the import reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectItem {
    /// What identifies it across imports: its issue's address, or the item's id.
    pub key: String,
    pub title: String,
    pub body: String,
    pub url: Option<String>,
    pub status: Option<String>,
    pub labels: Vec<String>,
}

/// Reads the JSON `gh project item-list … --format json` prints.
pub fn parse(text: &str) -> Result<Vec<ProjectItem>, AppError> {
    let list: ItemList = serde_json::from_str(text).map_err(|e| {
        AppError::Validation(format!(
            "this is not what `gh project item-list --format json` prints ({e})"
        ))
    })?;
    let mut items = Vec::new();
    for (n, item) in list.items.into_iter().enumerate() {
        let content = item.content;
        let title = item
            .title
            .filter(|t| !t.trim().is_empty())
            .or_else(|| content.as_ref().and_then(|c| c.title.clone()))
            .unwrap_or_default();
        if title.trim().is_empty() {
            return Err(AppError::Validation(format!(
                "item {} (number {} in the file) has no title",
                item.id,
                n + 1
            )));
        }
        let url = content
            .as_ref()
            .and_then(|c| c.url.clone())
            .filter(|u| !u.is_empty());
        let mut body = content
            .as_ref()
            .and_then(|c| c.body.clone())
            .unwrap_or_default();
        if let Some(c) = &content {
            let mut origin = Vec::new();
            if let (Some(repository), Some(number)) = (&c.repository, c.number) {
                origin.push(format!("{repository}#{number}"));
            }
            if let Some(url) = &url {
                origin.push(format!("<{url}>"));
            }
            if !origin.is_empty() {
                let what = match c.kind.as_deref() {
                    Some("PullRequest") => "pull request",
                    Some("DraftIssue") => "draft issue",
                    _ => "issue",
                };
                body = format!("From the GitHub {what} {}.\n\n{body}", origin.join(" "));
            }
        }
        if !item.assignees.is_empty() {
            body.push_str(&format!(
                "\n\nAssignees on GitHub: {}.",
                item.assignees.join(", ")
            ));
        }
        items.push(ProjectItem {
            key: url.clone().unwrap_or_else(|| item.id.clone()),
            title: title.trim().to_owned(),
            body: body.trim().to_owned(),
            url,
            status: item.status.filter(|s| !s.trim().is_empty()),
            labels: item.labels,
        });
    }
    Ok(items)
}

/// Reads `--map "Status=stage"` entries.
pub fn parse_map(entries: &[String]) -> Result<HashMap<String, String>, AppError> {
    entries
        .iter()
        .map(|entry| {
            let (status, stage) = entry.split_once('=').ok_or_else(|| {
                AppError::Validation(format!(
                    "--map \u{201c}{entry}\u{201d}: write it as \"Status=stage\""
                ))
            })?;
            Ok((status.trim().to_lowercase(), stage.trim().to_owned()))
        })
        .collect()
}

/// The stage key a status names: through the map, else a stage's name or key in any case.
fn stage_for(workflow: &Workflow, map: &HashMap<String, String>, status: &str) -> Option<String> {
    let wanted = map
        .get(&status.trim().to_lowercase())
        .map(String::as_str)
        .unwrap_or(status)
        .trim()
        .to_lowercase();
    workflow
        .stages()
        .iter()
        .find(|s| s.key.as_str() == wanted || s.name.to_lowercase() == wanted)
        .map(|s| s.key.as_str().to_owned())
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Cards made, by title.
    pub imported: Vec<String>,
    /// Cards found from an earlier import and brought up to date, by title.
    pub updated: Vec<String>,
    /// Cards already up to date, by title.
    pub unchanged: Vec<String>,
    /// Items with no status or one no stage matches: title, status (if any).
    pub unmapped: Vec<(String, Option<String>)>,
    /// Cards whose evidence stops them before their status's stage: title, stage wanted,
    /// stage reached.
    pub held_back: Vec<(String, String, String)>,
}

/// Imports `items` in one transaction (none with `dry_run`).
pub async fn import(
    db: &DatabaseConnection,
    items: &[ProjectItem],
    map: &HashMap<String, String>,
    dry_run: bool,
    progress: &dyn Progress,
) -> Result<Report, AppError> {
    let w = Write::begin(db, Some(ACTOR)).await?;
    progress.start(items.len(), "items");
    let workflow = w.workflow.workflow.clone();
    // A map to a stage that does not exist is a mistake to say, not to ignore.
    for (status, stage) in map {
        if workflow.stage(stage).is_none()
            && !workflow
                .stages()
                .iter()
                .any(|s| s.name.eq_ignore_ascii_case(stage))
        {
            return Err(AppError::Validation(format!(
                "--map \u{201c}{status}={stage}\u{201d}: there is no stage \u{201c}{stage}\u{201d}"
            )));
        }
    }
    let known: HashMap<String, uuid::Uuid> = store::sources::of(w.txn(), SOURCE)
        .await?
        .into_iter()
        .map(|s| (s.key, s.card_id))
        .collect();
    let mut report = Report::default();
    for item in items {
        progress.step(&item.title);
        let target = item
            .status
            .as_deref()
            .and_then(|s| stage_for(&workflow, map, s));
        if target.is_none() {
            report
                .unmapped
                .push((item.title.clone(), item.status.clone()));
        }
        let title = CardTitle::parse(&item.title.chars().take(200).collect::<String>())?;
        let description = Description::parse(&item.body.chars().take(5_000).collect::<String>())?;
        let mut tags = Vec::new();
        for label in &item.labels {
            if let Ok(tag) = TagName::parse(label)
                && !tags.contains(&tag)
            {
                tags.push(tag);
            }
        }
        let card = match known.get(&item.key) {
            Some(id) => {
                let stored = store::cards::detail(w.txn(), *id, History::Recent).await?;
                let mut stored_tags: Vec<String> = stored.tags.clone();
                stored_tags.sort();
                let mut new_tags: Vec<String> =
                    tags.iter().map(|t| t.as_str().to_owned()).collect();
                new_tags.sort();
                if stored.title == title.as_str()
                    && stored.description == description.as_str()
                    && stored_tags == new_tags
                {
                    report.unchanged.push(item.title.clone());
                } else {
                    let edit = CardEdit {
                        title: Some(title.clone()),
                        description: Some(description.clone()),
                        tags: Some(tags.clone()),
                    };
                    cards::edit_card_in(&w, CardId(*id), stored.version, &edit).await?;
                    report.updated.push(item.title.clone());
                }
                CardId(*id)
            }
            None => {
                let new = NewCard {
                    title,
                    description,
                    tags,
                };
                let id = cards::create_card_in(&w, &new).await?;
                store::sources::record(w.txn(), SOURCE, &item.key, id.uuid(), item.url.as_deref())
                    .await?;
                report.imported.push(item.title.clone());
                id
            }
        };
        if let Some(target) = target {
            let (_, reached) = cards::advance_in(
                &w,
                card,
                Some(&target),
                "Imported from the group's GitHub Projects board.",
            )
            .await?;
            let at = |key: &str| workflow.stages().iter().position(|s| s.key.as_str() == key);
            if at(&reached) < at(&target) {
                let name = |key: &str| {
                    workflow
                        .stage(key)
                        .map(|s| s.name.clone())
                        .unwrap_or_else(|| key.to_owned())
                };
                report
                    .held_back
                    .push((item.title.clone(), name(&target), name(&reached)));
            }
        }
    }
    progress.finish();
    if !dry_run {
        w.commit().await?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_field_form_is_read() {
        let items = parse(
            r#"{"items": [
              {"id": "PVTI_1", "title": "How do we fund shared code?", "status": "In Progress",
               "labels": ["funding", "Senior Leaders"], "assignees": ["ada"],
               "content": {"type": "Issue", "title": "How do we fund shared code?", "body": "We need a model.",
                           "number": 12, "url": "https://github.com/o/r/issues/12", "repository": "o/r"}},
              {"id": "PVTI_2", "title": "A draft", "labels": [],
               "content": {"type": "DraftIssue", "title": "A draft", "body": ""}},
              {"id": "PVTI_3", "title": "", "status": "Done",
               "content": {"type": "PullRequest", "title": "Add the RFC template", "body": "x",
                           "number": 3, "url": "https://github.com/o/r/pull/3", "repository": "o/r"}}
            ], "totalCount": 3}"#,
        )
        .unwrap();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].key, "https://github.com/o/r/issues/12");
        assert_eq!(items[0].status.as_deref(), Some("In Progress"));
        assert!(
            items[0]
                .body
                .starts_with("From the GitHub issue o/r#12 <https://github.com/o/r/issues/12>.")
        );
        assert!(items[0].body.contains("We need a model."));
        assert!(items[0].body.ends_with("Assignees on GitHub: ada."));
        assert_eq!(items[1].key, "PVTI_2");
        assert_eq!(items[1].status, None);
        assert_eq!(items[2].title, "Add the RFC template");
        assert!(
            items[2]
                .body
                .starts_with("From the GitHub pull request o/r#3")
        );
    }

    #[test]
    fn statuses_map_by_name_key_or_map() {
        let workflow = Workflow::charter();
        let map = parse_map(&["In Progress=proposed".to_owned()]).unwrap();
        assert_eq!(
            stage_for(&workflow, &map, "in progress").as_deref(),
            Some("proposed")
        );
        assert_eq!(
            stage_for(&workflow, &map, "VALIDATED").as_deref(),
            Some("validated")
        );
        assert_eq!(
            stage_for(&workflow, &map, "Internal").as_deref(),
            Some("internal")
        );
        assert_eq!(stage_for(&workflow, &map, "Todo"), None);
        assert!(parse_map(&["no equals sign".to_owned()]).is_err());
        assert!(parse("{\"items\": [{\"title\": \"no id\"}]}").is_err());
    }
}
