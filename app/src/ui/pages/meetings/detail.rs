//! `/meetings/{id}`: a meeting's page — attendance, what changed since the previous
//! meeting, open next steps, the agenda and the demo queue. A followed document: plain
//! forms, kept current in the browser by the script of [`crate::ui::follow`] from the
//! changes in this meeting and to the cards and workflow its agenda shows.

use leptos::prelude::*;
use leptos_meta::Title;

use super::demos::DemoQueue;
use super::meeting_of_address;
use super::steps::StepItem;
use crate::api::meetings::{MeetingPage, SetAttendance};
use crate::domain::Permission;
use crate::domain::meetings::{AgendaItem, Attendee, CardChanges, MeetingView, NextStep};
use crate::ui::components::followed::Followed;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::reload::page_action;

#[component]
pub fn MeetingPageView() -> impl IntoView {
    let (_, page) = meeting_of_address();
    view! {
        <Loaded
            resource=page
            what="The meeting"
            loading="Loading the meeting\u{2026}"
            ready=move |page: MeetingPage, viewer| {
                let date = page.meeting.held_on.format("%-d %B %Y").to_string();
                let feed = format!("/api/v1/events?meeting={}", page.meeting.id);
                view! {
                    <Title text=format!("Meeting of {date}") />
                    <Followed class="meeting-page narrow wide" feed what="this meeting">
                        <p class="breadcrumb"><a href="/meetings">"\u{2190} Meetings"</a></p>
                        <MeetingDetail
                            page
                            can_run=viewer.may(Permission::RunMeetings)
                            can_edit=viewer.may(Permission::EditBoard)
                        />
                    </Followed>
                }
            }
        />
    }
}

#[component]
fn MeetingDetail(page: MeetingPage, can_run: bool, can_edit: bool) -> impl IntoView {
    let MeetingPage { meeting, solutions } = page;
    let MeetingView {
        id,
        held_on,
        facilitator,
        scribe,
        attendees,
        agenda,
        demos,
        open_steps,
        previous,
        since_previous,
    } = meeting;
    let date = held_on.format("%-d %B %Y").to_string();
    let first_item = (!agenda.is_empty()).then(|| format!("/meetings/{id}/agenda/1"));
    let first_demo = (!demos.is_empty()).then(|| format!("/meetings/{id}/demos/1"));
    view! {
        <h1>{format!("Meeting of {date}")}</h1>
        <p class="hit-meta">
            {format!("Facilitator: {facilitator} \u{00b7} Scribe: {scribe}")}
            " \u{00b7} "
            <a href=format!("/meetings/{id}/minutes")>"Minutes"</a>
            " ("
            <a href=format!("/meetings/{id}/minutes.md") download="">"Markdown"</a>
            ")"
        </p>
        <nav class="meeting-actions">
            {first_item.map(|href| view! { <a class="button-link" href=href>"Walk the board"</a> })}
            {first_demo.map(|href| view! { <a class="button-link" href=href>"Present the demos"</a> })}
        </nav>
        <Attendance meeting=id.to_string() attendees can_run />
        <SincePrevious previous=previous.map(|d| d.to_string()) changes=since_previous />
        <section class="panel">
            <h2>"Open next steps from earlier meetings"</h2>
            <ul class="open-steps">
                {open_steps
                    .into_iter()
                    .map(|step| view! { <StepItem step can_edit show_card=true /> })
                    .collect_view()}
            </ul>
        </section>
        <Agenda meeting=id.to_string() agenda can_edit />
        <DemoQueue meeting=id.to_string() demos solutions can_run can_edit />
    }
}

#[component]
fn Attendance(meeting: String, attendees: Vec<Attendee>, can_run: bool) -> impl IntoView {
    let present: Vec<String> = attendees
        .iter()
        .filter(|a| a.present)
        .map(|a| a.name.clone())
        .collect();
    let rows = attendees
        .into_iter()
        .map(|attendee| view! { <AttendeeRow meeting=meeting.clone() attendee can_run /> })
        .collect_view();
    view! {
        <section class="panel">
            <h2>"Attendance"</h2>
            <p>
                {if present.is_empty() {
                    "Not recorded yet.".to_owned()
                } else {
                    format!("Present: {}", present.join(", "))
                }}
            </p>
            <ul class="attendees">{rows}</ul>
        </section>
    }
}

#[component]
fn AttendeeRow(meeting: String, attendee: Attendee, can_run: bool) -> impl IntoView {
    let action = page_action::<SetAttendance>();
    let user = attendee
        .user_id
        .map(|id| id.to_string())
        .unwrap_or_default();
    view! {
        <li class="attendee" class:present=attendee.present>
            {attendee.name.clone()}
            {if attendee.present { " \u{2713} present" } else { "" }}
            {can_run.then(|| view! {
                <ActionForm action attr:class="inline-form">
                    <input type="hidden" name="meeting_id" value=meeting />
                    <input type="hidden" name="user_id" value=user />
                    <input type="hidden" name="present" value=(!attendee.present).to_string() />
                    <button type="submit" class="small">
                        {if attendee.present { "Mark absent" } else { "Mark present" }}
                    </button>
                </ActionForm>
            })}
        </li>
    }
}

#[component]
fn SincePrevious(previous: Option<String>, changes: Vec<CardChanges>) -> impl IntoView {
    view! {
        <section class="panel since">
            <h2>
                {match previous {
                    Some(day) => format!("Since the previous meeting ({day})"),
                    None => "Everything so far (this is the first meeting)".to_owned(),
                }}
            </h2>
            <ul class="changes">
                {changes
                    .into_iter()
                    .map(|group| view! {
                        <li>
                            <a href=format!("/cards/{}", group.card_id)>{group.title.clone()}</a>
                            <ul>{group.changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Agenda(meeting: String, agenda: Vec<AgendaItem>, can_edit: bool) -> impl IntoView {
    let count = agenda.len();
    let rows = agenda
        .into_iter()
        .map(|item| {
            let href = format!("/meetings/{meeting}/agenda/{}", item.number);
            let steps: Vec<NextStep> = item.next_steps.clone();
            view! {
                <li class="agenda-row" data-status=item.status.key()>
                    <a href=href>{format!("{}. {}", item.number, item.title)}</a>
                    <span class="muted">{format!(" \u{00b7} {} \u{00b7} {}", item.stage_name, item.status.label())}</span>
                    {(!item.key_points.is_empty()).then(|| view! { <p class="key-points">{item.key_points.clone()}</p> })}
                    <ul>{steps.into_iter().map(|step| view! { <StepItem step can_edit show_card=false /> }).collect_view()}</ul>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel agenda">
            <h2>{format!("Agenda: {count} unfinished cards")}</h2>
            <ol class="agenda-list">{rows}</ol>
        </section>
    }
}
