//! The form that adds a challenge to the board; works as a plain form without WebAssembly.

use leptos::prelude::*;

use crate::api::cards::CreateCard;
use crate::domain::text::{DESCRIPTION_MAX, TITLE_MAX};

#[component]
pub fn NewCardForm(action: ServerAction<CreateCard>) -> impl IntoView {
    view! {
        <details class="new-card">
            <summary>"Add a challenge"</summary>
            <ActionForm action attr:class="stacked-form">
                <label>
                    "Challenge, phrased as a question"
                    <input
                        type="text"
                        name="title"
                        required
                        maxlength=TITLE_MAX.to_string()
                        placeholder="How do we …?"
                    />
                </label>
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
