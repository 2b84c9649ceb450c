//! Meeting mode: the list of meetings (`/meetings`), a meeting (`/meetings/{id}`: attendance,
//! what changed since the previous meeting, the agenda, open next steps, the demo queue
//! and the minutes), the walk through the agenda (`/meetings/{id}/agenda/{n}`), the
//! presenter view of a demo (`/meetings/{id}/demos/{n}`) and the minutes as a document
//! (`/meetings/{id}/minutes`). Every form works without WebAssembly. One file per page or
//! part; each form owns its server action and asks the page to read the meeting again
//! when it succeeds ([`Reload`]). Changes made elsewhere arrive through the change feed.

mod demos;
mod detail;
mod drafts;
mod list;
mod minutes;
mod presenter;
mod steps;
mod walk;

pub use detail::MeetingPageView;
pub use list::MeetingsPage;
pub use minutes::MinutesPage;
pub use presenter::PresenterPage;
pub use walk::AgendaWalkPage;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use leptos_router::params::ParamsMap;

use crate::api::meetings::{MeetingPage, get_meeting};
use crate::contract::AppError;
use crate::ui::components::reload::Reload;
use crate::ui::live::Follow;

/// The meeting of the page's address, read again after each successful form of the page
/// and when the change feed reports a change in this meeting (or to a card or the
/// workflow, which its agenda shows). A change heard while someone types waits until they
/// leave the field.
fn use_meeting() -> (Resource<Result<MeetingPage, AppError>>, Follow) {
    let params = use_params_map();
    let reload = Reload::provide();
    let follow =
        Follow::new(move |event| meeting_id(params).is_some_and(|id| event.touches_meeting(id)));
    let page = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                reload.track(),
                follow.changes.get(),
            )
        },
        |(id, _, _)| get_meeting(id),
    );
    (page, follow)
}

/// The id of the meeting in the page's address.
fn meeting_id(params: Memo<ParamsMap>) -> Option<uuid::Uuid> {
    params
        .with_untracked(|p| p.get("id"))
        .and_then(|id| id.parse::<uuid::Uuid>().ok())
}
