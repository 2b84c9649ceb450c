//! Meeting mode's rules: which cards the agenda walks and in what order, the states of an
//! agenda item, the demo queue's order, which links can be shown as an embedded video,
//! and the minutes as Markdown. Pure; the store keeps meetings, the pages show them.

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::vocabulary::Vocabulary;
use super::{Board, DomainError, GateCheck, PublicAdoption, SolutionKind};

/// Where the walk through an agenda item ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgendaStatus {
    /// Not reached yet.
    Pending,
    Discussed,
    Skipped,
    /// Put aside for a later meeting.
    Parked,
}

impl Vocabulary for AgendaStatus {
    const FIELD: &'static str = "status";
    const ALL: &'static [Self] = &[Self::Pending, Self::Discussed, Self::Skipped, Self::Parked];

    fn key(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Discussed => "discussed",
            Self::Skipped => "skipped",
            Self::Parked => "parked",
        }
    }
}

impl AgendaStatus {
    pub const ALL: &'static [AgendaStatus] = <Self as Vocabulary>::ALL;

    pub fn key(self) -> &'static str {
        Vocabulary::key(self)
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        Vocabulary::parse(raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Not yet",
            Self::Discussed => "Discussed",
            Self::Skipped => "Skipped",
            Self::Parked => "Parked",
        }
    }
}

/// The cards a meeting walks: every open card that has not reached the last stage and is
/// not parked, in board order (stage by stage, then the order within the stage), the
/// stale ones (no activity for the board's number of days at `now`) last.
pub fn agenda_cards(board: &Board, now: DateTime<Utc>) -> Vec<Uuid> {
    let workflow = &board.workflow;
    let last = workflow.last().key.as_str();
    let mut open: Vec<(bool, usize, usize, Uuid)> = board
        .cards
        .iter()
        .enumerate()
        .filter(|(_, c)| c.stage != last && c.parked.is_none())
        .map(|(i, c)| {
            (
                board.is_stale(c, now),
                workflow.position(&c.stage).unwrap_or(usize::MAX),
                i,
                c.id,
            )
        })
        .collect();
    open.sort();
    open.into_iter().map(|(_, _, _, id)| id).collect()
}

/// The queue with `id` moved one place earlier (`up`) or later; unchanged at an end or
/// when `id` is not in it.
pub fn reorder(queue: &[Uuid], id: Uuid, up: bool) -> Vec<Uuid> {
    let mut order = queue.to_vec();
    if let Some(at) = order.iter().position(|q| *q == id) {
        let to = if up { at.checked_sub(1) } else { Some(at + 1) };
        if let Some(to) = to.filter(|to| *to < order.len()) {
            order.swap(at, to);
        }
    }
    order
}

/// The address to embed when `url` is a video on YouTube or Vimeo.
pub fn video_embed(url: &str) -> Option<String> {
    let rest = url
        .trim()
        .strip_prefix("https://")
        .or_else(|| url.trim().strip_prefix("http://"))?;
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let clean = |id: &str| -> Option<String> {
        let id: String = id
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        (!id.is_empty()).then_some(id)
    };
    if let Some(query) = rest.strip_prefix("youtube.com/watch?") {
        let id = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("v="))
            .and_then(clean)?;
        return Some(format!("https://www.youtube-nocookie.com/embed/{id}"));
    }
    if let Some(id) = rest.strip_prefix("youtu.be/").and_then(clean) {
        return Some(format!("https://www.youtube-nocookie.com/embed/{id}"));
    }
    if let Some(id) = rest.strip_prefix("vimeo.com/").and_then(clean)
        && id.chars().all(|c| c.is_ascii_digit())
    {
        return Some(format!("https://player.vimeo.com/video/{id}"));
    }
    None
}

/// An action agreed in a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextStep {
    pub id: Uuid,
    pub meeting_id: Uuid,
    /// The day of the meeting that agreed it.
    pub agreed_on: NaiveDate,
    pub card_id: Uuid,
    pub card_title: String,
    pub text: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub done: bool,
}

/// One card to walk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub id: Uuid,
    /// From 1.
    pub number: u32,
    pub card_id: Uuid,
    pub title: String,
    pub stage_name: String,
    /// What the card needs to enter the next stage, if there is one.
    pub next_gate: Option<GateCheck>,
    pub status: AgendaStatus,
    pub key_points: String,
    pub next_steps: Vec<NextStep>,
    /// The version a new record of the item must name: two people recording the same
    /// item cannot overwrite each other's key points unknowingly.
    #[serde(default)]
    pub version: i64,
}

/// One solution in the demo queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoEntry {
    pub id: Uuid,
    /// From 1.
    pub number: u32,
    pub solution_id: Uuid,
    pub title: String,
    pub kind: SolutionKind,
    pub card_id: Uuid,
    pub challenge: String,
    pub added_by: String,
}

/// A member and whether they attended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    /// The member's account; `None` where the viewer is a visitor.
    pub user_id: Option<Uuid>,
    pub name: String,
    pub present: bool,
}

/// What happened to one card since the previous meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardChanges {
    pub card_id: Uuid,
    pub title: String,
    /// "Ada Admin moved it from Challenge to Proposed", oldest first.
    pub changes: Vec<String>,
}

/// A meeting as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingView {
    pub id: Uuid,
    pub held_on: NaiveDate,
    pub facilitator: String,
    pub scribe: String,
    pub attendees: Vec<Attendee>,
    pub agenda: Vec<AgendaItem>,
    pub demos: Vec<DemoEntry>,
    /// Next steps of earlier meetings that are not done.
    pub open_steps: Vec<NextStep>,
    /// The day of the previous meeting, if any.
    pub previous: Option<NaiveDate>,
    /// Cards created, moved, edited, adopted or commented on since the previous meeting.
    pub since_previous: Vec<CardChanges>,
}

/// A meeting in the list of meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingSummary {
    pub id: Uuid,
    pub held_on: NaiveDate,
    pub facilitator: String,
    pub scribe: String,
    pub items: u32,
    pub walked: u32,
}

/// One demo, full screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presentation {
    pub meeting_id: Uuid,
    pub held_on: NaiveDate,
    pub demo: DemoEntry,
    /// How many demos the queue holds.
    pub total: u32,
    pub summary: String,
    pub url: Option<String>,
    pub landed_in: Option<String>,
    /// The challenge's description, rendered and sanitised.
    pub challenge_html: String,
    pub adoptions: Vec<PublicAdoption>,
    pub at: DateTime<Utc>,
}

/// The minutes of a meeting as Markdown: attendance, key points, next steps.
pub fn minutes_markdown(meeting: &MeetingView) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# ISPO working group meeting, {}\n", meeting.held_on);
    let _ = writeln!(out, "- Facilitator: {}", meeting.facilitator);
    let _ = writeln!(out, "- Scribe: {}", meeting.scribe);
    let present: Vec<&str> = meeting
        .attendees
        .iter()
        .filter(|a| a.present)
        .map(|a| a.name.as_str())
        .collect();
    let _ = writeln!(
        out,
        "- Attendance: {}\n",
        if present.is_empty() {
            "not recorded".to_owned()
        } else {
            present.join(", ")
        }
    );
    let _ = writeln!(out, "## Cards walked\n");
    for item in &meeting.agenda {
        let _ = writeln!(
            out,
            "### {}. {} ({}; {})\n",
            item.number,
            item.title,
            item.stage_name,
            item.status.label().to_lowercase()
        );
        if !item.key_points.trim().is_empty() {
            let _ = writeln!(out, "{}\n", item.key_points.trim());
        }
        for step in &item.next_steps {
            let _ = writeln!(
                out,
                "- [{}] {}",
                if step.done { "x" } else { " " },
                step_line(step)
            );
        }
        if !item.next_steps.is_empty() {
            out.push('\n');
        }
    }
    if !meeting.demos.is_empty() {
        let _ = writeln!(out, "## Demos\n");
        for demo in &meeting.demos {
            let _ = writeln!(
                out,
                "{}. {} (answers: {})",
                demo.number, demo.title, demo.challenge
            );
        }
        out.push('\n');
    }
    let steps: Vec<&NextStep> = meeting
        .agenda
        .iter()
        .flat_map(|i| i.next_steps.iter())
        .collect();
    let _ = writeln!(out, "## Next steps\n");
    if steps.is_empty() {
        let _ = writeln!(out, "None agreed.");
    }
    for step in steps {
        let _ = writeln!(
            out,
            "- [{}] {}: {}",
            if step.done { "x" } else { " " },
            step.card_title,
            step_line(step)
        );
    }
    out
}

fn step_line(step: &NextStep) -> String {
    let due = step.due.map(|d| format!(", due {d}")).unwrap_or_default();
    format!("{} (owner: {}{due})", step.text.trim(), step.owner)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::domain::{CardEvidence, CardOverview, StageKey, Workflow};

    fn card(stage: &str) -> CardOverview {
        CardOverview::new(
            Uuid::new_v4(),
            format!("In {stage}?"),
            StageKey::stored(stage.to_owned()),
            vec![],
            1,
            &CardEvidence::default(),
            crate::domain::Attention {
                last_activity: Utc::now(),
                parked: None,
            },
        )
    }

    #[test]
    fn the_agenda_walks_unfinished_cards_in_board_order() {
        let mut cards = vec![
            card("external"),
            card("validated"),
            card("challenge"),
            card("proposed"),
            card("challenge"),
            card("internal"),
            card("proposed"),
        ];
        let now = Utc::now();
        // Quiet for 40 days: stale, so walked last.
        cards[2].last_activity = now - chrono::Duration::days(40);
        // Parked: not walked at all.
        cards[5].parked = Some(crate::domain::Parking {
            reason: crate::domain::ParkReason::Blocked,
            note: String::new(),
            since: now,
        });
        // Parked and quiet: still not walked.
        cards[6].parked = cards[5].parked.clone();
        cards[6].last_activity = cards[2].last_activity;
        let board = Board {
            workflow: Workflow::charter(),
            cards: cards.clone(),
            last_event: 0,
            read_at: now,
        };
        let agenda = agenda_cards(&board, now);
        assert_eq!(
            agenda,
            vec![cards[4].id, cards[3].id, cards[0].id, cards[2].id]
        );
    }

    #[test]
    fn demos_move_one_place() {
        let (a, b, c) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let queue = [a, b, c];
        assert_eq!(reorder(&queue, c, true), [a, c, b]);
        assert_eq!(reorder(&queue, a, false), [b, a, c]);
        assert_eq!(reorder(&queue, a, true), queue);
        assert_eq!(reorder(&queue, c, false), queue);
        assert_eq!(reorder(&queue, Uuid::new_v4(), true), queue);
    }

    #[test]
    fn videos_are_embedded_from_known_hosts_only() {
        assert_eq!(
            video_embed("https://www.youtube.com/watch?v=abc_DEF-12&t=30").as_deref(),
            Some("https://www.youtube-nocookie.com/embed/abc_DEF-12")
        );
        assert_eq!(
            video_embed("https://youtu.be/xyz123").as_deref(),
            Some("https://www.youtube-nocookie.com/embed/xyz123")
        );
        assert_eq!(
            video_embed("https://vimeo.com/123456").as_deref(),
            Some("https://player.vimeo.com/video/123456")
        );
        assert_eq!(video_embed("https://vimeo.com/channels/x"), None);
        assert_eq!(video_embed("https://example.org/watch?v=1"), None);
        assert_eq!(video_embed("javascript:alert(1)"), None);
        assert_eq!(video_embed("https://youtu.be/\"><script>"), None);
    }

    #[test]
    fn statuses_parse() {
        assert_eq!(AgendaStatus::parse("Parked").unwrap(), AgendaStatus::Parked);
        assert!(AgendaStatus::parse("done").is_err());
    }

    #[test]
    fn minutes_list_attendance_key_points_and_next_steps() {
        let meeting_id = Uuid::new_v4();
        let card_id = Uuid::new_v4();
        let held_on = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let step = NextStep {
            id: Uuid::new_v4(),
            meeting_id,
            agreed_on: held_on,
            card_id,
            card_title: "How do we fund?".into(),
            text: "Ask finance".into(),
            owner: "Ada".into(),
            due: NaiveDate::from_ymd_opt(2026, 12, 9),
            done: false,
        };
        let meeting = MeetingView {
            id: meeting_id,
            held_on,
            facilitator: "Ada".into(),
            scribe: "Bob".into(),
            attendees: vec![
                Attendee {
                    user_id: Some(Uuid::new_v4()),
                    name: "Ada".into(),
                    present: true,
                },
                Attendee {
                    user_id: Some(Uuid::new_v4()),
                    name: "Cy".into(),
                    present: false,
                },
            ],
            agenda: vec![AgendaItem {
                id: Uuid::new_v4(),
                number: 1,
                card_id,
                title: "How do we fund?".into(),
                stage_name: "Challenge".into(),
                next_gate: None,
                status: AgendaStatus::Discussed,
                key_points: "Two models seen.".into(),
                next_steps: vec![step],
                version: 1,
            }],
            demos: vec![],
            open_steps: vec![],
            previous: None,
            since_previous: vec![],
        };
        let minutes = minutes_markdown(&meeting);
        assert!(minutes.starts_with("# ISPO working group meeting, 2026-11-25"));
        assert!(minutes.contains("- Attendance: Ada\n"));
        assert!(minutes.contains("### 1. How do we fund? (Challenge; discussed)"));
        assert!(minutes.contains("Two models seen."));
        assert!(
            minutes.contains("- [ ] How do we fund?: Ask finance (owner: Ada, due 2026-12-09)")
        );
    }
}
