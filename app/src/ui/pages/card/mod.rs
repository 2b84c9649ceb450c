//! The card page at `/cards/{id}`: the challenge, its solutions and their adoptions, the
//! gate status of the stages ahead, every form that changes the card, and its activity
//! log. The server renders it; the card is an island ([`CardIsland`]) whose props are the
//! card as rendered. One file per part of the page; each form owns its server action and,
//! when it succeeds, asks the island to read the card again ([`Reload`]). Changes made
//! elsewhere arrive through the change feed ([`Follow`]).

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
use crate::contract::input::CardPage as CardPageData;
use crate::domain::Permission;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::reload::{ConflictNotice, Reload};
use crate::ui::island;
use crate::ui::live::{Follow, WaitingNotice};

#[component]
pub fn CardPage() -> impl IntoView {
    let params = use_params_map();
    // `?history=all`: the whole activity log and every comment.
    let query = use_query_map();
    let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
    let history = query.with_untracked(|q| q.get("history"));
    let page = Resource::new(
        {
            let (id, history) = (id.clone(), history.clone());
            move || (id.clone(), history.clone())
        },
        |(id, history)| get_card_page(id, history),
    );
    view! {
        <Loaded
            resource=page
            what="The card"
            loading="Loading the card\u{2026}"
            missing="There is no open card at this address: it may have been archived."
            ready=move |page, viewer| {
                view! {
                    {view::card_meta(&page)}
                    <CardIsland
                        page
                        id=id.clone()
                        history=history.clone()
                        can_edit=viewer.may(Permission::EditBoard)
                        is_admin=viewer.may(Permission::Administer)
                    />
                }
            }
        />
    }
}

/// The card in the browser: its forms answer in place and it follows changes made
/// elsewhere.
#[island]
fn CardIsland(
    page: CardPageData,
    id: String,
    history: Option<String>,
    can_edit: bool,
    is_admin: bool,
) -> impl IntoView {
    island::start();
    let reload = Reload::provide();
    let card_id = id.parse::<uuid::Uuid>().ok();
    // Someone else's changes to this card. One arriving while someone types into one of
    // the page's fields waits until they leave it, so nothing they typed is lost.
    let follow = Follow::new(move |event| card_id.is_some_and(|id| event.touches(id)));
    let page = island::kept(page, reload, Some(follow), move || {
        get_card_page(id.clone(), history.clone())
    });
    let hydrated = island::hydrated();
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
            <ConflictNotice reload />
            {move || view! { <view::CardView page=page.get() can_edit is_admin /> }}
        </section>
    }
}
