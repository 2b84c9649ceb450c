//! `GET /api/v1/events`: server-sent events, one per change (`{"id", "kind", "card_id",
//! "actor", "at"}`), each with its number as the SSE id. A client that reconnects with
//! `Last-Event-ID` (browsers do so by themselves), or `?after=N`, first gets what it
//! missed; when it missed too much, or falls too far behind, it gets a `resync` event and
//! should reload what it shows.

use std::collections::VecDeque;
use std::convert::Infallible;

use axum::Extension;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::Stream;
use serde::Deserialize;
use tokio::sync::broadcast::error::RecvError;

use app::api::AppError;
use app::domain::BoardEvent;
use app::state::AppState;

use super::ApiError;
use crate::live::LiveHub;

/// The most missed events replayed on reconnection; beyond it the client resyncs.
const REPLAY_MAX: u64 = 1000;

#[derive(Debug, Deserialize)]
pub struct Resume {
    after: Option<i64>,
}

fn change(event: &BoardEvent) -> Event {
    Event::default()
        .id(event.id.to_string())
        .data(serde_json::to_string(event).unwrap_or_default())
}

fn resync() -> Event {
    Event::default().event("resync").data("{}")
}

struct Feed {
    receiver: tokio::sync::broadcast::Receiver<BoardEvent>,
    backlog: VecDeque<Event>,
    last: i64,
}

pub async fn stream(
    State(state): State<AppState>,
    Extension(hub): Extension<LiveHub>,
    headers: HeaderMap,
    Query(resume): Query<Resume>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    // Subscribe before reading the backlog: nothing can fall between the two.
    let receiver = hub.subscribe();
    let resume_from = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .or(resume.after);
    let mut backlog = VecDeque::new();
    let last = match resume_from {
        Some(after) => {
            let missed = app::store::events::since(&state.db, after, REPLAY_MAX)
                .await
                .map_err(AppError::from)?;
            if missed.len() as u64 == REPLAY_MAX {
                backlog.push_back(resync());
                app::store::events::latest(&state.db)
                    .await
                    .map_err(AppError::from)?
            } else {
                let last = missed.last().map_or(after, |e| e.id);
                backlog.extend(missed.iter().map(change));
                last
            }
        }
        None => app::store::events::latest(&state.db)
            .await
            .map_err(AppError::from)?,
    };
    let feed = Feed {
        receiver,
        backlog,
        last,
    };
    let events = futures::stream::unfold(feed, |mut feed| async move {
        if let Some(event) = feed.backlog.pop_front() {
            return Some((Ok(event), feed));
        }
        loop {
            match feed.receiver.recv().await {
                Ok(event) if event.id <= feed.last => continue,
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
