//! Meeting mode: the list of meetings (`/meetings`), a meeting (`/meetings/{id}`: attendance,
//! what changed since the previous meeting, the agenda, open next steps, the demo queue
//! and the minutes), the walk through the agenda (`/meetings/{id}/agenda/{n}`), the
//! presenter view of a demo (`/meetings/{id}/demos/{n}`) and the minutes as a document
//! (`/meetings/{id}/minutes`). Every form works without WebAssembly. One file per page or
//! part; each form owns its server action. The server renders every page: the meeting,
//! the walk and the presenter are followed documents (`follow.js` keeps them current from
//! the change feed, and runs the walk's timer and drafts and the presenter's keys), the
//! list and the minutes plain documents.

mod demos;
mod detail;
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

/// The id in the page's address and the meeting it names, loaded on the server (the page
/// shows it with `Loaded`).
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
