//! The card page at `/cards/{id}`: the challenge, its solutions and their adoptions, the
//! gate status of the stages ahead, every form that changes the card, and its activity log.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::AppError;
use crate::api::cards::{
    AddAdoption, AddComment, AddCompany, AddSolution, ArchiveCard, EditAdoption, EditCard,
    EditSolution, MoveCard, get_card_page,
};
use crate::api::dto::CardPage;
use crate::domain::{
    Adoption, AdoptionStatus, Comment, Company, MoveRefusal, Permission, Solution, SolutionKind,
    Workflow,
};
use crate::ui::components::company_forms::AddCompanyForm;
use crate::ui::components::form_reset::reset_on_success;
use crate::ui::components::page_meta::PageMeta;
use crate::ui::rcdata::rcdata;
use crate::ui::session::{may, use_me};

/// Every action of the page; any of them finishing reloads the card.
#[derive(Clone, Copy)]
struct Actions {
    edit: ServerAction<EditCard>,
    archive: ServerAction<ArchiveCard>,
    move_card: ServerAction<MoveCard>,
    add_solution: ServerAction<AddSolution>,
    edit_solution: ServerAction<EditSolution>,
    add_company: ServerAction<AddCompany>,
    add_adoption: ServerAction<AddAdoption>,
    edit_adoption: ServerAction<EditAdoption>,
    comment: ServerAction<AddComment>,
}

impl Actions {
    fn new() -> Self {
        Self {
            edit: ServerAction::new(),
            archive: ServerAction::new(),
            move_card: ServerAction::new(),
            add_solution: ServerAction::new(),
            edit_solution: ServerAction::new(),
            add_company: ServerAction::new(),
            add_adoption: ServerAction::new(),
            edit_adoption: ServerAction::new(),
            comment: ServerAction::new(),
        }
    }

    fn versions(&self) -> [usize; 9] {
        [
            self.edit.version().get(),
            self.archive.version().get(),
            self.move_card.version().get(),
            self.add_solution.version().get(),
            self.edit_solution.version().get(),
            self.add_company.version().get(),
            self.add_adoption.version().get(),
            self.edit_adoption.version().get(),
            self.comment.version().get(),
        ]
    }
}

#[component]
pub fn CardPage() -> impl IntoView {
    let params = use_params_map();
    let actions = Actions::new();
    // Bumped when someone else changes this card (server-sent events).
    let live = RwSignal::new(0_u64);
    let page = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                actions.versions(),
                live.get(),
            )
        },
        |(id, _, _)| get_card_page(id),
    );
    // A change arriving while someone types into one of the page's fields waits until
    // they leave it, so nothing they typed is lost.
    let waiting = RwSignal::new(false);
    crate::ui::live::listen(move |heard| {
        let this_card = params
            .with_untracked(|p| p.get("id"))
            .and_then(|id| id.parse::<uuid::Uuid>().ok());
        let relevant = match heard {
            crate::ui::live::Heard::Change(event) => this_card.is_some_and(|id| event.touches(id)),
            crate::ui::live::Heard::Resync => true,
        };
        if !relevant {
            return;
        }
        if editing_a_field() {
            waiting.set(true);
        } else {
            live.update(|n| *n += 1);
        }
    });
    let on_focus_out = move |_| {
        if waiting.get_untracked() {
            set_timeout(
                move || {
                    // Nothing to do if the page is gone by then.
                    if waiting.try_get_untracked() == Some(true) && !editing_a_field() {
                        waiting.set(false);
                        live.update(|n| *n += 1);
                    }
                },
                std::time::Duration::from_millis(0),
            );
        }
    };
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let me = use_me();
    view! {
        <section
            class="card-page"
            data-hydrated=move || hydrated.get().to_string()
            on:focusout=on_focus_out
        >
            <p class="live-notice" class:is-empty=move || !waiting.get() role="status">
                {move || {
                    waiting
                        .get()
                        .then_some(
                            "Someone changed this card: it will refresh when you leave the field you are editing.",
                        )
                }}
            </p>
            <p class="breadcrumb">
                <a href="/">"\u{2190} Board"</a>
            </p>
            <Transition fallback=|| view! { <p class="loading">"Loading the card…"</p> }>
                {move || Suspend::new(async move {
                    let me = me.await;
                    let can_edit = may(&me, Permission::EditBoard);
                    let is_admin = may(&me, Permission::Administer);
                    match page.await {
                        Ok(page) => view! { <CardView page actions can_edit is_admin /> }.into_any(),
                        Err(AppError::NotFound(_)) => view! { <CardMissing /> }.into_any(),
                        Err(err) => {
                            view! {
                                <p class="error" role="alert">
                                    "The card could not be loaded: "
                                    {err.to_string()}
                                </p>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// Whether the keyboard is in a text field or menu of the page (someone is typing).
fn editing_a_field() -> bool {
    #[cfg(feature = "hydrate")]
    {
        document().active_element().is_some_and(|element| {
            matches!(
                element.tag_name().to_ascii_uppercase().as_str(),
                "INPUT" | "TEXTAREA" | "SELECT"
            )
        })
    }
    #[cfg(not(feature = "hydrate"))]
    {
        false
    }
}

#[component]
fn CardMissing() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(axum::http::StatusCode::NOT_FOUND);
        }
    }
    view! {
        <Title text="Card not found" />
        <h1>"Card not found"</h1>
        <p>"There is no open card at this address: it may have been archived."</p>
    }
}

#[component]
fn CardView(page: CardPage, actions: Actions, can_edit: bool, is_admin: bool) -> impl IntoView {
    let CardPage {
        card,
        description_html,
        workflow,
        companies,
        comments_html,
    } = page;
    let comments: Vec<(Comment, String)> =
        card.comments.iter().cloned().zip(comments_html).collect();
    let stage_name = workflow
        .stage(&card.stage)
        .map(|s| s.name.clone())
        .unwrap_or_else(|| card.stage.clone());
    let id = card.id.to_string();
    let (id_edit, id_archive) = (id.clone(), id.clone());
    let tags_text = card.tags.join(", ");
    let solutions = card.solutions.clone();
    let adoptions = card.adoptions.clone();
    let has_solutions = !solutions.is_empty();
    let wf_names = workflow.clone();
    let stage_label = move |key: &str| {
        wf_names
            .stage(key)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| key.to_owned())
    };
    let activity = card
        .activity
        .iter()
        .map(|item| {
            let who = item.actor.clone().unwrap_or_else(|| "Someone".into());
            let what = item.summary(&stage_label);
            let when = item.at.format("%Y-%m-%d %H:%M UTC").to_string();
            let note = (item.kind == "moved" || item.kind == "archived")
                .then(|| item.note.clone())
                .filter(|n| !n.is_empty());
            view! {
                <li class="activity-item" data-kind=item.kind.clone()>
                    <span class="who">{who}</span>
                    " "
                    {what}
                    {note.map(|n| view! { <span class="note">" \u{2014} \u{201c}" {n} "\u{201d}"</span> })}
                    <span class="meta">
                        " \u{00b7} " <time datetime=item.at.to_rfc3339()>{when}</time>
                        {format!(" \u{00b7} workflow v{}", item.workflow_version)}
                    </span>
                </li>
            }
        })
        .collect_view();

    let meta_description = if card.description.trim().is_empty() {
        format!("A challenge on the ISPO working group's board, in {stage_name}.")
    } else {
        card.description.clone()
    };
    view! {
        <PageMeta
            title=card.title.clone()
            description=meta_description
            path=format!("/cards/{id}")
            kind="article"
        />
        <article class="card-detail" data-card-id=id.clone() data-version=card.version.to_string()>
            <header class="card-detail-header">
                <p class="stage-pill" data-stage=card.stage.clone()>
                    {stage_name.clone()}
                </p>
                <h1>{card.title.clone()}</h1>
                <ul class="badges" aria-label="Tags">
                    {card
                        .tags
                        .iter()
                        .map(|t| view! { <li class="badge badge-tag">"#" {t.clone()}</li> })
                        .collect_view()}
                </ul>
            </header>

            <div class="card-layout">
                {view! {
                <div class="card-main">
                    <section class="description" aria-label="Description">
                        {if card.description.is_empty() {
                            view! { <p class="muted">"No description yet."</p> }.into_any()
                        } else {
                            view! { <div class="markdown" inner_html=description_html></div> }
                                .into_any()
                        }}
                    </section>

                    <section class="solutions" aria-labelledby="solutions-heading">
                        <h2 id="solutions-heading">"Solutions"</h2>
                        {(!has_solutions)
                            .then(|| view! { <p class="muted">"No solution has been proposed yet."</p> })}
                        {solutions
                            .into_iter()
                            .map(|solution| {
                                let mine: Vec<Adoption> = adoptions
                                    .iter()
                                    .filter(|a| a.solution_id == solution.id)
                                    .cloned()
                                    .collect();
                                view! {
                                    <SolutionView solution adoptions=mine companies=companies.clone() actions can_edit is_admin />
                                }
                            })
                            .collect_view()}
                        {can_edit.then(|| view! { <AddSolutionForm card_id=id.clone() actions /> })}
                    </section>

                    <CommentsView comments card_id=id.clone() actions can_edit />

                    <section class="activity" aria-labelledby="activity-heading">
                        <h2 id="activity-heading">"Activity"</h2>
                        <ol class="activity-list">{activity}</ol>
                    </section>
                </div>

                }.into_any()}
                {view! {
                <aside class="card-side">
                    <MovePanel
                        id=id.clone()
                        version=card.version
                        stage=card.stage.clone()
                        evidence=card.evidence.clone()
                        workflow=workflow.clone()
                        actions
                        can_edit
                    />
                    {can_edit.then(|| view! { <details class="panel">
                        <summary>"Edit the card"</summary>
                        <ActionForm action=actions.edit attr:class="stacked-form">
                            <input type="hidden" name="id" value=id_edit />
                            <input type="hidden" name="version" value=card.version.to_string() />
                            <label>
                                "Title" <input type="text" name="title" required value=card.title.clone() />
                            </label>
                            <label>
                                "Description (Markdown)"
                                <textarea name="description" rows="8">
                                    {rcdata(&card.description)}
                                </textarea>
                            </label>
                            <label>
                                "Tags, separated by commas" <input type="text" name="tags" value=tags_text />
                            </label>
                            <button type="submit">"Save"</button>
                            {crate::action_error!(actions.edit)}
                        </ActionForm>
                    </details> })}
                    {is_admin.then(|| view! { <details class="panel">
                        <summary>"Add a company"</summary>
                        <AddCompanyForm action=actions.add_company />
                        <p class="muted small"><a href="/admin/companies">"All companies"</a></p>
                    </details> })}
                    {can_edit.then(|| view! { <details class="panel">
                        <summary>"Archive"</summary>
                        <ActionForm action=actions.archive attr:class="stacked-form">
                            <input type="hidden" name="id" value=id_archive />
                            <input type="hidden" name="version" value=card.version.to_string() />
                            <label>"Why" <input type="text" name="note" /></label>
                            <button type="submit" class="danger">"Archive this card"</button>
                            {crate::action_error!(actions.archive)}
                        </ActionForm>
                    </details> })}
                    <p class="muted small">
                        {format!("Version {} \u{00b7} updated {}", card.version, card.updated_at.format("%Y-%m-%d %H:%M UTC"))}
                    </p>
                </aside>
                }.into_any()}
            </div>
        </article>
    }
}

/// The stages a card can go to, each with whether its gate is met, and the move form.
#[component]
fn MovePanel(
    id: String,
    version: i64,
    stage: String,
    evidence: crate::domain::CardEvidence,
    workflow: Workflow,
    actions: Actions,
    can_edit: bool,
) -> impl IntoView {
    let next = workflow.next(&stage).cloned();
    let default_target = next.as_ref().map(|s| s.key.as_str().to_owned());
    let next_status = next.map(|next| {
        let check = workflow.check_gate(&next, &evidence);
        if check.is_met() {
            view! { <p class="gate-status ok">{format!("Ready to move to {}.", next.name)}</p> }
                .into_any()
        } else {
            let reasons = check
                .missing
                .iter()
                .map(|m| m.message.clone())
                .collect::<Vec<_>>()
                .join("; ");
            view! {
                <p class="gate-status missing">
                    {format!("To move to {}: {reasons}.", next.name)}
                </p>
            }
            .into_any()
        }
    });
    let options = workflow
        .stages()
        .iter()
        .filter(|s| s.key.as_str() != stage)
        .map(|s| {
            let verdict = match workflow.check_move(&stage, s.key.as_str(), &evidence, "") {
                Ok(_) => "ready".to_owned(),
                Err(MoveRefusal::NoteRequired) => "back: needs a note".to_owned(),
                Err(MoveRefusal::GatesNotMet(checks)) => {
                    let missing = checks
                        .iter()
                        .flat_map(|c| c.missing.iter().map(|m| m.message.clone()))
                        .collect::<Vec<_>>()
                        .join("; ");
                    format!("not yet: {missing}")
                }
                Err(other) => other.to_string(),
            };
            let selected = default_target.as_deref() == Some(s.key.as_str());
            view! {
                <option value=s.key.as_str().to_owned() selected=selected>
                    {format!("{} \u{2014} {verdict}", s.name)}
                </option>
            }
        })
        .collect_view();
    view! {
        <section class="panel move-panel" aria-labelledby="move-heading">
            <h2 id="move-heading">"Stage"</h2>
            {next_status}
            {can_edit.then(|| view! {
            <ActionForm action=actions.move_card attr:class="stacked-form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="version" value=version.to_string() />
                <label>"Move to" <select name="to">{options}</select></label>
                <label>
                    "Note (needed when moving back)" <input type="text" name="note" />
                </label>
                <button type="submit">"Move"</button>
                {crate::action_error!(actions.move_card)}
            </ActionForm>
            })}
        </section>
    }
}

fn kind_options(selected: SolutionKind) -> impl IntoView {
    SolutionKind::ALL
        .into_iter()
        .map(|kind| {
            view! {
                <option value=kind.key() selected=kind == selected>
                    {kind.label()}
                </option>
            }
        })
        .collect_view()
}

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
fn SolutionView(
    solution: Solution,
    adoptions: Vec<Adoption>,
    companies: Vec<Company>,
    actions: Actions,
    can_edit: bool,
    is_admin: bool,
) -> impl IntoView {
    let sid = solution.id.to_string();
    let (sid_article, sid_adopt) = (sid.clone(), sid.clone());
    let company_count = {
        let mut ids: Vec<_> = adoptions.iter().map(|a| a.company_id).collect();
        ids.sort();
        ids.dedup();
        ids.len()
    };
    let adoption_rows = adoptions
        .into_iter()
        .map(|a| {
            let naming = if a.company_public {
                "named publicly"
            } else {
                "anonymised in public"
            };
            let since = a.since.map(|d| d.to_string()).unwrap_or_default();
            let aid = a.id.to_string();
            let row_id = aid.clone();
            view! {
                <li class="adoption" data-adoption-id=row_id>
                    <strong>{a.company_name.clone()}</strong>
                    " \u{00b7} "
                    <span class="status">{a.status.label()}</span>
                    {(!since.is_empty()).then(|| format!(" since {since}"))}
                    " \u{00b7} "
                    <span class="muted">{naming}</span>
                    {a.evidence_url.clone().map(|url| view! {
                        " \u{00b7} " <a href=url rel="noopener noreferrer nofollow">"evidence"</a>
                    })}
                    {(!a.notes.is_empty()).then(|| view! { <p class="notes">{a.notes.clone()}</p> })}
                    {can_edit.then(|| view! {
                    <details class="inline-edit">
                        <summary>"Edit adoption"</summary>
                        <ActionForm action=actions.edit_adoption attr:class="stacked-form">
                            <input type="hidden" name="adoption_id" value=aid />
                            <input type="hidden" name="company_id" value=a.company_id.to_string() />
                            <input type="hidden" name="version" value=a.version.to_string() />
                            <label>"Status" <select name="status">{status_options(a.status)}</select></label>
                            <label>"Since" <input type="date" name="since" value=since.clone() /></label>
                            <label>
                                "Evidence link"
                                <input type="url" name="evidence_url" value=a.evidence_url.clone().unwrap_or_default() />
                            </label>
                            <label>"Notes" <textarea name="notes" rows="2">{rcdata(&a.notes)}</textarea></label>
                            <button type="submit">"Save adoption"</button>
                            {crate::action_error!(actions.edit_adoption)}
                        </ActionForm>
                    </details>
                    })}
                </li>
            }
        })
        .collect_view();
    let company_options = companies
        .iter()
        .map(|c| view! { <option value=c.id.to_string()>{c.name.clone()}</option> })
        .collect_view();
    let no_companies = companies.is_empty();
    let adoption_form = reset_on_success(actions.add_adoption);
    view! {
        <article class="solution" data-solution-id=sid_article>
            <h3>{solution.title.clone()}</h3>
            <p class="solution-meta">
                <span class="badge">{solution.kind.label()}</span>
                {solution.landed_in.clone().map(|l| view! { " \u{00b7} landed in " {l} })}
                {format!(" \u{00b7} adopted by {company_count} {}", if company_count == 1 { "company" } else { "companies" })}
            </p>
            {(!solution.summary.is_empty()).then(|| view! { <p>{solution.summary.clone()}</p> })}
            {solution.url.clone().map(|url| {
                let text = url.clone();
                view! {
                    <p><a class="materials" href=url rel="noopener noreferrer nofollow">{text}</a></p>
                }
            })}
            <ul class="adoptions">{adoption_rows}</ul>
            {can_edit.then(|| view! {
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
                <ActionForm action=actions.add_adoption node_ref=adoption_form attr:class="stacked-form">
                    <input type="hidden" name="solution_id" value=sid_adopt />
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
                    {crate::action_error!(actions.add_adoption)}
                </ActionForm>
            </details>
            <details class="inline-edit">
                <summary>"Edit solution"</summary>
                <ActionForm action=actions.edit_solution attr:class="stacked-form">
                    <input type="hidden" name="solution_id" value=sid />
                    <input type="hidden" name="version" value=solution.version.to_string() />
                    <label>"Title" <input type="text" name="title" required value=solution.title.clone() /></label>
                    <label>"Kind" <select name="kind">{kind_options(solution.kind)}</select></label>
                    <label>"Summary" <textarea name="summary" rows="3">{rcdata(&solution.summary)}</textarea></label>
                    <label>"Public link" <input type="url" name="url" value=solution.url.clone().unwrap_or_default() /></label>
                    <label>"Where it landed" <input type="text" name="landed_in" value=solution.landed_in.clone().unwrap_or_default() /></label>
                    <button type="submit">"Save solution"</button>
                    {crate::action_error!(actions.edit_solution)}
                </ActionForm>
            </details>
            })}
        </article>
    }
}

#[component]
fn AddSolutionForm(card_id: String, actions: Actions) -> impl IntoView {
    let form = reset_on_success(actions.add_solution);
    view! {
        <details class="panel add-solution" open=false>
            <summary>"Propose a solution"</summary>
            <ActionForm action=actions.add_solution node_ref=form attr:class="stacked-form">
                <input type="hidden" name="card_id" value=card_id />
                <label>"Title" <input type="text" name="title" required /></label>
                <label>"Kind" <select name="kind">{kind_options(SolutionKind::Article)}</select></label>
                <label>"Summary" <textarea name="summary" rows="3"></textarea></label>
                <label>"Public link to the materials" <input type="url" name="url" placeholder="https://…" /></label>
                <label>"Where it landed" <input type="text" name="landed_in" placeholder="Patterns working group" /></label>
                <button type="submit">"Add solution"</button>
                {crate::action_error!(actions.add_solution)}
            </ActionForm>
        </details>
    }
}

/// The members' discussion of the card, and the form to add to it.
#[component]
fn CommentsView(
    comments: Vec<(Comment, String)>,
    card_id: String,
    actions: Actions,
    can_edit: bool,
) -> impl IntoView {
    let none = comments.is_empty();
    let form = reset_on_success(actions.comment);
    let items = comments
        .into_iter()
        .map(|(comment, html)| {
            view! {
                <li class="comment" data-comment-id=comment.id.to_string()>
                    <p class="meta">
                        <span class="who">{comment.author.clone()}</span>
                        " \u{00b7} "
                        {comment.at.format("%Y-%m-%d %H:%M UTC").to_string()}
                    </p>
                    <div class="markdown" inner_html=html></div>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="comments" aria-labelledby="comments-heading">
            <h2 id="comments-heading">"Comments"</h2>
            // Comments are the members' discussion: visitors get none from the server.
            {match (can_edit, none) {
                (false, _) => Some(view! {
                    <p class="muted">
                        "Comments are visible to signed-in members. "
                        <a href="/login">"Sign in"</a>
                    </p>
                }.into_any()),
                (true, true) => Some(view! { <p class="muted">"No comments yet."</p> }.into_any()),
                (true, false) => None,
            }}
            <ol class="comment-list">{items}</ol>
            {can_edit.then(|| view! {
                <ActionForm action=actions.comment node_ref=form attr:class="stacked-form comment-form">
                    <input type="hidden" name="card_id" value=card_id.clone() />
                    <label>
                        "Add a comment (Markdown)"
                        <textarea name="body" rows="3" required></textarea>
                    </label>
                    <button type="submit">"Comment"</button>
                    {crate::action_error!(actions.comment)}
                </ActionForm>
            })}
        </section>
    }
    .into_any()
}
