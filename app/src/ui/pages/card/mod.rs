//! The card page at `/cards/{id}`: the challenge, its solutions and their adoptions, the
//! gate status of the stages ahead, every form that changes the card, and its activity
//! log. One file per part of the page; each form owns its server action and, when it
//! succeeds, asks the page to read the card again ([`Reload`]). Changes made elsewhere
//! arrive through the change feed ([`Follow`]).

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
use crate::ui::components::loaded::Loaded;
use crate::ui::components::reload::Reload;
use crate::ui::live::{Follow, WaitingNotice};

#[component]
pub fn CardPage() -> impl IntoView {
    let params = use_params_map();
    // `?history=all`: the whole activity log and every comment.
    let query = use_query_map();
    let reload = Reload::provide();
    // Someone else's changes to this card. One arriving while someone types into one of
    // the page's fields waits until they leave it, so nothing they typed is lost.
    let follow = Follow::new(move |event| {
        params
            .with_untracked(|p| p.get("id"))
            .and_then(|id| id.parse::<uuid::Uuid>().ok())
            .is_some_and(|id| event.touches(id))
    });
    let page = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                query.with(|q| q.get("history")),
                reload.track(),
                follow.changes.get(),
            )
        },
        |(id, history, _, _)| get_card_page(id, history),
    );
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <section
            class="card-page"
            data-hydrated=move || hydrated.get().to_string()
            on:focusout=follow.on_focus_out()
        >
            <WaitingNotice follow what="this card" />
            <p class="breadcrumb">
                <a href="/">"\u{2190} Board"</a>
            </p>
            <Loaded
                resource=page
                what="The card"
                loading="Loading the card\u{2026}"
                missing="There is no open card at this address: it may have been archived."
                ready=|page, viewer| {
                    view! {
                        <view::CardView
                            page
                            can_edit=viewer.may(Permission::EditBoard)
                            is_admin=viewer.may(Permission::Administer)
                        />
                    }
                }
            />
        </section>
    }
}
