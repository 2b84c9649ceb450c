//! Moving cards from the browser: one place that explains a move before trying it (with
//! the same domain rules the server enforces), asks for a note when a move goes back, and
//! reports the outcome to everyone, screen readers included.

use leptos::prelude::*;

use crate::api::cards::MoveCard;
use crate::domain::{Board, CardOverview, MoveRefusal, StageKey, Workflow};

/// Shared by the board's columns and cards.
#[derive(Clone, Copy)]
pub struct Mover {
    pub workflow: StoredValue<Workflow>,
    pub action: ServerAction<MoveCard>,
    /// What the live region says.
    pub announcement: RwSignal<String>,
    /// The card being dragged.
    pub dragging: RwSignal<Option<CardOverview>>,
    /// The card to focus once the board has been redrawn after a move.
    pub focus_after: RwSignal<Option<String>>,
    /// The board as shown: WIP limits count its cards, and a move is shown in it at once
    /// (the board reloaded after the answer has the final word).
    pub board: RwSignal<Board>,
    /// Whether the viewer may move cards (signed in with a role that edits the board).
    pub can_edit: bool,
}

impl Mover {
    pub fn stage_name(&self, key: &str) -> String {
        self.workflow.with_value(|wf| {
            wf.stage(key)
                .map(|s| s.name.clone())
                .unwrap_or_else(|| key.to_owned())
        })
    }

    /// Why `card` cannot go to `to` without a note, if it cannot.
    pub fn check(&self, card: &CardOverview, to: &str) -> Result<(), MoveRefusal> {
        self.workflow.with_value(|wf| {
            match wf.check_move(&card.stage, to, &card.evidence, "") {
                Ok(_) | Err(MoveRefusal::NoteRequired) => {}
                Err(other) => return Err(other),
            }
            let in_stage = self.board.with_untracked(|b| {
                u32::try_from(b.cards.iter().filter(|c| c.stage == to).count()).unwrap_or(u32::MAX)
            });
            wf.check_capacity(to, in_stage)
        })
    }

    /// Whether moving `card` to `to` goes backwards.
    pub fn is_backward(&self, card: &CardOverview, to: &str) -> bool {
        self.workflow.with_value(|wf| {
            matches!((wf.position(&card.stage), wf.position(to)), (Some(from), Some(to)) if to < from)
        })
    }

    /// Explains and, if allowed, sends a move.
    pub fn try_move(&self, card: &CardOverview, to: &str) {
        if card.stage == to {
            return;
        }
        let name = self.stage_name(to);
        if let Err(refusal) = self.check(card, to) {
            self.announcement.set(format!(
                "Cannot move \u{201c}{}\u{201d} to {name}. {refusal}",
                card.title
            ));
            return;
        }
        let mut note = None;
        if self.is_backward(card, to) {
            match ask_note(&card.title, &name) {
                Some(text) => note = Some(text),
                None => {
                    self.announcement.set(format!(
                        "Move of \u{201c}{}\u{201d} cancelled: moving a card back needs a note.",
                        card.title
                    ));
                    return;
                }
            }
        }
        self.announcement.set(format!(
            "Moving \u{201c}{}\u{201d} to {name}\u{2026}",
            card.title
        ));
        self.focus_after.set(Some(card.id.to_string()));
        // Shown at once as the server will answer: in the new stage, one version on, last
        // in its column.
        self.board.update(|b| {
            if let Some(at) = b.cards.iter().position(|c| c.id == card.id) {
                let mut moved = b.cards.remove(at);
                moved.stage = StageKey::stored(to.to_owned());
                moved.version += 1;
                b.cards.push(moved);
            }
        });
        self.action.dispatch(MoveCard {
            id: card.id.to_string(),
            to: to.to_owned(),
            version: card.version,
            note,
            override_gates: None,
            reason: None,
        });
    }

    /// The stage before or after the card's own.
    pub fn neighbour(&self, card: &CardOverview, forward: bool) -> Option<String> {
        self.workflow.with_value(|wf| {
            let position = wf.position(&card.stage)?;
            let target = if forward {
                position.checked_add(1)?
            } else {
                position.checked_sub(1)?
            };
            wf.stages().get(target).map(|s| s.key.as_str().to_owned())
        })
    }
}

/// Asks why a card goes back; `None` when the user cancels or writes nothing.
fn ask_note(title: &str, stage: &str) -> Option<String> {
    let question = format!("Why does \u{201c}{title}\u{201d} go back to {stage}?");
    window()
        .prompt_with_message(&question)
        .ok()
        .flatten()
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
}
