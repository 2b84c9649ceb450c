//! `/meetings`: every meeting, newest first, and the form that starts one (facilitators).
//! A document: the form is a plain form, and starting a meeting opens its page.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::meetings::{CreateMeeting, MeetingList, list_meetings};
use crate::domain::Permission;
use crate::domain::meetings::MeetingSummary;
use crate::ui::components::loaded::Loaded;

#[component]
pub fn MeetingsPage() -> impl IntoView {
    let create = ServerAction::<CreateMeeting>::new();
    let meetings = Resource::new(move || create.version().get(), |_| list_meetings());
    view! {
        <Title text="Meetings" />
        <section class="meetings-page narrow wide">
            <h1>"Meetings"</h1>
            <p class="lede">
                "Each meeting walks every unfinished card, shows what changed since the previous one, "
                "keeps a demo queue and records the minutes."
            </p>
            <Loaded
                resource=meetings
                what="The meetings"
                ready=move |list: MeetingList, viewer| {
                    let form = viewer
                        .may(Permission::RunMeetings)
                        .then(|| view! { <NewMeetingForm create today=list.today.to_string() /> });
                    view! { {form} <MeetingRows meetings=list.meetings /> }
                }
            />
        </section>
    }
}

#[component]
fn NewMeetingForm(create: ServerAction<CreateMeeting>, today: String) -> impl IntoView {
    view! {
        <ActionForm action=create attr:class="stacked-form">
            <h2>"New meeting"</h2>
            <label>"Date" <input type="date" name="held_on" value=today required /></label>
            <label>"Facilitator" <input type="text" name="facilitator" placeholder="you, if left empty" /></label>
            <label>"Scribe" <input type="text" name="scribe" placeholder="you, if left empty" /></label>
            <button type="submit">"Start the meeting"</button>
            {crate::action_error!(create)}
        </ActionForm>
    }
}

#[component]
fn MeetingRows(meetings: Vec<MeetingSummary>) -> impl IntoView {
    if meetings.is_empty() {
        return view! { <p class="muted">"No meetings yet."</p> }.into_any();
    }
    view! {
        <ul class="meeting-list">
            {meetings
                .into_iter()
                .map(|m| view! {
                    <li>
                        <a href=format!("/meetings/{}", m.id)>{m.held_on.format("%-d %B %Y").to_string()}</a>
                        {format!(
                            " \u{00b7} facilitated by {}, minutes by {} \u{00b7} {} of {} cards walked",
                            m.facilitator, m.scribe, m.walked, m.items,
                        )}
                    </li>
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
