//! Whether an export document holds together before anything of it is stored: every
//! reference points at a record in the file, every vocabulary value is known, every
//! workflow version is a valid workflow, and no id, email, company name, tag or slug is
//! used twice. The first problem found is reported, naming its record. Pure.

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use super::document::Document;
use crate::domain::meetings::AgendaStatus;
use crate::domain::{
    AdoptionStatus, ChangeKind, CompanyName, Role, SolutionKind, Stage, StageKey, Workflow,
};

/// Checks `doc`; the error says which record is wrong and why.
pub fn check(doc: &Document) -> Result<(), String> {
    let mut versions = HashSet::new();
    let mut numbers = HashSet::new();
    let mut keys_in_force: Vec<String> = Vec::new();
    let mut any_version_keys = HashSet::new();
    let newest = doc.workflow_versions.iter().map(|v| v.number).max();
    if newest.is_none() {
        return Err("the file has no workflow version".into());
    }
    for version in &doc.workflow_versions {
        let name = format!("workflow version {} ({})", version.number, version.id);
        unique(&mut versions, version.id, &name)?;
        if !numbers.insert(version.number) {
            return Err(format!(
                "{name}: the number {} is used twice",
                version.number
            ));
        }
        let mut stages = Vec::new();
        for stage in &version.stages {
            let key = StageKey::parse(&stage.key)
                .map_err(|_| format!("{name}: \"{}\" is not a valid stage key", stage.key))?;
            stages.push(Stage {
                key,
                name: stage.name.clone(),
                description: stage.description.clone(),
                gate: stage.gate.clone(),
                wip_limit: stage.wip_limit,
            });
            any_version_keys.insert(stage.key.clone());
        }
        Workflow::new(version.number, stages).map_err(|e| format!("{name}: {e}"))?;
        if Some(version.number) == newest {
            keys_in_force = version.stages.iter().map(|s| s.key.clone()).collect();
        }
    }

    let mut users = HashSet::new();
    let mut emails = HashSet::new();
    for user in &doc.users {
        let name = format!("account {} ({})", user.id, user.email);
        unique(&mut users, user.id, &name)?;
        if !emails.insert(user.email.trim().to_lowercase()) {
            return Err(format!("{name}: the email address is used twice"));
        }
        Role::parse(&user.role).map_err(|e| format!("{name}: {e}"))?;
    }

    let mut companies = HashSet::new();
    let mut company_keys = HashSet::new();
    for company in &doc.companies {
        let name = format!("company {} (\u{201c}{}\u{201d})", company.id, company.name);
        unique(&mut companies, company.id, &name)?;
        let parsed = CompanyName::parse(&company.name).map_err(|e| format!("{name}: {e}"))?;
        if !company_keys.insert(parsed.key()) {
            return Err(format!("{name}: another company has the same name"));
        }
    }

    let mut aliases = HashSet::new();
    for alias in &doc.company_aliases {
        let name = format!("company alias \u{201c}{}\u{201d}", alias.alias);
        let parsed = CompanyName::parse(&alias.alias).map_err(|e| format!("{name}: {e}"))?;
        CompanyName::parse(&alias.name).map_err(|e| format!("{name}: {e}"))?;
        if !aliases.insert(parsed.key()) {
            return Err(format!("{name} is listed twice"));
        }
    }

    let mut tags = HashSet::new();
    for tag in &doc.tags {
        if tag.trim().is_empty() || !tags.insert(tag.as_str()) {
            return Err(format!(
                "tag \u{201c}{tag}\u{201d} is empty or listed twice"
            ));
        }
    }

    let mut cards = HashSet::new();
    for card in &doc.cards {
        let name = format!("card {} (\u{201c}{}\u{201d})", card.id, card.title);
        unique(&mut cards, card.id, &name)?;
        let known = if card.archived {
            any_version_keys.contains(&card.stage)
        } else {
            keys_in_force.contains(&card.stage)
        };
        if !known {
            return Err(format!(
                "{name}: its stage \u{201c}{}\u{201d} is not a stage of the workflow in force ({})",
                card.stage,
                keys_in_force.join(", ")
            ));
        }
        if let Some(tag) = card.tags.iter().find(|t| !tags.contains(t.as_str())) {
            return Err(format!(
                "{name}: its tag \u{201c}{tag}\u{201d} is not in the file's tag list"
            ));
        }
        if let Some(reason) = &card.parked_reason {
            crate::domain::ParkReason::parse(reason)
                .map_err(|e| format!("{name}: why it is parked: {e}"))?;
        }
    }

    let mut sources = HashSet::new();
    for source in &doc.card_sources {
        let name = format!("card source {} {}", source.source, source.key);
        refers(&cards, source.card_id, &name, "card")?;
        if !sources.insert((source.source.as_str(), source.key.as_str())) {
            return Err(format!("{name} is listed twice"));
        }
    }

    let mut solutions = HashSet::new();
    let mut slugs = HashSet::new();
    for solution in &doc.solutions {
        let name = format!(
            "solution {} (\u{201c}{}\u{201d})",
            solution.id, solution.title
        );
        unique(&mut solutions, solution.id, &name)?;
        refers(&cards, solution.card_id, &name, "card")?;
        SolutionKind::parse(&solution.kind).map_err(|e| format!("{name}: {e}"))?;
        if let Some(slug) = &solution.slug
            && !slugs.insert(slug.as_str())
        {
            return Err(format!(
                "{name}: its address /solutions/{slug} is used twice"
            ));
        }
    }

    let mut adoptions = HashSet::new();
    for adoption in &doc.adoptions {
        let name = format!("adoption {}", adoption.id);
        unique(&mut adoptions, adoption.id, &name)?;
        refers(&solutions, adoption.solution_id, &name, "solution")?;
        refers(&companies, adoption.company_id, &name, "company")?;
        AdoptionStatus::parse(&adoption.status).map_err(|e| format!("{name}: {e}"))?;
    }

    let mut entries = HashSet::new();
    for entry in &doc.activity {
        let name = format!("activity entry {}", entry.id);
        unique(&mut entries, entry.id, &name)?;
        refers(&cards, entry.card_id, &name, "card")?;
        refers(
            &versions,
            entry.workflow_version_id,
            &name,
            "workflow version",
        )?;
        ChangeKind::parse(&entry.kind).map_err(|e| format!("{name}: {e}"))?;
    }

    let mut comments = HashSet::new();
    for comment in &doc.comments {
        let name = format!("comment {}", comment.id);
        unique(&mut comments, comment.id, &name)?;
        refers(&cards, comment.card_id, &name, "card")?;
    }

    let mut meetings = HashSet::new();
    let mut items = HashSet::new();
    for meeting in &doc.meetings {
        let name = format!("meeting {} (of {})", meeting.id, meeting.held_on);
        unique(&mut meetings, meeting.id, &name)?;
        let mut present = HashSet::new();
        for attendee in &meeting.attendees {
            let who = format!("{name}, attendee {}", attendee.user_id);
            refers(&users, attendee.user_id, &who, "account")?;
            unique(&mut present, attendee.user_id, &who)?;
        }
        let mut positions = HashMap::new();
        for item in &meeting.agenda {
            let what = format!("{name}, agenda item {}", item.id);
            unique(&mut items, item.id, &what)?;
            refers(&cards, item.card_id, &what, "card")?;
            AgendaStatus::parse(&item.status).map_err(|e| format!("{what}: {e}"))?;
            if positions.insert(item.position, item.id).is_some() {
                return Err(format!("{what}: position {} is used twice", item.position));
            }
        }
        for step in &meeting.next_steps {
            let what = format!("{name}, next step {}", step.id);
            unique(&mut items, step.id, &what)?;
            refers(&cards, step.card_id, &what, "card")?;
        }
        for demo in &meeting.demos {
            let what = format!("{name}, demo {}", demo.id);
            unique(&mut items, demo.id, &what)?;
            refers(&solutions, demo.solution_id, &what, "solution")?;
        }
    }
    Ok(())
}

fn unique(seen: &mut HashSet<Uuid>, id: Uuid, name: &str) -> Result<(), String> {
    if seen.insert(id) {
        Ok(())
    } else {
        Err(format!("{name}: the id is used twice"))
    }
}

fn refers(known: &HashSet<Uuid>, id: Uuid, name: &str, what: &str) -> Result<(), String> {
    if known.contains(&id) {
        Ok(())
    } else {
        Err(format!(
            "{name} refers to {what} {id}, which is not in the file"
        ))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use chrono::{NaiveDate, TimeZone, Utc};
    use uuid::Uuid;

    use super::check;
    use crate::service::transfer::document::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    /// A small consistent board: one version, one account, company, card, solution,
    /// adoption, activity entry, comment and meeting.
    fn board() -> Document {
        let at = Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        Document {
            format: FORMAT.into(),
            version: VERSION,
            workflow_versions: vec![WorkflowVersionRecord {
                id: id(1),
                number: 1,
                note: "charter".into(),
                created_at: at,
                author: None,
                stale_after_days: 30,
                stages: ["challenge", "proposed"]
                    .iter()
                    .map(|k| StageRecord {
                        key: (*k).into(),
                        name: k.to_uppercase(),
                        description: String::new(),
                        gate: None,
                        wip_limit: None,
                    })
                    .collect(),
            }],
            users: vec![UserRecord {
                id: id(2),
                email: "ada@example.org".into(),
                name: "Ada".into(),
                role: "admin".into(),
                active: true,
                created_at: at,
            }],
            companies: vec![CompanyRecord {
                id: id(3),
                name: "Fabrikam".into(),
                public: true,
                descriptor: String::new(),
                created_at: at,
                version: 1,
            }],
            company_aliases: vec![AliasRecord {
                alias: "Fabrikam Inc.".into(),
                name: "Fabrikam".into(),
            }],
            tags: vec!["kpi".into()],
            cards: vec![CardRecord {
                id: id(4),
                title: "How do we measure?".into(),
                description: String::new(),
                stage: "proposed".into(),
                position: 1,
                version: 2,
                archived: false,
                created_at: at,
                updated_at: at,
                tags: vec!["kpi".into()],
                parked_reason: Some("waiting".into()),
                parked_note: Some("for the survey".into()),
                parked_at: Some(at),
            }],
            card_sources: vec![CardSourceRecord {
                card_id: id(4),
                source: "github".into(),
                key: "https://github.com/o/r/issues/1".into(),
                url: Some("https://github.com/o/r/issues/1".into()),
            }],
            solutions: vec![SolutionRecord {
                id: id(5),
                card_id: id(4),
                title: "A dashboard".into(),
                kind: "tool".into(),
                summary: String::new(),
                url: None,
                landed_in: None,
                slug: Some("a-dashboard".into()),
                created_at: at,
                updated_at: at,
                version: 1,
            }],
            adoptions: vec![AdoptionRecord {
                id: id(6),
                solution_id: id(5),
                company_id: id(3),
                status: "in_use".into(),
                since: Some(day),
                evidence_url: None,
                notes: String::new(),
                created_at: at,
                version: 1,
            }],
            activity: vec![ActivityRecord {
                id: id(7),
                card_id: id(4),
                actor: Some("Ada".into()),
                kind: "moved".into(),
                from_stage: Some("challenge".into()),
                to_stage: Some("proposed".into()),
                note: String::new(),
                workflow_version_id: id(1),
                created_at: at,
                missing: None,
            }],
            comments: vec![CommentRecord {
                id: id(8),
                card_id: id(4),
                author: "Ada".into(),
                body: "Good".into(),
                created_at: at,
            }],
            meetings: vec![MeetingRecord {
                id: id(9),
                held_on: day,
                facilitator: "Ada".into(),
                scribe: "Ada".into(),
                created_at: at,
                attendees: vec![AttendeeRecord {
                    user_id: id(2),
                    name: "Ada".into(),
                }],
                agenda: vec![AgendaItemRecord {
                    id: id(10),
                    card_id: id(4),
                    position: 1,
                    status: "discussed".into(),
                    key_points: String::new(),
                    version: 1,
                }],
                next_steps: vec![],
                demos: vec![DemoRecord {
                    id: id(11),
                    solution_id: id(5),
                    position: 1,
                    added_by: "Ada".into(),
                }],
            }],
        }
    }

    fn refused(doc: &Document) -> String {
        check(doc).expect_err("the document should be refused")
    }

    #[test]
    fn a_consistent_board_passes() {
        assert_eq!(check(&board()), Ok(()));
    }

    #[test]
    fn a_version_1_file_reads_without_the_fields_version_2_added() {
        let mut value = serde_json::to_value(board()).unwrap();
        value["version"] = 1.into();
        let version = &mut value["workflow_versions"][0];
        version.as_object_mut().unwrap().remove("author");
        version.as_object_mut().unwrap().remove("stale_after_days");
        for stage in version["stages"].as_array_mut().unwrap() {
            stage.as_object_mut().unwrap().remove("description");
        }
        for field in ["parked_reason", "parked_note", "parked_at"] {
            value["cards"][0].as_object_mut().unwrap().remove(field);
        }
        let doc = crate::service::transfer::parse(&value.to_string()).unwrap();
        assert_eq!(doc.workflow_versions[0].stale_after_days, 30);
        assert_eq!(doc.workflow_versions[0].author, None);
        assert_eq!(doc.cards[0].parked_reason, None);
        assert_eq!(check(&doc), Ok(()));
    }

    #[test]
    fn an_unknown_stage_names_the_card() {
        let mut doc = board();
        let mut parked = board();
        parked.cards[0].parked_reason = Some("bored".into());
        let message = refused(&parked);
        assert!(message.contains("why it is parked"), "{message}");
        doc.cards[0].stage = "doing".into();
        let message = refused(&doc);
        assert!(
            message.contains("card 00000000-0000-0000-0000-000000000004"),
            "{message}"
        );
        assert!(message.contains("\u{201c}doing\u{201d}"), "{message}");
        assert!(message.contains("challenge, proposed"), "{message}");
    }

    #[test]
    fn an_adoption_of_a_missing_solution_names_both() {
        let mut doc = board();
        doc.adoptions[0].solution_id = id(99);
        assert_eq!(
            refused(&doc),
            "adoption 00000000-0000-0000-0000-000000000006 refers to solution \
             00000000-0000-0000-0000-000000000063, which is not in the file"
        );
    }

    #[test]
    fn references_of_every_kind_are_checked() {
        type Breaker = Box<dyn Fn(&mut Document)>;
        let cases: Vec<(&str, Breaker)> = vec![
            ("company", Box::new(|d| d.adoptions[0].company_id = id(98))),
            ("card", Box::new(|d| d.solutions[0].card_id = id(98))),
            ("card", Box::new(|d| d.comments[0].card_id = id(98))),
            ("card", Box::new(|d| d.card_sources[0].card_id = id(98))),
            (
                "workflow version",
                Box::new(|d| d.activity[0].workflow_version_id = id(98)),
            ),
            (
                "account",
                Box::new(|d| d.meetings[0].attendees[0].user_id = id(98)),
            ),
            (
                "card",
                Box::new(|d| d.meetings[0].agenda[0].card_id = id(98)),
            ),
            (
                "solution",
                Box::new(|d| d.meetings[0].demos[0].solution_id = id(98)),
            ),
        ];
        for (what, break_it) in cases {
            let mut doc = board();
            break_it(&mut doc);
            let message = refused(&doc);
            assert!(message.contains(&format!("refers to {what} ")), "{message}");
        }
    }

    #[test]
    fn unknown_vocabulary_and_repeats_are_refused() {
        let mut doc = board();
        doc.adoptions[0].status = "rumoured".into();
        assert!(refused(&doc).starts_with("adoption 00000000-0000-0000-0000-000000000006: "));

        let mut doc = board();
        doc.users[0].role = "owner".into();
        assert!(refused(&doc).contains("account"));

        let mut doc = board();
        let mut twin = doc.companies[0].clone();
        twin.id = id(50);
        twin.name = "FABRIKAM".into();
        doc.companies.push(twin);
        assert!(refused(&doc).contains("another company has the same name"));

        let mut doc = board();
        let twin = doc.cards[0].clone();
        doc.cards.push(twin);
        assert!(refused(&doc).contains("the id is used twice"));

        let mut doc = board();
        doc.cards[0].tags = vec!["unlisted".into()];
        assert!(refused(&doc).contains("\u{201c}unlisted\u{201d}"));

        let mut doc = board();
        doc.workflow_versions[0].stages[1].key = "challenge".into();
        assert!(refused(&doc).contains("used twice"));

        let mut doc = board();
        doc.workflow_versions.clear();
        assert_eq!(refused(&doc), "the file has no workflow version");
    }

    #[test]
    fn archived_cards_may_keep_a_stage_of_an_earlier_version() {
        let mut doc = board();
        let mut older = doc.workflow_versions[0].clone();
        older.id = id(20);
        older.number = 0;
        older.stages[1].key = "retired".into();
        doc.workflow_versions.insert(0, older);
        doc.cards[0].stage = "retired".into();
        assert!(
            check(&doc).is_err(),
            "an open card must sit in the workflow in force"
        );
        doc.cards[0].archived = true;
        assert_eq!(check(&doc), Ok(()));
    }
}
