//! The card's activity log, newest first, each change with the workflow version it was
//! judged under; and the note under a list cut to its newest entries, with the link to
//! the whole of it.

use leptos::prelude::*;

use crate::domain::{ActivityItem, ChangeKind, Workflow};

/// Under a list the page shows only the newest `shown` of `total` of: says so and links
/// to the card's whole history (`?history=all`), at this list's `anchor`.
#[component]
pub fn Earlier(
    shown: usize,
    total: u64,
    what: &'static str,
    card_id: String,
    anchor: &'static str,
) -> impl IntoView {
    ((shown as u64) < total).then(|| {
        view! {
            <p class="history-more">
                {format!("Showing the newest {shown} of {total} {what}. ")}
                <a href=format!("/cards/{card_id}?history=all#{anchor}") rel="nofollow">
                    {format!("Show all {total}")}
                </a>
            </p>
        }
    })
}

#[component]
pub fn ActivityView(
    activity: Vec<ActivityItem>,
    total: u64,
    workflow: Workflow,
    card_id: String,
) -> impl IntoView {
    let shown = activity.len();
    let stage_label = move |key: &str| {
        workflow
            .stage(key)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| key.to_owned())
    };
    let items = activity
        .iter()
        .map(|item| {
            let who = item.actor.clone().unwrap_or_else(|| "Someone".into());
            let what = item.summary(&stage_label);
            let when = item.at.format("%Y-%m-%d %H:%M UTC").to_string();
            let note = matches!(
                item.kind,
                ChangeKind::Moved | ChangeKind::Archived | ChangeKind::GateOverridden
            )
            .then(|| item.note.clone())
            .filter(|n| !n.is_empty());
            let missing = item
                .missing
                .clone()
                .map(|m| view! { <span class="override-missing">" (it lacked: " {m} ")"</span> });
            view! {
                <li class="activity-item" data-kind=item.kind.key()>
                    <span class="who">{who}</span>
                    " "
                    {what}
                    {note.map(|n| view! { <span class="note">" \u{2014} \u{201c}" {n} "\u{201d}"</span> })}
                    {missing}
                    <span class="meta">
                        " \u{00b7} " <time datetime=item.at.to_rfc3339()>{when}</time>
                        {format!(" \u{00b7} workflow v{}", item.workflow_version)}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="activity" aria-labelledby="activity-heading">
            <h2 id="activity-heading">"Activity"</h2>
            <ol class="activity-list">{items}</ol>
            <Earlier shown total what="entries" card_id anchor="activity-heading" />
        </section>
    }
}
