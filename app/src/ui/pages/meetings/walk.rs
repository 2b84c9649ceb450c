//! `/meetings/{id}/agenda/{n}`: the walk through a meeting's agenda, one card at a time,
//! with a timer, the card's gate status, its key points and next steps.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::drafts::Drafts;
use super::steps::StepItem;
use super::{kept_meeting, meeting_of_address};
use crate::api::meetings::{AddNextStep, MeetingPage, RecordItem};
use crate::domain::Permission;
use crate::domain::meetings::{AgendaItem, AgendaStatus};
use crate::ui::components::loaded::Loaded;
use crate::ui::components::reload::{ConflictNotice, page_action};
use crate::ui::island;
use crate::ui::live::WaitingNotice;

#[component]
pub fn AgendaWalkPage() -> impl IntoView {
    let (id, page) = meeting_of_address();
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
                        view! {
                            <Title text=title />
                            <WalkIsland
                                page
                                id=id.clone()
                                number
                                can_edit=viewer.may(Permission::EditBoard)
                            />
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

/// The walk in the browser: the timer, the forms and what was typed on each card, and
/// changes made elsewhere.
#[island]
fn WalkIsland(page: MeetingPage, id: String, number: u32, can_edit: bool) -> impl IntoView {
    island::start();
    // What was typed on each card and not saved yet, including what was typed before the
    // island started.
    let drafts = Drafts::new();
    drafts.keep_typed_before_start();
    let (page, follow, reload) = kept_meeting(page, id);
    let hydrated = island::hydrated();
    view! {
        <section
            class="agenda-walk narrow wide"
            data-hydrated=move || hydrated.get().to_string()
            on:focusout=follow.on_focus_out()
        >
            <WaitingNotice follow what="this meeting" />
            <ConflictNotice reload />
            {move || {
                let page = page.get();
                let total = u32::try_from(page.meeting.agenda.len()).unwrap_or(u32::MAX);
                let meeting = page.meeting.id;
                match page.meeting.agenda.into_iter().find(|i| i.number == number) {
                    Some(item) => {
                        view! { <AgendaItemView item meeting total can_edit drafts /> }.into_any()
                    }
                    None => view! {
                        <p>
                            "This card is no longer on the agenda. "
                            <a href=format!("/meetings/{meeting}")>"Back to the meeting"</a>
                        </p>
                    }
                    .into_any(),
                }
            }}
        </section>
    }
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

/// Seconds since the view opened, as "mm:ss" (counting in the browser only).
fn timer() -> impl Fn() -> String + Send + Sync + Copy + 'static {
    let seconds = RwSignal::new(0_u32);
    #[cfg(feature = "hydrate")]
    {
        if let Ok(handle) = set_interval_with_handle(
            move || seconds.update(|s| *s += 1),
            std::time::Duration::from_secs(1),
        ) {
            on_cleanup(move || handle.clear());
        }
    }
    move || {
        let s = seconds.get();
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

#[component]
fn AgendaItemView(
    item: AgendaItem,
    meeting: uuid::Uuid,
    total: u32,
    can_edit: bool,
    drafts: Drafts,
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
            <span class="timer" aria-label="Time on this card">{timer()}</span>
        </p>
        <h1><a href=format!("/cards/{}", item.card_id)>{item.title.clone()}</a></h1>
        <p class="hit-meta">{format!("{} \u{00b7} {}", item.stage_name, item.status.label())}</p>
        <p class="gate-status">{gate_status(&item)}</p>
        {can_edit.then(|| view! { <RecordItemForm item=item.clone() go_to=next.clone() drafts /> })}
        {read_points}
        <section class="panel">
            <h2>"Next steps"</h2>
            <ul>{steps}</ul>
            {can_edit.then(|| view! { <NextStepForm item=item.id drafts /> })}
        </section>
        <nav class="pagination">
            {previous.map(|href| view! { <a href=href>"\u{2190} Previous card"</a> })}
            <a href=next.clone()>{if n < total { "Next card \u{2192}" } else { "Back to the meeting" }}</a>
        </nav>
    }
}

/// Where the walk through the item ended, with its key points; saving moves to `go_to`.
#[component]
fn RecordItemForm(item: AgendaItem, go_to: String, drafts: Drafts) -> impl IntoView {
    let action = page_action::<RecordItem>();
    drafts.end_on_success(action, item.id, &["key_points"]);
    let key_points = crate::ui::rcdata::rcdata(&item.key_points);
    view! {
        <ActionForm action attr:class="stacked-form record-item">
            <input type="hidden" name="item_id" value=item.id.to_string() />
            <input type="hidden" name="go_to" value=go_to />
            <input type="hidden" name="version" value=item.version.to_string() />
            <label>"Key points"
                <textarea
                    name="key_points"
                    rows="4"
                    prop:value=drafts.value(item.id, "key_points", item.key_points.clone())
                    on:input=drafts.keep(item.id, "key_points")
                >
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
fn NextStepForm(item: uuid::Uuid, drafts: Drafts) -> impl IntoView {
    let action = page_action::<AddNextStep>();
    drafts.end_on_success(action, item, &["text", "owner", "due"]);
    view! {
        <ActionForm action attr:class="stacked-form next-step-form">
            <input type="hidden" name="item_id" value=item.to_string() />
            <label>
                "Next step"
                <input type="text" name="text" required prop:value=drafts.value(item, "text", String::new()) on:input=drafts.keep(item, "text") />
            </label>
            <label>
                "Owner"
                <input type="text" name="owner" required prop:value=drafts.value(item, "owner", String::new()) on:input=drafts.keep(item, "owner") />
            </label>
            <label>
                "Due"
                <input type="date" name="due" prop:value=drafts.value(item, "due", String::new()) on:input=drafts.keep(item, "due") />
            </label>
            <button type="submit">"Record the next step"</button>
            {crate::action_error!(action)}
        </ActionForm>
    }
}
