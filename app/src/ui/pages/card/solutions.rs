//! A card's solutions: each with its adoptions and, for members, the forms to record an
//! adoption and edit the solution; and the form to propose a new one.

use leptos::prelude::*;

use super::adoptions::{AdoptionRow, RecordAdoptionForm};
use crate::api::cards::{AddSolution, EditSolution};
use crate::domain::{Adoption, Company, Solution, SolutionKind};
use crate::ui::components::form_reset::reset_on_success;
use crate::ui::components::reload::page_action;
use crate::ui::rcdata::rcdata;

/// The `<option>`s of the kinds of solution, `selected` chosen.
fn kind_options(selected: SolutionKind) -> impl IntoView {
    SolutionKind::ALL
        .iter()
        .copied()
        .map(|kind| {
            view! {
                <option value=kind.key() selected=kind == selected>
                    {kind.label()}
                </option>
            }
        })
        .collect_view()
}

#[component]
pub fn SolutionView(
    solution: Solution,
    adoptions: Vec<Adoption>,
    companies: Vec<Company>,
    can_edit: bool,
    is_admin: bool,
) -> impl IntoView {
    let company_count = {
        let mut ids: Vec<_> = adoptions.iter().map(|a| a.company_id).collect();
        ids.sort();
        ids.dedup();
        ids.len()
    };
    let rows = adoptions
        .into_iter()
        .map(|adoption| view! { <AdoptionRow adoption can_edit /> })
        .collect_view();
    view! {
        <article class="solution" data-solution-id=solution.id.to_string()>
            <h3>{solution.title.clone()}</h3>
            <p class="solution-meta">
                <span class="badge">{solution.kind.label()}</span>
                {solution.landed_in.clone().map(|l| view! { " \u{00b7} landed in " {l} })}
                {format!(
                    " \u{00b7} adopted by {company_count} {}",
                    if company_count == 1 { "company" } else { "companies" },
                )}
            </p>
            {(!solution.summary.is_empty()).then(|| view! { <p>{solution.summary.clone()}</p> })}
            {solution.url.clone().map(|url| {
                let text = url.clone();
                view! {
                    <p><a class="materials" href=url rel="noopener noreferrer nofollow">{text}</a></p>
                }
            })}
            <ul class="adoptions">{rows}</ul>
            {can_edit.then(|| view! {
                <RecordAdoptionForm solution_id=solution.id.to_string() companies is_admin />
                <EditSolutionForm solution=solution.clone() />
            })}
        </article>
    }
}

#[component]
fn EditSolutionForm(solution: Solution) -> impl IntoView {
    let action = page_action::<EditSolution>();
    view! {
        <details class="inline-edit">
            <summary>"Edit solution"</summary>
            <ActionForm action attr:class="stacked-form">
                <input type="hidden" name="solution_id" value=solution.id.to_string() />
                <input type="hidden" name="version" value=solution.version.to_string() />
                <label>"Title" <input type="text" name="title" required value=solution.title.clone() /></label>
                <label>"Kind" <select name="kind">{kind_options(solution.kind)}</select></label>
                <label>"Summary" <textarea name="summary" rows="3">{rcdata(&solution.summary)}</textarea></label>
                <label>
                    "Public link"
                    <input type="url" name="url" value=solution.url.clone().unwrap_or_default() />
                </label>
                <label>
                    "Where it landed"
                    <input type="text" name="landed_in" value=solution.landed_in.clone().unwrap_or_default() />
                </label>
                <button type="submit">"Save solution"</button>
                {crate::action_error!(action)}
            </ActionForm>
        </details>
    }
}

#[component]
pub fn AddSolutionForm(card_id: String) -> impl IntoView {
    let action = page_action::<AddSolution>();
    let form = reset_on_success(action);
    view! {
        <details class="panel add-solution" open=crate::ui::components::action_error::failed(action)>
            <summary>"Propose a solution"</summary>
            <ActionForm action node_ref=form attr:class="stacked-form">
                <input type="hidden" name="card_id" value=card_id />
                <label>"Title" <input type="text" name="title" required /></label>
                <label>"Kind" <select name="kind">{kind_options(SolutionKind::Article)}</select></label>
                <label>"Summary" <textarea name="summary" rows="3"></textarea></label>
                <label>"Public link to the materials" <input type="url" name="url" placeholder="https://…" /></label>
                <label>"Where it landed" <input type="text" name="landed_in" placeholder="Patterns working group" /></label>
                <button type="submit">"Add solution"</button>
                {crate::action_error!(action)}
            </ActionForm>
        </details>
    }
}
