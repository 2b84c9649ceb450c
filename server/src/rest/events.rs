//! `GET /api/v1/events`: server-sent events, one per change (`{"id", "kind", "card_id",
//! "meeting_id", "actor", "at"}`), each with its number as the SSE id. A client that reconnects with
//! `Last-Event-ID` (browsers do so by themselves), or `?after=N`, first gets what it
//! missed; when it missed too much, falls too far behind, or names an event that does not
//! exist yet (a database restored from a backup), it gets a `resync` event and should
//! reload what it shows. Streams are capped per process and per client (503 beyond), end
//! after the hub's lifetime (the browser reconnects within a second and resumes), and end
//! at once when the server shuts down. `?card=ID` keeps only the changes that concern that
//! card (as a card's page follows it), `?meeting=ID` those that concern that meeting; both
//! by the domain's own rules ([`BoardEvent::touches`], [`BoardEvent::touches_meeting`]).

use std::collections::VecDeque;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::time::Duration;

use axum::Extension;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::Stream;
use serde::Deserialize;
use tokio::sync::broadcast::error::RecvError;

use app::contract::AppError;
use app::domain::BoardEvent;
use app::state::AppState;

use super::ApiError;
use super::wire::ErrorBody;
use crate::live::{Admission, LiveHub};

/// The most missed events replayed on reconnection; beyond it the client resyncs.
const REPLAY_MAX: u64 = 1000;

#[derive(Debug, Deserialize)]
pub struct Resume {
    after: Option<i64>,
    card: Option<uuid::Uuid>,
    meeting: Option<uuid::Uuid>,
}

/// Which changes a stream carries.
#[derive(Debug, Clone, Copy)]
struct Concern {
    card: Option<uuid::Uuid>,
    meeting: Option<uuid::Uuid>,
}

impl Concern {
    fn wants(self, event: &BoardEvent) -> bool {
        self.card.is_none_or(|card| event.touches(card))
            && self
                .meeting
                .is_none_or(|meeting| event.touches_meeting(meeting))
    }
}

fn change(event: &BoardEvent) -> Event {
    Event::default()
        .id(event.id.to_string())
        .data(serde_json::to_string(event).unwrap_or_default())
}

fn resync() -> Event {
    Event::default().event("resync").data("{}")
}

/// How soon a browser reconnects after its stream ended.
const RECONNECT_AFTER: Duration = Duration::from_secs(1);

struct Feed {
    receiver: tokio::sync::broadcast::Receiver<BoardEvent>,
    backlog: VecDeque<Event>,
    last: i64,
    deadline: tokio::time::Instant,
    closing: tokio::sync::watch::Receiver<bool>,
    concern: Concern,
    _admission: Admission,
}

/// Server-sent events, one per change; see the module's documentation.
#[utoipa::path(get, operation_id = "events", path = "/events", tag = "live",
    params(
        ("after" = Option<i64>, Query, description = "Resume after this event number (or send `Last-Event-ID`)"),
        ("card" = Option<uuid::Uuid>, Query, description = "Only the changes that concern this card (and those that concern every card)"),
        ("meeting" = Option<uuid::Uuid>, Query, description = "Only the changes that concern this meeting (and those to cards or the workflow, which its agenda shows)"),
    ),
    responses(
        (status = 200, description = "A stream of server-sent events: `data` is `{\"id\", \"kind\", \"card_id\", \"meeting_id\", \"actor\", \"at\"}`; an event named `resync` asks to reload", content_type = "text/event-stream", body = String),
        (status = 503, description = "Too many open streams", body = ErrorBody),
    ))]
pub async fn stream(
    State(state): State<AppState>,
    Extension(hub): Extension<LiveHub>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(resume): Query<Resume>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    let client = state.client_of(Some(peer.ip()), &headers);
    let Some(admission) = hub.admit(&client) else {
        tracing::warn!(event = "live_streams_full", client, "security");
        return Err(AppError::Busy(
            "too many live-update connections are open; close some pages or try again later".into(),
        )
        .into());
    };
    // Subscribe before reading the backlog: nothing can fall between the two.
    let receiver = hub.subscribe();
    let resume_from = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .or(resume.after);
    let concern = Concern {
        card: resume.card,
        meeting: resume.meeting,
    };
    let mut backlog = VecDeque::from([Event::default().retry(RECONNECT_AFTER).comment("live")]);
    let latest = app::service::live::latest(&state.db).await?;
    let last = match resume_from {
        // An event this database never had: the page holds something else; reload.
        Some(after) if after > latest => {
            backlog.push_back(resync());
            latest
        }
        Some(after) => {
            let missed = app::service::live::since(&state.db, after, REPLAY_MAX).await?;
            if missed.len() as u64 == REPLAY_MAX {
                backlog.push_back(resync());
                latest
            } else {
                let last = missed.last().map_or(after, |e| e.id);
                backlog.extend(missed.iter().filter(|e| concern.wants(e)).map(change));
                last
            }
        }
        None => latest,
    };
    let feed = Feed {
        receiver,
        backlog,
        last,
        deadline: tokio::time::Instant::now() + hub.lifetime,
        closing: hub.closing(),
        concern,
        _admission: admission,
    };
    let events = futures::stream::unfold(feed, |mut feed| async move {
        if let Some(event) = feed.backlog.pop_front() {
            return Some((Ok(event), feed));
        }
        loop {
            if *feed.closing.borrow() {
                return None;
            }
            let received = tokio::select! {
                received = feed.receiver.recv() => received,
                // The stream has lived long enough: end it; the browser resumes.
                () = tokio::time::sleep_until(feed.deadline) => return None,
                _ = feed.closing.changed() => return None,
            };
            match received {
                Ok(event) if event.id <= feed.last => continue,
                Ok(event) if !feed.concern.wants(&event) => {
                    feed.last = event.id;
                    continue;
                }
                Ok(event) => {
                    feed.last = event.id;
                    return Some((Ok(change(&event)), feed));
                }
                Err(RecvError::Lagged(_)) => return Some((Ok(resync()), feed)),
                Err(RecvError::Closed) => return None,
            }
        }
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}
