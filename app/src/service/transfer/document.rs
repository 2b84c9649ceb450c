//! The export document: every record of a board in one JSON file, with a format name and
//! version. Its records mirror the stored ones with two differences: stages, attendance,
//! agenda items, next steps and demos sit inside their workflow version or meeting, and
//! tags are names. Times are kept to the microsecond (what PostgreSQL keeps), so a file
//! reads back the same from either database. Accounts carry no password hash; sessions,
//! API tokens, invitations, the change feed and the catalogue index are not exported.

use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::Gate;
use crate::store::dump::Tables;
use crate::store::entities::{
    activity, adoption, agenda_item, card, comment, company, demo, meeting, meeting_attendee,
    next_step, solution, stage, user, workflow_version,
};

/// The `format` every export names.
pub const FORMAT: &str = "ispo-board-export";
/// The newest format version this build writes and reads. Version 2 added the workflow's
/// author, stage descriptions and stale days, parked cards and what an override lacked;
/// a version 1 file reads as one without them.
pub const VERSION: u32 = 2;

/// A whole board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: String,
    pub version: u32,
    pub workflow_versions: Vec<WorkflowVersionRecord>,
    pub users: Vec<UserRecord>,
    pub companies: Vec<CompanyRecord>,
    /// Other spellings of company names, by alias.
    pub company_aliases: Vec<AliasRecord>,
    pub tags: Vec<String>,
    pub cards: Vec<CardRecord>,
    /// Where imported cards came from (another tool's item).
    pub card_sources: Vec<CardSourceRecord>,
    pub solutions: Vec<SolutionRecord>,
    pub adoptions: Vec<AdoptionRecord>,
    pub activity: Vec<ActivityRecord>,
    pub comments: Vec<CommentRecord>,
    pub meetings: Vec<MeetingRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkflowVersionRecord {
    pub id: Uuid,
    pub number: i32,
    pub note: String,
    pub created_at: DateTime<Utc>,
    /// Who saved it (none: the system).
    #[serde(default)]
    pub author: Option<String>,
    /// Days without activity after which a card is stale.
    #[serde(default = "stale_days_default")]
    pub stale_after_days: u32,
    /// In board order.
    pub stages: Vec<StageRecord>,
}

fn stale_days_default() -> u32 {
    crate::domain::parking::STALE_DAYS_DEFAULT
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageRecord {
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub gate: Option<Gate>,
    pub wip_limit: Option<u32>,
}

/// An account, without its password: an imported account signs in once an admin sets a
/// password for it (`ispo-board admin set-password`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserRecord {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub role: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyRecord {
    pub id: Uuid,
    pub name: String,
    pub public: bool,
    pub descriptor: String,
    pub created_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasRecord {
    pub alias: String,
    /// The company name it stands for.
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardRecord {
    pub id: Uuid,
    pub title: String,
    pub description: String,
    pub stage: String,
    pub position: i64,
    pub version: i64,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Tag names, sorted.
    pub tags: Vec<String>,
    /// Why the card is parked (`blocked`, `waiting`, `out_of_scope`), if it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parked_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parked_note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parked_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardSourceRecord {
    pub card_id: Uuid,
    /// The tool, e.g. `github`.
    pub source: String,
    /// The item's key there.
    pub key: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SolutionRecord {
    pub id: Uuid,
    pub card_id: Uuid,
    pub title: String,
    pub kind: String,
    pub summary: String,
    pub url: Option<String>,
    pub landed_in: Option<String>,
    pub slug: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdoptionRecord {
    pub id: Uuid,
    pub solution_id: Uuid,
    pub company_id: Uuid,
    pub status: String,
    pub since: Option<NaiveDate>,
    pub evidence_url: Option<String>,
    pub notes: String,
    pub created_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityRecord {
    pub id: Uuid,
    pub card_id: Uuid,
    pub actor: Option<String>,
    pub kind: String,
    pub from_stage: Option<String>,
    pub to_stage: Option<String>,
    pub note: String,
    /// The workflow version the change was judged under.
    pub workflow_version_id: Uuid,
    pub created_at: DateTime<Utc>,
    /// For an override (`gate_overridden`): what the gates lacked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentRecord {
    pub id: Uuid,
    pub card_id: Uuid,
    pub author: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingRecord {
    pub id: Uuid,
    pub held_on: NaiveDate,
    pub facilitator: String,
    pub scribe: String,
    pub created_at: DateTime<Utc>,
    pub attendees: Vec<AttendeeRecord>,
    /// In agenda order.
    pub agenda: Vec<AgendaItemRecord>,
    pub next_steps: Vec<NextStepRecord>,
    /// In queue order.
    pub demos: Vec<DemoRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttendeeRecord {
    pub user_id: Uuid,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItemRecord {
    pub id: Uuid,
    pub card_id: Uuid,
    pub position: i32,
    pub status: String,
    pub key_points: String,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NextStepRecord {
    pub id: Uuid,
    pub card_id: Uuid,
    pub text: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub done: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoRecord {
    pub id: Uuid,
    pub solution_id: Uuid,
    pub position: i32,
    pub added_by: String,
}

/// A time as the file keeps it: to the microsecond.
fn at(time: DateTime<Utc>) -> DateTime<Utc> {
    time.trunc_subsecs(6)
}

/// The password hash an imported account gets: no password matches it.
pub const NO_PASSWORD: &str = "!imported";

impl Document {
    /// The document of what `tables` hold, in a stable order.
    pub fn from_tables(tables: Tables) -> Self {
        let Tables {
            mut workflow_versions,
            stages,
            mut users,
            tags,
            mut cards,
            card_tags,
            mut card_sources,
            mut companies,
            mut company_aliases,
            mut solutions,
            mut adoptions,
            mut activity,
            mut comments,
            mut meetings,
            attendees,
            agenda_items,
            next_steps,
            demos,
        } = tables;
        let tag_name: std::collections::HashMap<Uuid, String> =
            tags.iter().map(|t| (t.id, t.name.clone())).collect();
        let mut tag_names: Vec<String> = tags.into_iter().map(|t| t.name).collect();
        tag_names.sort();

        workflow_versions.sort_by_key(|v| (v.number, v.id));
        let workflow_versions = workflow_versions
            .into_iter()
            .map(|v| {
                let mut own: Vec<&stage::Model> = stages
                    .iter()
                    .filter(|s| s.workflow_version_id == v.id)
                    .collect();
                own.sort_by_key(|s| (s.position, s.key.clone()));
                WorkflowVersionRecord {
                    id: v.id,
                    number: v.number,
                    note: v.note,
                    created_at: at(v.created_at),
                    author: v.author,
                    stale_after_days: u32::try_from(v.stale_after_days)
                        .unwrap_or_else(|_| stale_days_default()),
                    stages: own.into_iter().map(stage_record).collect(),
                }
            })
            .collect();

        users.sort_by_key(|u| (u.created_at, u.id));
        companies.sort_by_key(|c| (c.created_at, c.id));
        company_aliases.sort_by(|a, b| a.alias_key.cmp(&b.alias_key));
        cards.sort_by_key(|c| (c.created_at, c.id));
        card_sources.sort_by(|a, b| (&a.source, &a.key).cmp(&(&b.source, &b.key)));
        solutions.sort_by_key(|s| (s.created_at, s.id));
        adoptions.sort_by_key(|a| (a.created_at, a.id));
        activity.sort_by_key(|a| (a.created_at, a.id));
        comments.sort_by_key(|c| (c.created_at, c.id));
        meetings.sort_by_key(|m| (m.held_on, m.created_at, m.id));

        let cards = cards
            .into_iter()
            .map(|c| {
                let mut tags: Vec<String> = card_tags
                    .iter()
                    .filter(|t| t.card_id == c.id)
                    .filter_map(|t| tag_name.get(&t.tag_id).cloned())
                    .collect();
                tags.sort();
                card_record(c, tags)
            })
            .collect();
        let meetings = meetings
            .into_iter()
            .map(|m| {
                let mut present: Vec<AttendeeRecord> = attendees
                    .iter()
                    .filter(|a| a.meeting_id == m.id)
                    .map(|a| AttendeeRecord {
                        user_id: a.user_id,
                        name: a.name.clone(),
                    })
                    .collect();
                present.sort_by_key(|a| a.user_id);
                let mut agenda: Vec<AgendaItemRecord> = agenda_items
                    .iter()
                    .filter(|i| i.meeting_id == m.id)
                    .cloned()
                    .map(agenda_record)
                    .collect();
                agenda.sort_by_key(|i| (i.position, i.id));
                let mut steps: Vec<&next_step::Model> =
                    next_steps.iter().filter(|s| s.meeting_id == m.id).collect();
                steps.sort_by_key(|s| (s.created_at, s.id));
                let mut queue: Vec<DemoRecord> = demos
                    .iter()
                    .filter(|d| d.meeting_id == m.id)
                    .map(|d| DemoRecord {
                        id: d.id,
                        solution_id: d.solution_id,
                        position: d.position,
                        added_by: d.added_by.clone(),
                    })
                    .collect();
                queue.sort_by_key(|d| (d.position, d.id));
                MeetingRecord {
                    id: m.id,
                    held_on: m.held_on,
                    facilitator: m.facilitator,
                    scribe: m.scribe,
                    created_at: at(m.created_at),
                    attendees: present,
                    agenda,
                    next_steps: steps.into_iter().cloned().map(step_record).collect(),
                    demos: queue,
                }
            })
            .collect();

        Document {
            format: FORMAT.to_owned(),
            version: VERSION,
            workflow_versions,
            users: users.into_iter().map(user_record).collect(),
            companies: companies.into_iter().map(company_record).collect(),
            company_aliases: company_aliases
                .into_iter()
                .map(|a| AliasRecord {
                    alias: a.alias,
                    name: a.name,
                })
                .collect(),
            tags: tag_names,
            cards,
            card_sources: card_sources
                .into_iter()
                .map(|s| CardSourceRecord {
                    card_id: s.card_id,
                    source: s.source,
                    key: s.key,
                    url: s.url,
                })
                .collect(),
            solutions: solutions.into_iter().map(solution_record).collect(),
            adoptions: adoptions.into_iter().map(adoption_record).collect(),
            activity: activity.into_iter().map(activity_record).collect(),
            comments: comments.into_iter().map(comment_record).collect(),
            meetings,
        }
    }

    /// The rows to store for this document; `company_key` gives a company name's
    /// comparison key. Call only on a document that passed [`super::check::check`].
    pub fn into_tables(self, company_key: impl Fn(&str) -> String) -> Tables {
        let tag_id = |name: &str| Uuid::new_v5(&Uuid::NAMESPACE_OID, name.as_bytes());
        let mut tables = Tables::default();
        for version in self.workflow_versions {
            for (position, s) in version.stages.iter().enumerate() {
                tables.stages.push(stage::Model {
                    id: Uuid::new_v4(),
                    workflow_version_id: version.id,
                    key: s.key.clone(),
                    name: s.name.clone(),
                    position: i32::try_from(position).unwrap_or(i32::MAX),
                    gate: s.gate.as_ref().and_then(|g| serde_json::to_string(g).ok()),
                    wip_limit: s.wip_limit.map(|l| i32::try_from(l).unwrap_or(i32::MAX)),
                    description: s.description.clone(),
                });
            }
            tables.workflow_versions.push(workflow_version::Model {
                id: version.id,
                number: version.number,
                note: version.note,
                created_at: version.created_at,
                author: version.author,
                stale_after_days: i32::try_from(version.stale_after_days).unwrap_or(30),
            });
        }
        tables.users = self
            .users
            .into_iter()
            .map(|u| user::Model {
                id: u.id,
                email: u.email,
                name: u.name,
                password_hash: NO_PASSWORD.to_owned(),
                role: u.role,
                active: u.active,
                created_at: u.created_at,
            })
            .collect();
        tables.tags = self
            .tags
            .iter()
            .map(|name| crate::store::entities::tag::Model {
                id: tag_id(name),
                name: name.clone(),
            })
            .collect();
        for c in self.cards {
            for name in &c.tags {
                tables
                    .card_tags
                    .push(crate::store::entities::card_tag::Model {
                        card_id: c.id,
                        tag_id: tag_id(name),
                    });
            }
            tables.cards.push(card::Model {
                id: c.id,
                title: c.title,
                description: c.description,
                stage_key: c.stage,
                position: c.position,
                version: c.version,
                archived: c.archived,
                created_at: c.created_at,
                updated_at: c.updated_at,
                parked_reason: c.parked_reason,
                parked_note: c.parked_note,
                parked_at: c.parked_at,
            });
        }
        tables.card_sources = self
            .card_sources
            .into_iter()
            .map(|s| crate::store::entities::card_source::Model {
                card_id: s.card_id,
                source: s.source,
                key: s.key,
                url: s.url,
            })
            .collect();
        tables.companies = self
            .companies
            .into_iter()
            .map(|c| company::Model {
                id: c.id,
                name_key: company_key(&c.name),
                name: c.name,
                public: c.public,
                descriptor: c.descriptor,
                created_at: c.created_at,
                version: c.version,
            })
            .collect();
        tables.company_aliases = self
            .company_aliases
            .into_iter()
            .map(|a| crate::store::entities::company_alias::Model {
                alias_key: a.alias.to_lowercase(),
                alias: a.alias,
                name: a.name,
            })
            .collect();
        tables.solutions = self
            .solutions
            .into_iter()
            .map(|s| solution::Model {
                id: s.id,
                card_id: s.card_id,
                title: s.title,
                kind: s.kind,
                summary: s.summary,
                url: s.url,
                landed_in: s.landed_in,
                slug: s.slug,
                created_at: s.created_at,
                updated_at: s.updated_at,
                version: s.version,
            })
            .collect();
        tables.adoptions = self
            .adoptions
            .into_iter()
            .map(|a| adoption::Model {
                id: a.id,
                solution_id: a.solution_id,
                company_id: a.company_id,
                status: a.status,
                since: a.since,
                evidence_url: a.evidence_url,
                notes: a.notes,
                created_at: a.created_at,
                version: a.version,
            })
            .collect();
        tables.activity = self
            .activity
            .into_iter()
            .map(|a| activity::Model {
                id: a.id,
                card_id: a.card_id,
                actor: a.actor,
                kind: a.kind,
                from_stage: a.from_stage,
                to_stage: a.to_stage,
                note: a.note,
                workflow_version_id: a.workflow_version_id,
                created_at: a.created_at,
                missing: a.missing,
            })
            .collect();
        tables.comments = self
            .comments
            .into_iter()
            .map(|c| comment::Model {
                id: c.id,
                card_id: c.card_id,
                author: c.author,
                body: c.body,
                created_at: c.created_at,
            })
            .collect();
        for m in self.meetings {
            for a in m.attendees {
                tables.attendees.push(meeting_attendee::Model {
                    meeting_id: m.id,
                    user_id: a.user_id,
                    name: a.name,
                });
            }
            for i in m.agenda {
                tables.agenda_items.push(agenda_item::Model {
                    id: i.id,
                    meeting_id: m.id,
                    card_id: i.card_id,
                    position: i.position,
                    status: i.status,
                    key_points: i.key_points,
                    version: i.version,
                });
            }
            for s in m.next_steps {
                tables.next_steps.push(next_step::Model {
                    id: s.id,
                    meeting_id: m.id,
                    card_id: s.card_id,
                    text: s.text,
                    owner: s.owner,
                    due: s.due,
                    done: s.done,
                    created_at: s.created_at,
                });
            }
            for d in m.demos {
                tables.demos.push(demo::Model {
                    id: d.id,
                    meeting_id: m.id,
                    solution_id: d.solution_id,
                    position: d.position,
                    added_by: d.added_by,
                });
            }
            tables.meetings.push(meeting::Model {
                id: m.id,
                held_on: m.held_on,
                facilitator: m.facilitator,
                scribe: m.scribe,
                created_at: m.created_at,
            });
        }
        tables
    }
}

fn stage_record(s: &stage::Model) -> StageRecord {
    StageRecord {
        key: s.key.clone(),
        name: s.name.clone(),
        description: s.description.clone(),
        gate: s.gate.as_deref().and_then(|g| serde_json::from_str(g).ok()),
        wip_limit: s.wip_limit.and_then(|l| u32::try_from(l).ok()),
    }
}

fn user_record(u: user::Model) -> UserRecord {
    UserRecord {
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
        active: u.active,
        created_at: at(u.created_at),
    }
}

fn company_record(c: company::Model) -> CompanyRecord {
    CompanyRecord {
        id: c.id,
        name: c.name,
        public: c.public,
        descriptor: c.descriptor,
        created_at: at(c.created_at),
        version: c.version,
    }
}

fn card_record(c: card::Model, tags: Vec<String>) -> CardRecord {
    CardRecord {
        id: c.id,
        title: c.title,
        description: c.description,
        stage: c.stage_key,
        position: c.position,
        version: c.version,
        archived: c.archived,
        created_at: at(c.created_at),
        updated_at: at(c.updated_at),
        tags,
        parked_reason: c.parked_reason,
        parked_note: c.parked_note,
        parked_at: c.parked_at.map(at),
    }
}

fn solution_record(s: solution::Model) -> SolutionRecord {
    SolutionRecord {
        id: s.id,
        card_id: s.card_id,
        title: s.title,
        kind: s.kind,
        summary: s.summary,
        url: s.url,
        landed_in: s.landed_in,
        slug: s.slug,
        created_at: at(s.created_at),
        updated_at: at(s.updated_at),
        version: s.version,
    }
}

fn adoption_record(a: adoption::Model) -> AdoptionRecord {
    AdoptionRecord {
        id: a.id,
        solution_id: a.solution_id,
        company_id: a.company_id,
        status: a.status,
        since: a.since,
        evidence_url: a.evidence_url,
        notes: a.notes,
        created_at: at(a.created_at),
        version: a.version,
    }
}

fn activity_record(a: activity::Model) -> ActivityRecord {
    ActivityRecord {
        id: a.id,
        card_id: a.card_id,
        actor: a.actor,
        kind: a.kind,
        from_stage: a.from_stage,
        to_stage: a.to_stage,
        note: a.note,
        workflow_version_id: a.workflow_version_id,
        created_at: at(a.created_at),
        missing: a.missing,
    }
}

fn comment_record(c: comment::Model) -> CommentRecord {
    CommentRecord {
        id: c.id,
        card_id: c.card_id,
        author: c.author,
        body: c.body,
        created_at: at(c.created_at),
    }
}

fn agenda_record(i: agenda_item::Model) -> AgendaItemRecord {
    AgendaItemRecord {
        id: i.id,
        card_id: i.card_id,
        position: i.position,
        status: i.status,
        key_points: i.key_points,
        version: i.version,
    }
}

fn step_record(s: next_step::Model) -> NextStepRecord {
    NextStepRecord {
        id: s.id,
        card_id: s.card_id,
        text: s.text,
        owner: s.owner,
        due: s.due,
        done: s.done,
        created_at: at(s.created_at),
    }
}
