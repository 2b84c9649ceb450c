//! The side panel's card forms: edit the card, add a company (admins), archive the card.

use leptos::prelude::*;

use crate::api::cards::{AddCompany, ArchiveCard, EditCard};
use crate::domain::CardDetail;
use crate::ui::components::company_forms::AddCompanyForm;
use crate::ui::components::reload::page_action;
use crate::ui::rcdata::rcdata;

#[component]
pub fn EditCardPanel(card: CardDetail) -> impl IntoView {
    let action = page_action::<EditCard>();
    view! {
        <details class="panel">
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
        <details class="panel">
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
        <details class="panel">
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
