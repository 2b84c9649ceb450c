//! The form that adds a challenge to the board; works as a plain form without WebAssembly.
//! Once WebAssembly runs, the open challenges that look like the title being typed are
//! listed under it, so duplicates are caught before they are saved.

use leptos::prelude::*;

use crate::api::cards::CreateCard;
use crate::api::catalog::similar_challenges;
use crate::domain::catalog::SimilarChallenge;
use crate::domain::text::{DESCRIPTION_MAX, TITLE_MAX};
use crate::ui::components::form_reset::reset_on_success;

/// Titles shorter than this get no hints.
const HINT_MIN_CHARS: usize = 4;
/// How long typing must pause before the hints are looked up.
const HINT_PAUSE_MS: u64 = 250;

#[component]
pub fn NewCardForm(action: ServerAction<CreateCard>) -> impl IntoView {
    let form = reset_on_success(action);
    // What was typed, and the same once typing pauses for a moment: only the latter asks
    // the server.
    let typed = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    Effect::new(move |_| {
        let now = typed.get();
        // The form may be gone by then (the card was saved and its page opened): the
        // signals are then disposed and nothing is looked up.
        set_timeout(
            move || {
                if typed.try_get_untracked().as_ref() == Some(&now) {
                    title.try_set(now);
                }
            },
            std::time::Duration::from_millis(HINT_PAUSE_MS),
        );
    });
    // Looked up from the browser only (an Effect never runs on the server), so the form
    // itself is part of the page the server sends and works without WebAssembly.
    let similar = RwSignal::new(Vec::<SimilarChallenge>::new());
    Effect::new(move |_| {
        let text = title.get();
        if text.trim().chars().count() < HINT_MIN_CHARS {
            similar.set(Vec::new());
            return;
        }
        leptos::task::spawn_local(async move {
            let found = similar_challenges(text.clone()).await.unwrap_or_default();
            // Only the answer for what is still typed counts (and only while the form is
            // still on the page).
            if title.try_get_untracked().as_ref() == Some(&text) {
                similar.try_set(found);
            }
        });
    });
    let hints = move || {
        let list = similar.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|c| {
                    view! {
                        <li>
                            <a href=format!("/cards/{}", c.card_id) target="_blank">{c.title}</a>
                            <span class="muted">{format!(" ({})", c.stage)}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="similar" role="status" aria-live="polite">
                    <p>"Similar challenges are already on the board. Is yours one of them?"</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    };
    view! {
        <details class="new-card" open=crate::ui::components::action_error::failed(action)>
            <summary>"Add a challenge"</summary>
            <ActionForm action node_ref=form attr:class="stacked-form">
                <label>
                    "Challenge, phrased as a question"
                    <input
                        type="text"
                        name="title"
                        required
                        maxlength=TITLE_MAX.to_string()
                        placeholder="How do we …?"
                        autocomplete="off"
                        on:input=move |ev| typed.set(event_target_value(&ev))
                    />
                </label>
                {hints}
                <label>
                    "Description (Markdown)"
                    <textarea name="description" rows="4" maxlength=DESCRIPTION_MAX.to_string()></textarea>
                </label>
                <label>
                    "Tags, separated by commas" <input type="text" name="tags" placeholder="metrics, senior leaders" />
                </label>
                <button type="submit">"Add to the board"</button>
                {crate::action_error!(action)}
            </ActionForm>
        </details>
    }
}
