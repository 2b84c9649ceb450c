//! A solution's adoptions: one row per company, with its edit form for members, and the
//! form to record a new one.

use leptos::prelude::*;

use crate::api::cards::{AddAdoption, EditAdoption};
use crate::domain::{Adoption, AdoptionStatus, Company};
use crate::ui::components::form_reset::reset_on_success;
use crate::ui::components::reload::page_action;
use crate::ui::rcdata::rcdata;

/// The `<option>`s of the adoption statuses, `selected` chosen.
fn status_options(selected: AdoptionStatus) -> impl IntoView {
    [AdoptionStatus::Pilot, AdoptionStatus::InUse]
        .into_iter()
        .map(|status| {
            view! {
                <option value=status.key() selected=status == selected>
                    {status.label()}
                </option>
            }
        })
        .collect_view()
}

#[component]
pub fn AdoptionRow(adoption: Adoption, can_edit: bool) -> impl IntoView {
    let naming = if adoption.company_public {
        "named publicly"
    } else {
        "anonymised in public"
    };
    let since = adoption.since.map(|d| d.to_string()).unwrap_or_default();
    view! {
        <li class="adoption" data-adoption-id=adoption.id.to_string()>
            <strong>{adoption.company_name.clone()}</strong>
            " \u{00b7} "
            <span class="status">{adoption.status.label()}</span>
            {(!since.is_empty()).then(|| format!(" since {since}"))}
            " \u{00b7} "
            <span class="muted">{naming}</span>
            {adoption.evidence_url.clone().map(|url| view! {
                " \u{00b7} " <a href=url rel="noopener noreferrer nofollow">"evidence"</a>
            })}
            {(!adoption.notes.is_empty()).then(|| view! { <p class="notes">{adoption.notes.clone()}</p> })}
            {can_edit.then(|| view! { <EditAdoptionForm adoption=adoption.clone() /> })}
        </li>
    }
}

#[component]
fn EditAdoptionForm(adoption: Adoption) -> impl IntoView {
    let action = page_action::<EditAdoption>();
    let since = adoption.since.map(|d| d.to_string()).unwrap_or_default();
    view! {
        <details class="inline-edit">
            <summary>"Edit adoption"</summary>
            <ActionForm action attr:class="stacked-form">
                <input type="hidden" name="adoption_id" value=adoption.id.to_string() />
                <input type="hidden" name="company_id" value=adoption.company_id.to_string() />
                <input type="hidden" name="version" value=adoption.version.to_string() />
                <label>"Status" <select name="status">{status_options(adoption.status)}</select></label>
                <label>"Since" <input type="date" name="since" value=since /></label>
                <label>
                    "Evidence link"
                    <input type="url" name="evidence_url" value=adoption.evidence_url.clone().unwrap_or_default() />
                </label>
                <label>"Notes" <textarea name="notes" rows="2">{rcdata(&adoption.notes)}</textarea></label>
                <button type="submit">"Save adoption"</button>
                {crate::action_error!(action)}
            </ActionForm>
        </details>
    }
}

#[component]
pub fn RecordAdoptionForm(
    solution_id: String,
    companies: Vec<Company>,
    is_admin: bool,
) -> impl IntoView {
    let action = page_action::<AddAdoption>();
    let form = reset_on_success(action);
    let no_companies = companies.is_empty();
    let company_options = companies
        .iter()
        .map(|c| view! { <option value=c.id.to_string()>{c.name.clone()}</option> })
        .collect_view();
    view! {
        <details class="inline-edit">
            <summary>"Record an adoption"</summary>
            <p class="muted small">
                {if no_companies { "No company is recorded yet. " } else { "Company not in the list? " }}
                {if is_admin {
                    view! { "Add it under " <a href="/admin/companies">"Companies"</a> " (or in the side panel)." }.into_any()
                } else {
                    view! { "Admins add companies: ask an admin of the working group to add it." }.into_any()
                }}
            </p>
            <ActionForm action node_ref=form attr:class="stacked-form">
                <input type="hidden" name="solution_id" value=solution_id />
                <label>"Company"
                    <select name="company_id" required>
                        <option value="" selected>"Choose a company\u{2026}"</option>
                        {company_options}
                    </select>
                </label>
                <label>"Status" <select name="status">{status_options(AdoptionStatus::Pilot)}</select></label>
                <label>"Since" <input type="date" name="since" /></label>
                <label>"Evidence link" <input type="url" name="evidence_url" placeholder="https://…" /></label>
                <label>"Notes" <textarea name="notes" rows="2"></textarea></label>
                <button type="submit">"Record adoption"</button>
                {crate::action_error!(action)}
            </ActionForm>
        </details>
    }
}
