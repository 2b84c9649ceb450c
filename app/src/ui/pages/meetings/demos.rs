//! A meeting's demo queue: each demo with its reorder buttons (facilitators), and the
//! form that adds a solution to the queue (members).

use leptos::prelude::*;

use crate::api::meetings::{AddDemo, MoveDemo};
use crate::domain::meetings::DemoEntry;
use crate::ui::components::form_reset::reset_on_success;
use crate::ui::components::reload::page_action;

#[component]
pub fn DemoQueue(
    meeting: String,
    demos: Vec<DemoEntry>,
    solutions: Vec<(uuid::Uuid, String)>,
    can_run: bool,
    can_edit: bool,
) -> impl IntoView {
    let rows = demos
        .into_iter()
        .map(|demo| view! { <DemoRow meeting=meeting.clone() demo can_run /> })
        .collect_view();
    view! {
        <section class="panel demos">
            <h2>"Demo queue"</h2>
            <ol class="demo-queue">{rows}</ol>
            {can_edit.then(|| view! { <AddDemoForm meeting solutions /> })}
        </section>
    }
}

#[component]
fn DemoRow(meeting: String, demo: DemoEntry, can_run: bool) -> impl IntoView {
    let action = page_action::<MoveDemo>();
    let present = format!("/meetings/{meeting}/demos/{}", demo.number);
    let meta = format!(
        " \u{00b7} {} \u{00b7} answers: {} \u{00b7} added by {}",
        demo.kind.label(),
        demo.challenge,
        demo.added_by
    );
    view! {
        <li class="demo-row" data-demo=demo.number>
            <a href=present>{format!("{}. {}", demo.number, demo.title)}</a>
            <span class="muted">{meta}</span>
            {can_run.then(|| view! {
                <MoveDemoButton action id=demo.id title=demo.title.clone() up=true />
                <MoveDemoButton action id=demo.id title=demo.title.clone() up=false />
            })}
        </li>
    }
}

#[component]
fn MoveDemoButton(
    action: ServerAction<MoveDemo>,
    id: uuid::Uuid,
    title: String,
    up: bool,
) -> impl IntoView {
    let label = format!("Move {title} {}", if up { "up" } else { "down" });
    view! {
        <ActionForm action attr:class="inline-form">
            <input type="hidden" name="demo_id" value=id.to_string() />
            <input type="hidden" name="up" value=up.to_string() />
            <button type="submit" class="small" aria-label=label>
                {if up { "\u{2191}" } else { "\u{2193}" }}
            </button>
        </ActionForm>
    }
}

#[component]
fn AddDemoForm(meeting: String, solutions: Vec<(uuid::Uuid, String)>) -> impl IntoView {
    let action = page_action::<AddDemo>();
    let form = reset_on_success(action);
    let options = solutions
        .into_iter()
        .map(|(id, label)| view! { <option value=id.to_string()>{label}</option> })
        .collect_view();
    view! {
        <ActionForm action node_ref=form attr:class="stacked-form">
            <input type="hidden" name="meeting_id" value=meeting />
            <label>"Solution to demo"
                <select name="solution_id" required>
                    <option value="" selected>"Choose a solution\u{2026}"</option>
                    {options}
                </select>
            </label>
            <button type="submit">"Add to the queue"</button>
            {crate::action_error!(action)}
        </ActionForm>
    }
}
