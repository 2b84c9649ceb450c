//! Meeting mode: the list of meetings (`/meetings`), a meeting (`/meetings/{id}`: attendance,
//! what changed since the previous meeting, the agenda, open next steps, the demo queue
//! and the minutes), the walk through the agenda (`/meetings/{id}/agenda/{n}`), the
//! presenter view of a demo (`/meetings/{id}/demos/{n}`) and the minutes as a document
//! (`/meetings/{id}/minutes`). Every form works without WebAssembly. One file per page or
//! part; each form owns its server action. The server renders every page; the walk and the
//! presenter are islands (timer and drafts, keys) that read the meeting again when one of
//! their forms succeeds ([`Reload`]); the meeting itself is a followed document, the list
//! and the minutes plain documents. Changes made elsewhere arrive through the change feed.

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

use crate::api::meetings::{MeetingPage, get_meeting};
use crate::contract::AppError;
use crate::ui::components::reload::Reload;
use crate::ui::island;
use crate::ui::live::Follow;

/// The id in the page's address and the meeting it names, loaded on the server (the page
/// shows it with `Loaded` and hands it to its island).
fn meeting_of_address() -> (String, Resource<Result<MeetingPage, AppError>>) {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let page = Resource::new(
        {
            let id = id.clone();
            move || id.clone()
        },
        get_meeting,
    );
    (id, page)
}

/// In a meeting's island: the meeting, read again after each successful form of the
/// island and when the change feed reports a change in this meeting (or to a card or the
/// workflow, which its agenda shows). A change heard while someone types waits until they
/// leave the field.
fn kept_meeting(page: MeetingPage, id: String) -> (RwSignal<MeetingPage>, Follow, Reload) {
    let reload = Reload::provide();
    let follow = follow_meeting(&id);
    let page = island::kept(page, reload, Some(follow), move || get_meeting(id.clone()));
    (page, follow, reload)
}

/// The changes that touch the meeting `id`.
fn follow_meeting(id: &str) -> Follow {
    let meeting = id.parse::<uuid::Uuid>().ok();
    Follow::new(move |event| meeting.is_some_and(|id| event.touches_meeting(id)))
}
