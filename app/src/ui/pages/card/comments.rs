//! The members' discussion of a card (visitors get none from the server) and the form to
//! add to it.

use leptos::prelude::*;

use super::activity::Earlier;
use crate::api::cards::AddComment;
use crate::domain::Comment;
use crate::ui::components::form_reset::reset_on_success;
use crate::ui::components::reload::page_action;

/// The members' discussion of the card, and the form to add to it.
#[component]
pub fn CommentsView(
    comments: Vec<(Comment, String)>,
    total: u64,
    card_id: String,
    can_edit: bool,
) -> impl IntoView {
    let none = comments.is_empty();
    let shown = comments.len();
    let action = page_action::<AddComment>();
    let form = reset_on_success(action);
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
            // The newest are shown, oldest first: the note comes before them.
            <Earlier shown total what="comments" card_id=card_id.clone() anchor="comments-heading" />
            <ol class="comment-list">{items}</ol>
            {can_edit.then(|| view! {
                <ActionForm action node_ref=form attr:class="stacked-form comment-form">
                    <input type="hidden" name="card_id" value=card_id.clone() />
                    <label>
                        "Add a comment (Markdown)"
                        <textarea name="body" rows="3" required></textarea>
                    </label>
                    <button type="submit">"Comment"</button>
                    {crate::action_error!(action)}
                </ActionForm>
            })}
        </section>
    }
    .into_any()
}
