//! The card itself: its header, description, solutions, comments and activity, with the
//! side panel of stage and card forms.

use leptos::prelude::*;

use super::activity::ActivityView;
use super::comments::CommentsView;
use super::moving::MovePanel;
use super::side::{AddCompanyPanel, ArchivePanel, EditCardPanel, ParkPanel};
use super::solutions::{AddSolutionForm, SolutionView};
use crate::contract::input::CardPage;
use crate::domain::{Adoption, Comment};
use crate::ui::components::page_meta::PageMeta;

/// The page's title, description and link-preview tags (rendered on the server, outside
/// the island).
pub fn card_meta(page: &CardPage) -> impl IntoView + use<> {
    let card = &page.card;
    let stage_name = page
        .workflow
        .stage(&card.stage)
        .map(|s| s.name.clone())
        .unwrap_or_else(|| card.stage.to_string());
    let description = if card.description.trim().is_empty() {
        format!("A challenge on the ISPO working group's board, in {stage_name}.")
    } else {
        card.description.clone()
    };
    view! {
        <PageMeta
            title=card.title.clone()
            description
            path=format!("/cards/{}", card.id)
            kind="article"
        />
    }
}

#[component]
pub fn CardView(page: CardPage, can_edit: bool, is_admin: bool) -> impl IntoView {
    let CardPage {
        card,
        description_html,
        workflow,
        companies,
        comments_html,
        entered_under,
    } = page;
    let entered = entered_under.map(|e| {
        let gate = e
            .gate
            .map_or_else(|| "no gate".to_owned(), |g| format!("its gate then: {g}"));
        let how = if e.overridden {
            " \u{2014} moved past the gate by an admin"
        } else {
            ""
        };
        format!(
            "In {} since {}, judged under workflow version {} ({gate}){how}.",
            e.stage_name,
            e.at.format("%Y-%m-%d"),
            e.version
        )
    });
    let parked = card.parked.clone();
    let id = card.id.to_string();
    let comments: Vec<(Comment, String)> =
        card.comments.iter().cloned().zip(comments_html).collect();
    let stage_name = workflow
        .stage(&card.stage)
        .map(|s| s.name.clone())
        .unwrap_or_else(|| card.stage.to_string());
    let solutions = card
        .solutions
        .iter()
        .cloned()
        .map(|solution| {
            let mine: Vec<Adoption> = card
                .adoptions
                .iter()
                .filter(|a| a.solution_id == solution.id)
                .cloned()
                .collect();
            view! { <SolutionView solution adoptions=mine companies=companies.clone() can_edit is_admin /> }
        })
        .collect_view();
    view! {
        <article class="card-detail" data-card-id=id.clone() data-version=card.version.to_string()>
            <header class="card-detail-header">
                <p class="stage-pill" data-stage=card.stage.to_string()>{stage_name}</p>
                <h1>{card.title.clone()}</h1>
                {entered.map(|text| view! { <p class="entered-under">{text}</p> })}
                {card.parked.as_ref().map(|p| view! {
                    <p class="parked-note" role="status">
                        {format!("Parked \u{2014} {} (since {})", p.describe(), p.since.format("%Y-%m-%d"))}
                    </p>
                })}
                <ul class="badges" aria-label="Tags">
                    {card
                        .tags
                        .iter()
                        .map(|t| view! { <li class="badge badge-tag">"#" {t.clone()}</li> })
                        .collect_view()}
                </ul>
            </header>
            <div class="card-layout">
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
                        {card
                            .solutions
                            .is_empty()
                            .then(|| view! { <p class="muted">"No solution has been proposed yet."</p> })}
                        {solutions}
                        {can_edit.then(|| view! { <AddSolutionForm card_id=id.clone() /> })}
                    </section>
                    <CommentsView comments total=card.comments_total card_id=id.clone() can_edit />
                    <ActivityView
                        activity=card.activity.clone()
                        total=card.activity_total
                        workflow=workflow.clone()
                        card_id=id.clone()
                    />
                </div>
                <aside class="card-side">
                    <MovePanel
                        id=id.clone()
                        version=card.version
                        stage=card.stage.to_string()
                        evidence=card.evidence.clone()
                        workflow=workflow.clone()
                        can_edit
                        is_admin
                    />
                    {can_edit.then(|| view! { <ParkPanel id=id.clone() version=card.version parked=parked.clone() /> })}
                    {can_edit.then(|| view! { <EditCardPanel card=card.clone() /> })}
                    {is_admin.then(|| view! { <AddCompanyPanel /> })}
                    {can_edit.then(|| view! { <ArchivePanel id=id.clone() version=card.version /> })}
                    <p class="muted small">
                        {format!(
                            "Version {} \u{00b7} updated {}",
                            card.version,
                            card.updated_at.format("%Y-%m-%d %H:%M UTC"),
                        )}
                    </p>
                </aside>
            </div>
        </article>
    }
}
