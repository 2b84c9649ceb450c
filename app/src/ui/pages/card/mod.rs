//! The card page at `/cards/{id}`: the challenge, its solutions and their adoptions, the
//! gate status of the stages ahead, every form that changes the card, and its activity
//! log. A followed document: rendered on the server, with plain forms, and kept current in
//! the browser by the small script of [`crate::ui::follow`] (no WebAssembly), which reads
//! the changes to this card from the feed named in `data-follow`. One file per part of
//! the page; each form owns its server action.

mod activity;
mod adoptions;
mod comments;
mod moving;
mod side;
mod solutions;
mod view;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::cards::get_card_page;
use crate::domain::Permission;
use crate::ui::components::followed::Followed;
use crate::ui::components::loaded::Loaded;

#[component]
pub fn CardPage() -> impl IntoView {
    let params = use_params_map();
    // `?history=all`: the whole activity log and every comment.
    let query = use_query_map();
    let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
    let history = query.with_untracked(|q| q.get("history"));
    let page = Resource::new(
        move || (id.clone(), history.clone()),
        |(id, history)| get_card_page(id, history),
    );
    view! {
        <Loaded
            resource=page
            what="The card"
            loading="Loading the card\u{2026}"
            missing="There is no open card at this address: it may have been archived."
            ready=move |page, viewer| {
                let feed = format!("/api/v1/events?card={}", page.card.id);
                view! {
                    {view::card_meta(&page)}
                    <Followed class="card-page" feed what="this card">
                        <p class="breadcrumb">
                            <a href="/">"\u{2190} Board"</a>
                        </p>
                        <view::CardView
                            page
                            can_edit=viewer.may(Permission::EditBoard)
                            is_admin=viewer.may(Permission::Administer)
                        />
                    </Followed>
                }
            }
        />
    }
}
