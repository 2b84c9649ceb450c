//! A next step agreed in a meeting, with its done / reopen button for members.

use leptos::prelude::*;

use crate::api::meetings::SetStepDone;
use crate::domain::meetings::NextStep;
use crate::ui::components::reload::page_action;

/// "text (owner: …, due …)".
pub fn step_text(step: &NextStep) -> String {
    let due = step.due.map(|d| format!(", due {d}")).unwrap_or_default();
    format!("{} (owner: {}{due})", step.text, step.owner)
}

#[component]
pub fn StepItem(step: NextStep, can_edit: bool, show_card: bool) -> impl IntoView {
    let action = page_action::<SetStepDone>();
    let label = if show_card {
        format!("{}: {}", step.card_title, step_text(&step))
    } else {
        step_text(&step)
    };
    view! {
        <li class="next-step" class:done=step.done>
            {label}
            {can_edit.then(|| view! {
                <ActionForm action attr:class="inline-form">
                    <input type="hidden" name="step_id" value=step.id.to_string() />
                    <input type="hidden" name="done" value=(!step.done).to_string() />
                    <button type="submit" class="small">{if step.done { "Reopen" } else { "Done" }}</button>
                </ActionForm>
            })}
        </li>
    }
}
