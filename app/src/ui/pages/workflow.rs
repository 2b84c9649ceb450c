//! The workflow's pages: `/workflow` (every version, its stages and gates, and what changed
//! from the one before; open to visitors), `/admin/workflow` (the editor: one plain form,
//! previewed by a GET of the same page and saved by a POST, so it works without
//! WebAssembly; where scripts run, `follow.js` adds drag to reorder) and `/reports/ready`
//! (the cards whose evidence meets the next gate). All three are documents.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

use crate::api::workflow::{SaveWorkflow, get_ready_report, workflow_editor, workflow_versions};
use crate::contract::workflow::{ReadyReport, StageForm, WorkflowEditorView};
use crate::domain::{Gate, Impact, Stage, StageChange, VersionView, Workflow};
use crate::ui::components::loaded::Loaded;
use crate::ui::pages::account::AdminOnly;

fn gate_words(gate: &Option<Gate>) -> String {
    gate.as_ref()
        .map_or_else(|| "none".to_owned(), Gate::describe)
}

/// A workflow's stages as a table.
fn stage_table(workflow: &Workflow) -> impl IntoView + use<> {
    let rows = workflow
        .stages()
        .iter()
        .enumerate()
        .map(|(i, s): (usize, &Stage)| {
            view! {
                <tr>
                    <td>{i + 1}</td>
                    <th scope="row">{s.name.clone()} " " <code>{s.key.to_string()}</code></th>
                    <td>{gate_words(&s.gate)}</td>
                    <td>{s.wip_limit.map_or_else(|| "none".to_owned(), |n| n.to_string())}</td>
                    <td>{s.description.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
        <table class="stage-table">
            <thead>
                <tr>
                    <th scope="col">"#"</th>
                    <th scope="col">"Stage"</th>
                    <th scope="col">"Gate to enter"</th>
                    <th scope="col">"WIP limit"</th>
                    <th scope="col">"Meaning"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        </div>
    }
}

fn change_list(changes: &[StageChange]) -> impl IntoView + use<> {
    let items = changes
        .iter()
        .map(|c| view! { <li>{c.describe()}</li> })
        .collect_view();
    view! { <ul class="change-list">{items}</ul> }
}

/// `/workflow`: every version, newest first.
#[component]
pub fn WorkflowPage() -> impl IntoView {
    let versions = Resource::new(|| (), |_| workflow_versions());
    view! {
        <Title text="Workflow and its versions" />
        <section class="narrow wide workflow-versions">
            <h1>"Workflow"</h1>
            <p class="lede">
                "The stages a challenge moves through and the evidence each asks for. The group "
                "changes its rules now and then: every change is a new version, and each card\u{2019}s "
                "activity names the version it was judged under. "
                <a href="/reports/ready">"Cards ready to move"</a> "."
            </p>
            <Loaded
                resource=versions
                what="The workflow"
                ready=|list, viewer| view! {
                    {viewer
                        .may(crate::domain::Permission::Administer)
                        .then(|| view! { <p><a class="button" href="/admin/workflow">"Edit the workflow"</a></p> })}
                    {list.into_iter().enumerate().map(|(i, v)| version_view(v, i == 0)).collect_view()}
                }
            />
        </section>
    }
}

fn version_view(v: VersionView, in_force: bool) -> impl IntoView {
    let heading = format!(
        "Version {}{}",
        v.workflow.version,
        if in_force { " (in force)" } else { "" }
    );
    let by = format!(
        "Saved {} by {}",
        v.created_at.format("%Y-%m-%d %H:%M UTC"),
        v.author.as_deref().unwrap_or("the system")
    );
    let stale = format!(
        "Cards are marked stale after {} days without activity.",
        v.workflow.stale_after_days
    );
    let changes = (!v.changes.is_empty()).then(|| {
        view! {
            <h3>"Changed from the version before"</h3>
            {change_list(&v.changes)}
        }
    });
    view! {
        <article class="panel workflow-version" id=format!("version-{}", v.workflow.version)>
            <h2>{heading}</h2>
            <p class="muted">{by}</p>
            {(!v.note.is_empty()).then(|| view! { <p class="version-note">{v.note.clone()}</p> })}
            {changes}
            {stage_table(&v.workflow)}
            <p class="muted">{stale}</p>
        </article>
    }
}

/// `/admin/workflow`: the editor (admins).
#[component]
pub fn WorkflowEditorPage() -> impl IntoView {
    let location = use_location();
    let editor = Resource::new(
        move || location.search.get(),
        |query: String| workflow_editor(query),
    );
    let save = ServerAction::<SaveWorkflow>::new();
    view! {
        <Title text="Edit the workflow" />
        <section class="narrow wide workflow-editor-page">
            <h1>"Edit the workflow"</h1>
            <AdminOnly>
                {crate::action_error!(save)}
                <Loaded
                    resource=editor
                    what="The workflow editor"
                    ready=|data, _| view! { <WorkflowEditor data /> }
                />
            </AdminOnly>
        </section>
    }
}

/// The editor: a plain form; where scripts run, stages are also reordered by dragging
/// their handles (`follow.js` numbers the place fields anew).
#[component]
fn WorkflowEditor(data: WorkflowEditorView) -> impl IntoView {
    let next_version = data.current.version + 1;
    let problem = data
        .problem
        .clone()
        .map(|p| view! { <p class="form-error" role="alert">{p}</p> });
    let preview = data
        .previewing
        .then(|| preview_view(&data.changes, &data.impact, data.proposed.as_ref()));
    // Where a removed stage's cards may go: any stage with a key (new ones get theirs at
    // the first preview).
    let current_keys: Vec<(String, String)> = data
        .form
        .stages
        .iter()
        .filter(|s| !s.key.trim().is_empty())
        .map(|s| (s.key.clone(), s.name.clone()))
        .collect();
    let rows = data
        .form
        .stages
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, row)| stage_row(i, row, &current_keys))
        .collect_view();
    view! {
        <p class="lede">
            "Rename, add, remove or reorder stages (by their place numbers), and set what each "
            "asks for. " <strong>"Preview"</strong> " shows, card by card, what the change would do; "
            <strong>"Save"</strong> " stores it as version " {next_version} ". Nothing earlier is rewritten: "
            "see " <a href="/workflow">"every version"</a> "."
        </p>
        {problem}
        {preview}
        <form
            method="post"
            action=SaveWorkflow::url()
            class="workflow-editor"
            aria-label="The workflow"
        >
            <input type="hidden" name="version" value=data.form.version.clone() />
            <div class="stage-rows">{rows}</div>
            <label>
                "Cards are stale after this many days without activity"
                <input
                    type="number"
                    name="stale_after_days"
                    min="1"
                    max="3650"
                    required
                    value=data.form.stale_after_days.clone()
                />
            </label>
            <label>
                "Note for this version (why the group changed its rules)"
                <textarea name="note" rows="2" maxlength="2000">{data.form.note.clone()}</textarea>
            </label>
            <div class="button-row">
                <button
                    type="submit"
                    class="secondary"
                    formmethod="get"
                    formaction="/admin/workflow"
                    name="preview"
                    value="1"
                >
                    "Preview"
                </button>
                <button type="submit">{format!("Save as version {next_version}")}</button>
                <a href="/admin/workflow">"Start again"</a>
            </div>
        </form>
    }
}

fn stage_row(i: usize, row: StageForm, current: &[(String, String)]) -> impl IntoView + use<> {
    let new = row.key.trim().is_empty();
    let blank = row.is_blank();
    let field = move |name: &str| format!("stages[{i}][{name}]");
    let legend = if new {
        if row.name.is_empty() {
            "Add a stage".to_owned()
        } else {
            format!("New stage: {}", row.name)
        }
    } else {
        format!("{} ({})", row.name, row.key)
    };
    let targets = current
        .iter()
        .filter(|(key, _)| *key != row.key)
        .map(|(key, name)| {
            let selected = row.move_to == *key;
            view! { <option value=key.clone() selected=selected>{name.clone()}</option> }
        })
        .collect_view();
    let checked = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.is_empty());
    view! {
        <fieldset class="stage-row" class:new-stage=new data-blank=blank.then_some("")>
            <legend>
                {(!blank).then(|| view! {
                <span class="drag-handle" draggable="true" title="Drag to reorder" aria-hidden="true">
                    "\u{2630}"
                </span>
                })}
                {legend}
            </legend>
            <input type="hidden" name=field("key") value=row.key.clone() />
            <div class="stage-row-main">
                <label class="place">
                    "Place"
                    <input type="number" name=field("position") min="1" value=row.position.clone() />
                </label>
                <label>
                    "Name"
                    <input type="text" name=field("name") maxlength="60" value=row.name.clone() />
                </label>
                <label>
                    "WIP limit"
                    <input type="number" name=field("wip_limit") min="1" placeholder="none" value=row.wip_limit.clone() />
                </label>
            </div>
            <label>
                "Meaning"
                <input type="text" name=field("description") maxlength="1000" value=row.description.clone() />
            </label>
            <fieldset class="gate-fields">
                <legend>"Gate to enter (all that are filled in)"</legend>
                <label>
                    "At least N solutions"
                    <input type="number" name=field("min_solutions") min="1" value=row.min_solutions.clone() />
                </label>
                <label>
                    "At least N adoptions"
                    <input type="number" name=field("min_adoptions") min="1" value=row.min_adoptions.clone() />
                </label>
                <label class="check">
                    <input type="checkbox" name=field("in_use_only") checked=checked(&row.in_use_only) />
                    "in use only (pilots do not count)"
                </label>
                <label class="check">
                    <input type="checkbox" name=field("public_link") checked=checked(&row.public_link) />
                    "a solution with a public link"
                </label>
                <label>
                    "One solution adopted by N companies"
                    <input type="number" name=field("companies") min="1" value=row.companies.clone() />
                </label>
            </fieldset>
            {(!new).then(|| view! {
                <div class="remove-fields">
                    <label class="check">
                        <input type="checkbox" name=field("remove") checked=checked(&row.remove) />
                        "Remove this stage"
                    </label>
                    <label>
                        "Its cards go to"
                        <select name=field("move_to")>
                            <option value="">"\u{2014} choose \u{2014}"</option>
                            {targets}
                        </select>
                    </label>
                </div>
            })}
        </fieldset>
    }
}

fn preview_view(
    changes: &[StageChange],
    impact: &Impact,
    proposed: Option<&Workflow>,
) -> impl IntoView + use<> {
    let Some(proposed) = proposed else {
        return ().into_any();
    };
    let changes_view = if changes.is_empty() {
        view! { <p>"Nothing would change."</p> }.into_any()
    } else {
        change_list(changes).into_any()
    };
    let relocated = impact
        .relocated
        .iter()
        .map(|r| {
            view! {
                <li>
                    <a href=format!("/cards/{}", r.card)>{r.title.clone()}</a>
                    {format!(": {} \u{2192} {}", r.from_name, r.to_name)}
                </li>
            }
        })
        .collect_view();
    let unmet = impact
        .unmet
        .iter()
        .map(|u| {
            let missing = u
                .missing
                .iter()
                .map(|m| m.message.clone())
                .collect::<Vec<_>>()
                .join("; ");
            view! {
                <li>
                    <a href=format!("/cards/{}", u.card)>{u.title.clone()}</a>
                    {format!(" stays in {}, marked: {missing}", u.stage_name)}
                </li>
            }
        })
        .collect_view();
    let unplaced = impact
        .unplaced
        .iter()
        .map(|u| {
            view! {
                <li>{format!(
                    "{} holds {}: choose where they go",
                    u.stage_name,
                    if u.cards == 1 { "a card".to_owned() } else { format!("{} cards", u.cards) }
                )}</li>
            }
        })
        .collect_view();
    view! {
        <section class="panel workflow-preview" aria-labelledby="preview-heading">
            <h2 id="preview-heading">{format!("Preview of version {}", proposed.version)}</h2>
            {changes_view}
            {stage_table(proposed)}
            <h3>"What it does to the cards"</h3>
            {(!impact.unplaced.is_empty()).then(|| view! { <ul class="unplaced">{unplaced}</ul> })}
            {if impact.relocated.is_empty() && impact.unmet.is_empty() {
                view! { <p>"No card moves, and every card still meets its stage\u{2019}s gate."</p> }.into_any()
            } else {
                view! {
                    {(!impact.relocated.is_empty()).then(|| view! {
                        <h4>"Moved out of removed stages"</h4>
                        <ul class="relocated">{relocated}</ul>
                    })}
                    {(!impact.unmet.is_empty()).then(|| view! {
                        <h4>"Left in a stage whose gate they no longer meet"</h4>
                        <ul class="unmet">{unmet}</ul>
                    })}
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

/// `/reports/ready`: the cards whose evidence already meets the next stage's gate.
#[component]
pub fn ReadyPage() -> impl IntoView {
    let report = Resource::new(|| (), |_| get_ready_report());
    view! {
        <Title text="Ready to move" />
        <section class="narrow wide ready-report">
            <h1>"Ready to move"</h1>
            <p class="lede">
                "Cards whose evidence already meets the gate of the next stage, for the "
                "facilitator to propose at the next meeting. Nothing moves by itself."
            </p>
            <Loaded resource=report what="The ready report" ready=|r, _| ready_view(r) />
        </section>
    }
}

fn ready_view(report: ReadyReport) -> impl IntoView {
    if report.cards.is_empty() {
        return view! {
            <p>"No card is ready: none has the evidence the next stage asks for yet."</p>
        }
        .into_any();
    }
    let rows = report
        .cards
        .into_iter()
        .map(|c| {
            view! {
                <tr>
                    <th scope="row"><a href=format!("/cards/{}", c.id)>{c.title}</a></th>
                    <td>{c.stage_name}</td>
                    <td>{c.next_name}</td>
                    <td>{c.gate}</td>
                    <td>{if c.parked { "parked" } else { "" }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
        <table class="ready-table">
            <thead>
                <tr>
                    <th scope="col">"Card"</th>
                    <th scope="col">"In"</th>
                    <th scope="col">"Ready for"</th>
                    <th scope="col">"Which asks for"</th>
                    <th scope="col"><span class="visually-hidden">"Parked"</span></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        </div>
        <p class="muted">{format!("Judged under workflow version {}.", report.workflow_version)}</p>
    }
    .into_any()
}
