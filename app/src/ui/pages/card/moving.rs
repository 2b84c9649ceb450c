//! The stage panel: whether the next stage's gate is met, and the move form, each target
//! stage explained before the move (the server checks the gates again); admins may
//! override a gate with a reason.

use leptos::prelude::*;

use crate::api::cards::MoveCard;
use crate::domain::{CardEvidence, MoveRefusal, Workflow};
use crate::ui::components::reload::page_action;

/// The stages a card can go to, each with whether its gate is met, and the move form.
#[component]
pub fn MovePanel(
    id: String,
    version: i64,
    stage: String,
    evidence: CardEvidence,
    workflow: Workflow,
    can_edit: bool,
    /// Admins may move a card past a gate it does not meet, with a reason.
    is_admin: bool,
) -> impl IntoView {
    let action = page_action::<MoveCard>();
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
            <ActionForm action attr:class="stacked-form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="version" value=version.to_string() />
                <label>"Move to" <select name="to">{options}</select></label>
                <label>
                    "Note (needed when moving back)" <input type="text" name="note" />
                </label>
                {is_admin.then(|| view! {
                    <fieldset class="override-fields">
                        <legend>"Admins"</legend>
                        <label class="checkbox">
                            <input type="checkbox" name="override_gates" value="on" />
                            "Move past a gate it does not meet (an override)"
                        </label>
                        <label>
                            "Reason for the override" <input type="text" name="reason" maxlength="2000" />
                        </label>
                    </fieldset>
                })}
                <button type="submit">"Move"</button>
                {crate::action_error!(action)}
            </ActionForm>
            })}
        </section>
    }
}
