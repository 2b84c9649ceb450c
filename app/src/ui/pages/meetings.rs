//! Meeting mode: the list of meetings (`/meetings`), a meeting (`/meetings/{id}`: attendance,
//! what changed since the previous meeting, the agenda, open next steps, the demo queue
//! and the minutes), the walk through the agenda (`/meetings/{id}/agenda/{n}`) and the
//! presenter view of a demo (`/meetings/{id}/demos/{n}`) and the minutes as a document
//! (`/meetings/{id}/minutes`). Every form works without WebAssembly.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::AppError;
use crate::api::meetings::{
    AddDemo, AddNextStep, CreateMeeting, MeetingPage, MoveDemo, RecordItem, SetAttendance,
    SetStepDone, get_meeting, get_minutes, get_presentation, list_meetings,
};
use crate::domain::Permission;
use crate::domain::meetings::{
    AgendaItem, AgendaStatus, MeetingView, NextStep, Presentation, video_embed,
};
use crate::ui::components::load_error::load_error;
use crate::ui::session::{may, use_me};

#[component]
pub fn MeetingsPage() -> impl IntoView {
    let create = ServerAction::<CreateMeeting>::new();
    let meetings = Resource::new(move || create.version().get(), |_| list_meetings());
    let me = use_me();
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <Title text="Meetings" />
        <section class="meetings-page narrow wide" data-hydrated=move || hydrated.get().to_string()>
            <h1>"Meetings"</h1>
            <p class="lede">
                "Each meeting walks every unfinished card, shows what changed since the previous one, "
                "keeps a demo queue and records the minutes."
            </p>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let me = me.await;
                    match meetings.await {
                        Ok(list) => {
                            let today = list.today.to_string();
                            let form = may(&me, Permission::RunMeetings).then(|| view! {
                                <ActionForm action=create attr:class="stacked-form">
                                    <h2>"New meeting"</h2>
                                    <label>"Date" <input type="date" name="held_on" value=today required /></label>
                                    <label>"Facilitator" <input type="text" name="facilitator" placeholder="you, if left empty" /></label>
                                    <label>"Scribe" <input type="text" name="scribe" placeholder="you, if left empty" /></label>
                                    <button type="submit">"Start the meeting"</button>
                                    {crate::action_error!(create)}
                                </ActionForm>
                            });
                            let rows = if list.meetings.is_empty() {
                                view! { <p class="muted">"No meetings yet."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="meeting-list">
                                        {list.meetings.into_iter().map(|m| view! {
                                            <li>
                                                <a href=format!("/meetings/{}", m.id)>{m.held_on.format("%-d %B %Y").to_string()}</a>
                                                {format!(" \u{00b7} facilitated by {}, minutes by {} \u{00b7} {} of {} cards walked", m.facilitator, m.scribe, m.walked, m.items)}
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            };
                            view! { {form} {rows} }.into_any()
                        }
                        Err(err) => load_error("The meetings", &err),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Every action of a meeting's pages; any of them finishing reloads the meeting.
#[derive(Clone, Copy)]
struct MeetingActions {
    attendance: ServerAction<SetAttendance>,
    record: ServerAction<RecordItem>,
    step: ServerAction<AddNextStep>,
    done: ServerAction<SetStepDone>,
    add_demo: ServerAction<AddDemo>,
    move_demo: ServerAction<MoveDemo>,
}

impl MeetingActions {
    fn new() -> Self {
        Self {
            attendance: ServerAction::new(),
            record: ServerAction::new(),
            step: ServerAction::new(),
            done: ServerAction::new(),
            add_demo: ServerAction::new(),
            move_demo: ServerAction::new(),
        }
    }

    fn versions(&self) -> [usize; 6] {
        [
            self.attendance.version().get(),
            self.record.version().get(),
            self.step.version().get(),
            self.done.version().get(),
            self.add_demo.version().get(),
            self.move_demo.version().get(),
        ]
    }
}

fn use_meeting(actions: MeetingActions) -> Resource<Result<MeetingPage, AppError>> {
    let params = use_params_map();
    Resource::new(
        move || {
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                actions.versions(),
            )
        },
        |(id, _)| get_meeting(id),
    )
}

#[component]
pub fn MeetingPageView() -> impl IntoView {
    let actions = MeetingActions::new();
    let page = use_meeting(actions);
    let me = use_me();
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <section class="meeting-page narrow wide" data-hydrated=move || hydrated.get().to_string()>
            <p class="breadcrumb"><a href="/meetings">"\u{2190} Meetings"</a></p>
            <Transition fallback=|| view! { <p class="loading">"Loading the meeting…"</p> }>
                {move || Suspend::new(async move {
                    let me = me.await;
                    let can_run = may(&me, Permission::RunMeetings);
                    let can_edit = may(&me, Permission::EditBoard);
                    match page.await {
                        Ok(page) => view! { <MeetingDetail page actions can_run can_edit /> }.into_any(),
                        Err(err) => load_error("The meeting", &err),
                    }
                })}
            </Transition>
        </section>
    }
}

fn step_text(step: &NextStep) -> String {
    let due = step.due.map(|d| format!(", due {d}")).unwrap_or_default();
    format!("{} (owner: {}{due})", step.text, step.owner)
}

#[component]
fn StepItem(
    step: NextStep,
    actions: MeetingActions,
    can_edit: bool,
    show_card: bool,
) -> impl IntoView {
    let label = if show_card {
        format!("{}: {}", step.card_title, step_text(&step))
    } else {
        step_text(&step)
    };
    view! {
        <li class="next-step" class:done=step.done>
            {label}
            {can_edit.then(|| view! {
                <ActionForm action=actions.done attr:class="inline-form">
                    <input type="hidden" name="step_id" value=step.id.to_string() />
                    <input type="hidden" name="done" value=(!step.done).to_string() />
                    <button type="submit" class="small">{if step.done { "Reopen" } else { "Done" }}</button>
                </ActionForm>
            })}
        </li>
    }
}

#[component]
fn MeetingDetail(
    page: MeetingPage,
    actions: MeetingActions,
    can_run: bool,
    can_edit: bool,
) -> impl IntoView {
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
    let mid = id.to_string();
    let date = held_on.format("%-d %B %Y").to_string();
    let first_item = (!agenda.is_empty()).then(|| format!("/meetings/{id}/agenda/1"));
    let first_demo = (!demos.is_empty()).then(|| format!("/meetings/{id}/demos/1"));
    let present: Vec<String> = attendees
        .iter()
        .filter(|a| a.present)
        .map(|a| a.name.clone())
        .collect();
    let attendance = attendees
        .into_iter()
        .map(|a| {
            let mid = mid.clone();
            view! {
                <li class="attendee" class:present=a.present>
                    {a.name.clone()}
                    {if a.present { " \u{2713} present" } else { "" }}
                    {can_run.then(|| view! {
                        <ActionForm action=actions.attendance attr:class="inline-form">
                            <input type="hidden" name="meeting_id" value=mid.clone() />
                            <input type="hidden" name="user_id" value=a.user_id.map(|id| id.to_string()).unwrap_or_default() />
                            <input type="hidden" name="present" value=(!a.present).to_string() />
                            <button type="submit" class="small">{if a.present { "Mark absent" } else { "Mark present" }}</button>
                        </ActionForm>
                    })}
                </li>
            }
        })
        .collect_view();
    let changes = since_previous
        .into_iter()
        .map(|group| view! {
            <li>
                <a href=format!("/cards/{}", group.card_id)>{group.title.clone()}</a>
                <ul>{group.changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
            </li>
        })
        .collect_view();
    let agenda_rows = agenda
        .iter()
        .cloned()
        .map(|item| {
            let href = format!("/meetings/{id}/agenda/{}", item.number);
            view! {
                <li class="agenda-row" data-status=item.status.key()>
                    <a href=href>{format!("{}. {}", item.number, item.title)}</a>
                    <span class="muted">{format!(" \u{00b7} {} \u{00b7} {}", item.stage_name, item.status.label())}</span>
                    {(!item.key_points.is_empty()).then(|| view! { <p class="key-points">{item.key_points.clone()}</p> })}
                    <ul>{item.next_steps.into_iter().map(|s| view! { <StepItem step=s actions can_edit show_card=false /> }).collect_view()}</ul>
                </li>
            }
        })
        .collect_view();
    let open = open_steps
        .into_iter()
        .map(|s| view! { <StepItem step=s actions can_edit show_card=true /> })
        .collect_view();
    let demo_rows = demos
        .iter()
        .map(|d| {
            let present = format!("/meetings/{id}/demos/{}", d.number);
            let (did_up, did_down) = (d.id.to_string(), d.id.to_string());
            let (label_up, label_down) = (
                format!("Move {} up", d.title),
                format!("Move {} down", d.title),
            );
            let link = format!("{}. {}", d.number, d.title);
            let meta = format!(
                " \u{00b7} {} \u{00b7} answers: {} \u{00b7} added by {}",
                d.kind.label(),
                d.challenge,
                d.added_by
            );
            let controls = can_run.then(move || view! {
                <ActionForm action=actions.move_demo attr:class="inline-form">
                    <input type="hidden" name="demo_id" value=did_up />
                    <input type="hidden" name="up" value="true" />
                    <button type="submit" class="small" aria-label=label_up>"\u{2191}"</button>
                </ActionForm>
                <ActionForm action=actions.move_demo attr:class="inline-form">
                    <input type="hidden" name="demo_id" value=did_down />
                    <input type="hidden" name="up" value="false" />
                    <button type="submit" class="small" aria-label=label_down>"\u{2193}"</button>
                </ActionForm>
            });
            view! {
                <li class="demo-row" data-demo=d.number>
                    <a href=present>{link}</a>
                    <span class="muted">{meta}</span>
                    {controls}
                </li>
            }
        })
        .collect_view();
    let demo_form = crate::ui::components::form_reset::reset_on_success(actions.add_demo);
    let options = solutions
        .into_iter()
        .map(|(sid, label)| view! { <option value=sid.to_string()>{label}</option> })
        .collect_view();
    view! {
        <Title text=format!("Meeting of {date}") />
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

        <section class="panel">
            <h2>"Attendance"</h2>
            <p>{if present.is_empty() { "Not recorded yet.".to_owned() } else { format!("Present: {}", present.join(", ")) }}</p>
            <ul class="attendees">{attendance}</ul>
        </section>

        <section class="panel since">
            <h2>{match previous {
                Some(day) => format!("Since the previous meeting ({day})"),
                None => "Everything so far (this is the first meeting)".to_owned(),
            }}</h2>
            <ul class="changes">{changes}</ul>
        </section>

        <section class="panel">
            <h2>"Open next steps from earlier meetings"</h2>
            <ul class="open-steps">{open}</ul>
        </section>

        <section class="panel agenda">
            <h2>{format!("Agenda: {} unfinished cards", agenda.len())}</h2>
            <ol class="agenda-list">{agenda_rows}</ol>
        </section>

        <section class="panel demos">
            <h2>"Demo queue"</h2>
            <ol class="demo-queue">{demo_rows}</ol>
            {can_edit.then(|| view! {
                <ActionForm action=actions.add_demo node_ref=demo_form attr:class="stacked-form">
                    <input type="hidden" name="meeting_id" value=mid.clone() />
                    <label>"Solution to demo"
                        <select name="solution_id" required>
                            <option value="" selected>"Choose a solution\u{2026}"</option>
                            {options}
                        </select>
                    </label>
                    <button type="submit">"Add to the queue"</button>
                    {crate::action_error!(actions.add_demo)}
                </ActionForm>
            })}
        </section>
    }
    .into_any()
}

/// `/meetings/{id}/minutes`: the minutes as a document to read, print or share.
#[component]
pub fn MinutesPage() -> impl IntoView {
    let params = use_params_map();
    let minutes = Resource::new(
        move || params.with(|p| p.get("id").unwrap_or_default()),
        get_minutes,
    );
    view! {
        <section class="minutes-page narrow">
            <Suspense fallback=|| view! { <p class="loading">"Loading the minutes\u{2026}"</p> }>
                {move || Suspend::new(async move {
                    match minutes.await {
                        Ok(m) => {
                            let date = m.held_on.format("%-d %B %Y").to_string();
                            let meeting = format!("/meetings/{}", m.meeting_id);
                            view! {
                                <Title text=format!("Minutes of {date}") />
                                <p class="breadcrumb"><a href=meeting.clone()>"\u{2190} Meeting"</a></p>
                                <article class="markdown minutes" inner_html=m.html></article>
                                <p><a href=format!("{meeting}/minutes.md") download="">"Download as Markdown"</a></p>
                            }.into_any()
                        }
                        Err(err) => load_error("The minutes", &err),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn AgendaWalkPage() -> impl IntoView {
    let actions = MeetingActions::new();
    let page = use_meeting(actions);
    let params = use_params_map();
    let number =
        move || params.with(|p| p.get("n").and_then(|n| n.parse::<u32>().ok()).unwrap_or(1));
    let me = use_me();
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    // What was typed on each card and not saved yet (see `AgendaItemView`).
    let drafts = Drafts::new();
    view! {
        <section class="agenda-walk narrow wide" data-hydrated=move || hydrated.get().to_string()>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let can_edit = may(&me.await, Permission::EditBoard);
                    let n = number();
                    match page.await {
                        Ok(page) => {
                            let total = u32::try_from(page.meeting.agenda.len()).unwrap_or(u32::MAX);
                            let meeting = page.meeting.id;
                            match page.meeting.agenda.into_iter().find(|i| i.number == n) {
                                Some(item) => view! { <AgendaItemView item meeting total actions can_edit drafts /> }.into_any(),
                                None => {
                                    #[cfg(feature = "ssr")]
                                    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                                        response.set_status(axum::http::StatusCode::NOT_FOUND);
                                    }
                                    view! {
                                        <Title text="No such agenda item" />
                                        <h1>"No such agenda item"</h1>
                                        <p><a href=format!("/meetings/{meeting}")>"Back to the meeting"</a></p>
                                    }.into_any()
                                }
                            }
                        }
                        Err(err) => load_error("The meeting", &err),
                    }
                })}
            </Transition>
        </section>
    }
}

/// What was typed into the agenda walk's forms and not saved yet, per card and field.
#[derive(Clone, Copy)]
struct Drafts {
    typed: StoredValue<std::collections::HashMap<(uuid::Uuid, &'static str), String>>,
    /// Bumped when drafts end, so fields show their saved values again.
    ended: RwSignal<u32>,
}

impl Drafts {
    fn new() -> Self {
        Self {
            typed: StoredValue::new(Default::default()),
            ended: RwSignal::new(0),
        }
    }

    /// The value a field of `card` shows: its draft, or else `saved`. Typing does not
    /// re-set it (the field already holds what was typed).
    fn value(
        self,
        card: uuid::Uuid,
        field: &'static str,
        saved: String,
    ) -> impl Fn() -> String + Send + Sync + 'static {
        move || {
            self.ended.track();
            self.typed
                .with_value(|typed| typed.get(&(card, field)).cloned())
                .unwrap_or_else(|| saved.clone())
        }
    }

    /// Keeps what is typed into a field of `card`.
    fn keep(self, card: uuid::Uuid, field: &'static str) -> impl Fn(leptos::ev::Event) + 'static {
        move |ev| {
            let text = event_target_value(&ev);
            self.typed.update_value(|typed| {
                typed.insert((card, field), text);
            });
        }
    }

    /// Ends the drafts of `fields` of `card` each time `action` succeeds.
    fn end_on_success<S>(
        self,
        action: ServerAction<S>,
        card: uuid::Uuid,
        fields: &'static [&'static str],
    ) where
        S: server_fn::ServerFn + Clone + Send + Sync + 'static,
        S::Output: Send + Sync + 'static,
        S::Error: Send + Sync + 'static,
    {
        crate::ui::components::form_reset::on_success(action, move || {
            self.typed.update_value(|typed| {
                for field in fields {
                    typed.remove(&(card, *field));
                }
            });
            self.ended.update(|n| *n += 1);
        });
    }
}

#[component]
fn AgendaItemView(
    item: AgendaItem,
    meeting: uuid::Uuid,
    total: u32,
    actions: MeetingActions,
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
    let gate = match &item.next_gate {
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
    };
    // A timer for the item, counting from when it was opened.
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
    let timer = move || {
        let s = seconds.get();
        format!("{:02}:{:02}", s / 60, s % 60)
    };
    let item_id = item.id.to_string();
    let (item_for_record, item_for_step, next_for_record) =
        (item_id.clone(), item_id, next.clone());
    let key_points = crate::ui::rcdata::rcdata(&item.key_points);
    // The walk re-draws this view in place when it moves to another card (by a save or
    // by a link), and a field would keep whatever it holds. So every field shows its own
    // card's draft, or else the card's saved value; a successful save ends the drafts.
    let item_id = item.id;
    drafts.end_on_success(actions.record, item_id, &["key_points"]);
    drafts.end_on_success(actions.step, item_id, &["text", "owner", "due"]);
    let saved_points = item.key_points.clone();
    // Those who cannot record read what was recorded.
    let read_points = (!can_edit && !item.key_points.trim().is_empty()).then(|| {
        let points = item.key_points.clone();
        view! {
            <section class="panel">
                <h2>"Key points"</h2>
                <p class="key-points">{points}</p>
            </section>
        }
    });
    let item_version = item.version.to_string();
    let steps = item
        .next_steps
        .iter()
        .cloned()
        .map(|s| view! { <StepItem step=s actions can_edit show_card=false /> })
        .collect_view();
    view! {
        <Title text=format!("Agenda {n}/{total}: {}", item.title) />
        <p class="breadcrumb"><a href=back.clone()>"\u{2190} Meeting"</a></p>
        <p class="walk-position">{format!("Card {n} of {total}")} " \u{00b7} " <span class="timer" aria-label="Time on this card">{timer}</span></p>
        <h1><a href=format!("/cards/{}", item.card_id)>{item.title.clone()}</a></h1>
        <p class="hit-meta">{format!("{} \u{00b7} {}", item.stage_name, item.status.label())}</p>
        <p class="gate-status">{gate}</p>
        {can_edit.then(move || view! {
            <ActionForm action=actions.record attr:class="stacked-form record-item">
                <input type="hidden" name="item_id" value=item_for_record />
                <input type="hidden" name="go_to" value=next_for_record />
                <input type="hidden" name="version" value=item_version />
                <label>"Key points"
                    <textarea
                        name="key_points"
                        rows="4"
                        prop:value=drafts.value(item_id, "key_points", saved_points)
                        on:input=drafts.keep(item_id, "key_points")
                    >
                        {key_points}
                    </textarea>
                </label>
                <div class="button-row">
                    <button type="submit" name="status" value=AgendaStatus::Discussed.key()>"Discussed, next card"</button>
                    <button type="submit" name="status" value=AgendaStatus::Skipped.key() class="secondary">"Skip"</button>
                    <button type="submit" name="status" value=AgendaStatus::Parked.key() class="secondary">"Park"</button>
                </div>
                {crate::action_error!(actions.record)}
            </ActionForm>
        })}
        {read_points}
        <section class="panel">
            <h2>"Next steps"</h2>
            <ul>{steps}</ul>
            {can_edit.then(move || view! {
                <ActionForm action=actions.step attr:class="stacked-form next-step-form">
                    <input type="hidden" name="item_id" value=item_for_step />
                    <label>"Next step" <input type="text" name="text" required prop:value=drafts.value(item_id, "text", String::new()) on:input=drafts.keep(item_id, "text") /></label>
                    <label>"Owner" <input type="text" name="owner" required prop:value=drafts.value(item_id, "owner", String::new()) on:input=drafts.keep(item_id, "owner") /></label>
                    <label>"Due" <input type="date" name="due" prop:value=drafts.value(item_id, "due", String::new()) on:input=drafts.keep(item_id, "due") /></label>
                    <button type="submit">"Record the next step"</button>
                    {crate::action_error!(actions.step)}
                </ActionForm>
            })}
        </section>
        <nav class="pagination">
            {previous.map(|href| view! { <a href=href>"\u{2190} Previous card"</a> })}
            <a href=next.clone()>{if n < total { "Next card \u{2192}" } else { "Back to the meeting" }}</a>
        </nav>
    }
    .into_any()
}

#[component]
pub fn PresenterPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        params.with(|p| {
            (
                p.get("id").unwrap_or_default(),
                p.get("n").and_then(|n| n.parse::<u32>().ok()).unwrap_or(1),
            )
        })
    };
    let presentation = Resource::new(key, |(id, n)| get_presentation(id, n));
    let navigate = leptos_router::hooks::use_navigate();
    // Keyboard: → / PageDown / Space for the next demo, ← / PageUp for the previous one,
    // Escape back to the meeting.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let (id, n) = key();
        let total = presentation
            .get_untracked()
            .and_then(Result::ok)
            .map_or(0, |p| p.total);
        let target = match ev.key().as_str() {
            "ArrowRight" | "PageDown" | " " if n < total => {
                Some(format!("/meetings/{id}/demos/{}", n + 1))
            }
            "ArrowLeft" | "PageUp" if n > 1 => Some(format!("/meetings/{id}/demos/{}", n - 1)),
            "Escape" => Some(format!("/meetings/{id}")),
            _ => None,
        };
        if let Some(path) = target {
            ev.prevent_default();
            navigate(&path, Default::default());
        }
    });
    on_cleanup(move || handle.remove());
    view! {
        <section class="presenter" data-hydrated=move || hydrated.get().to_string()>
            <Transition fallback=|| view! { <p class="loading">"Loading the demo…"</p> }>
                {move || Suspend::new(async move {
                    match presentation.await {
                        Ok(p) => view! { <PresentationView p /> }.into_any(),
                        Err(err) => load_error("The demo", &err),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn PresentationView(p: Presentation) -> impl IntoView {
    let n = p.demo.number;
    let video = p.url.as_deref().and_then(video_embed);
    let adoptions = p
        .adoptions
        .iter()
        .map(|a| view! { <li>{format!("{} \u{00b7} {}", a.company, a.status.label())}</li> })
        .collect_view();
    let next = (n < p.total).then(|| format!("/meetings/{}/demos/{}", p.meeting_id, n + 1));
    let previous = (n > 1).then(|| format!("/meetings/{}/demos/{}", p.meeting_id, n - 1));
    view! {
        <Title text=format!("Demo {n}: {}", p.demo.title) />
        <header class="presenter-header">
            <p class="walk-position">{format!("Demo {n} of {}", p.total)}</p>
            <h1>{p.demo.title.clone()}</h1>
            <p class="hit-meta">{format!("{} \u{00b7} answers: {}", p.demo.kind.label(), p.demo.challenge)}</p>
        </header>
        <div class="presenter-body">
            <section>
                <p class="summary">{p.summary.clone()}</p>
                {video.map(|src| view! {
                    <iframe class="video" src=src title="Video" allow="fullscreen" referrerpolicy="strict-origin-when-cross-origin"></iframe>
                })}
                {p.url.clone().map(|url| { let text = url.clone(); view! { <p><a href=url rel="noopener noreferrer">{text}</a></p> } })}
                {p.landed_in.clone().map(|place| view! { <p>"Landed in " {place}</p> })}
            </section>
            <section>
                <h2>"The challenge"</h2>
                <div class="markdown" inner_html=p.challenge_html.clone()></div>
                <h2>"Adopted by"</h2>
                <ul>{adoptions}</ul>
            </section>
        </div>
        <nav class="pagination presenter-nav">
            {previous.map(|href| view! { <a href=href rel="prev">"\u{2190} Previous demo"</a> })}
            <a href=format!("/meetings/{}", p.meeting_id)>"Back to the meeting (Esc)"</a>
            {next.map(|href| view! { <a href=href rel="next">"Next demo \u{2192}"</a> })}
        </nav>
    }
    .into_any()
}
