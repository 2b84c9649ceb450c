//! The side panel's card forms: edit the card, add a company (admins), park the card or
//! take it up again, archive the card.

use leptos::prelude::*;

use crate::api::cards::{AddCompany, ArchiveCard, EditCard, ParkCard, UnparkCard};
use crate::domain::{CardDetail, ParkReason, Parking};
use crate::ui::components::company_forms::AddCompanyForm;
use crate::ui::components::reload::page_action;
use crate::ui::rcdata::rcdata;

#[component]
pub fn EditCardPanel(card: CardDetail) -> impl IntoView {
    let action = page_action::<EditCard>();
    view! {
        <details class="panel" open=crate::ui::components::action_error::failed(action)>
            <summary>"Edit the card"</summary>
            <ActionForm action attr:class="stacked-form">
                <input type="hidden" name="id" value=card.id.to_string() />
                <input type="hidden" name="version" value=card.version.to_string() />
                <label>"Title" <input type="text" name="title" required value=card.title.clone() /></label>
                <label>
                    "Description (Markdown)"
                    <textarea name="description" rows="8">{rcdata(&card.description)}</textarea>
                </label>
                <label>
                    "Tags, separated by commas"
                    <input type="text" name="tags" value=card.tags.join(", ") />
                </label>
                <button type="submit">"Save"</button>
                {crate::action_error!(action)}
            </ActionForm>
        </details>
    }
}

#[component]
pub fn AddCompanyPanel() -> impl IntoView {
    let action = page_action::<AddCompany>();
    view! {
        <details class="panel" open=crate::ui::components::action_error::failed(action)>
            <summary>"Add a company"</summary>
            <AddCompanyForm action />
            <p class="muted small"><a href="/admin/companies">"All companies"</a></p>
        </details>
    }
}

#[component]
pub fn ArchivePanel(id: String, version: i64) -> impl IntoView {
    let action = page_action::<ArchiveCard>();
    view! {
        <details class="panel" open=crate::ui::components::action_error::failed(action)>
            <summary>"Archive"</summary>
            <ActionForm action attr:class="stacked-form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="version" value=version.to_string() />
                <label>"Why" <input type="text" name="note" /></label>
                <button type="submit" class="danger">"Archive this card"</button>
                {crate::action_error!(action)}
            </ActionForm>
        </details>
    }
}

/// Parks the card (with why) or takes it up again.
#[component]
pub fn ParkPanel(id: String, version: i64, parked: Option<Parking>) -> impl IntoView {
    let park = page_action::<ParkCard>();
    let unpark = page_action::<UnparkCard>();
    match parked {
        Some(p) => view! {
            <section class="panel park-panel" aria-labelledby="park-heading">
                <h2 id="park-heading">"Parked"</h2>
                <p>{p.describe()}</p>
                <ActionForm action=unpark attr:class="stacked-form">
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="version" value=version.to_string() />
                    <button type="submit">"Take it up again"</button>
                    {crate::action_error!(unpark)}
                </ActionForm>
            </section>
        }
        .into_any(),
        None => view! {
            <details class="panel park-panel" open=crate::ui::components::action_error::failed(park)>
                <summary>"Park"</summary>
                <p class="muted small">
                    "A parked card stays on the board but off the meeting agenda and the stale list."
                </p>
                <ActionForm action=park attr:class="stacked-form">
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="version" value=version.to_string() />
                    <label>
                        "Why"
                        <select name="reason">
                            {ParkReason::ALL
                                .iter()
                                .map(|r| view! { <option value=r.key()>{r.label()}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <label>"Note" <input type="text" name="note" maxlength="500" /></label>
                    <button type="submit">"Park this card"</button>
                    {crate::action_error!(park)}
                </ActionForm>
            </details>
        }
        .into_any(),
    }
}
