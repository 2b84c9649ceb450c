//! `/meetings/{id}/agenda/{n}`: the walk through a meeting's agenda, one card at a time,
//! with a timer, the card's gate status, its key points and next steps. A followed
//! document: rendered on the server with plain forms and kept current by `follow.js`,
//! which also runs the timer (`data-timer`) and keeps what is typed into each card's forms
//! as drafts (`data-draft`) until they are saved.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::meeting_of_address;
use super::steps::StepItem;
use crate::api::meetings::{AddNextStep, MeetingPage, RecordItem};
use crate::domain::Permission;
use crate::domain::meetings::{AgendaItem, AgendaStatus};
use crate::ui::components::followed::Followed;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::reload::page_action;

#[component]
pub fn AgendaWalkPage() -> impl IntoView {
    let (_, page) = meeting_of_address();
    let number = use_params_map()
        .with_untracked(|p| p.get("n").and_then(|n| n.parse::<u32>().ok()).unwrap_or(1));
    view! {
        <Loaded
            resource=page
            what="The meeting"
            ready=move |page: MeetingPage, viewer| {
                let meeting = page.meeting.id;
                let total = page.meeting.agenda.len();
                let title = page
                    .meeting
                    .agenda
                    .iter()
                    .find(|i| i.number == number)
                    .map(|item| format!("Agenda {number}/{total}: {}", item.title));
                match title {
                    Some(title) => {
                        let feed = format!("/api/v1/events?meeting={meeting}");
                        view! {
                            <Title text=title />
                            <Followed class="agenda-walk narrow wide" feed what="this meeting">
                                <WalkView page number can_edit=viewer.may(Permission::EditBoard) />
                            </Followed>
                        }
                        .into_any()
                    }
                    None => view! {
                        <section class="agenda-walk narrow wide">
                            <NoSuchItem meeting />
                        </section>
                    }
                    .into_any(),
                }
            }
        />
    }
}

/// One card of the walk.
#[component]
fn WalkView(page: MeetingPage, number: u32, can_edit: bool) -> impl IntoView {
    let total = u32::try_from(page.meeting.agenda.len()).unwrap_or(u32::MAX);
    let meeting = page.meeting.id;
    page.meeting
        .agenda
        .into_iter()
        .find(|i| i.number == number)
        .map(|item| view! { <AgendaItemView item meeting total can_edit /> })
}

#[component]
fn NoSuchItem(meeting: uuid::Uuid) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="No such agenda item" />
        <h1>"No such agenda item"</h1>
        <p><a href=format!("/meetings/{meeting}")>"Back to the meeting"</a></p>
    }
}

/// Where the card stands against the next stage's gate, in words.
fn gate_status(item: &AgendaItem) -> String {
    match &item.next_gate {
        Some(check) if check.missing.is_empty() => format!("Ready for {}.", check.stage_name),
        Some(check) => format!(
            "To move to {}: {}.",
            check.stage_name,
            check
                .missing
                .iter()
                .map(|m| m.message.clone())
                .collect::<Vec<_>>()
                .join("; ")
        ),
        None => "In the last stage.".to_owned(),
    }
}

#[component]
fn AgendaItemView(
    item: AgendaItem,
    meeting: uuid::Uuid,
    total: u32,
    can_edit: bool,
) -> impl IntoView {
    let n = item.number;
    let back = format!("/meetings/{meeting}");
    let next = if n < total {
        format!("/meetings/{meeting}/agenda/{}", n + 1)
    } else {
        back.clone()
    };
    let previous = (n > 1).then(|| format!("/meetings/{meeting}/agenda/{}", n - 1));
    // Those who cannot record read what was recorded.
    let read_points = (!can_edit && !item.key_points.trim().is_empty()).then(|| {
        view! {
            <section class="panel">
                <h2>"Key points"</h2>
                <p class="key-points">{item.key_points.clone()}</p>
            </section>
        }
    });
    let steps = item
        .next_steps
        .iter()
        .cloned()
        .map(|step| view! { <StepItem step can_edit show_card=false /> })
        .collect_view();
    view! {
        <p class="breadcrumb"><a href=back.clone()>"\u{2190} Meeting"</a></p>
        <p class="walk-position">
            {format!("Card {n} of {total}")}
            " \u{00b7} "
            <span class="timer" data-timer="" aria-label="Time on this card">"00:00"</span>
        </p>
        <h1><a href=format!("/cards/{}", item.card_id)>{item.title.clone()}</a></h1>
        <p class="hit-meta">{format!("{} \u{00b7} {}", item.stage_name, item.status.label())}</p>
        <p class="gate-status">{gate_status(&item)}</p>
        {can_edit.then(|| view! { <RecordItemForm item=item.clone() go_to=next.clone() /> })}
        {read_points}
        <section class="panel">
            <h2>"Next steps"</h2>
            <ul>{steps}</ul>
            {can_edit.then(|| view! { <NextStepForm item=item.id /> })}
        </section>
        <nav class="pagination">
            {previous.map(|href| view! { <a href=href>"\u{2190} Previous card"</a> })}
            <a href=next.clone()>{if n < total { "Next card \u{2192}" } else { "Back to the meeting" }}</a>
        </nav>
    }
}

/// Where the walk through the item ended, with its key points; saving moves to `go_to`.
#[component]
fn RecordItemForm(item: AgendaItem, go_to: String) -> impl IntoView {
    let action = page_action::<RecordItem>();
    let key_points = crate::ui::rcdata::rcdata(&item.key_points);
    view! {
        <ActionForm action attr:class="stacked-form record-item" attr:data-draft=format!("points-{}", item.id)>
            <input type="hidden" name="item_id" value=item.id.to_string() />
            <input type="hidden" name="go_to" value=go_to />
            <input type="hidden" name="version" value=item.version.to_string() />
            <label>"Key points"
                <textarea name="key_points" rows="4">
                    {key_points}
                </textarea>
            </label>
            <div class="button-row">
                <button type="submit" name="status" value=AgendaStatus::Discussed.key()>"Discussed, next card"</button>
                <button type="submit" name="status" value=AgendaStatus::Skipped.key() class="secondary">"Skip"</button>
                <button type="submit" name="status" value=AgendaStatus::Parked.key() class="secondary">"Park"</button>
            </div>
            {crate::action_error!(action)}
        </ActionForm>
    }
}

/// A next step agreed on the item's card.
#[component]
fn NextStepForm(item: uuid::Uuid) -> impl IntoView {
    let action = page_action::<AddNextStep>();
    view! {
        <ActionForm action attr:class="stacked-form next-step-form" attr:data-draft=format!("step-{item}")>
            <input type="hidden" name="item_id" value=item.to_string() />
            <label>
                "Next step"
                <input type="text" name="text" required />
            </label>
            <label>
                "Owner"
                <input type="text" name="owner" required />
            </label>
            <label>
                "Due"
                <input type="date" name="due" />
            </label>
            <button type="submit">"Record the next step"</button>
            {crate::action_error!(action)}
        </ActionForm>
    }
}
