//! The board as the page holds it, for the board's island: the server renders every
//! column and card (`ui/components/column.rs`, `card_tile.rs`), and each card carries what
//! a move needs (`data-stage`, `data-version`, `data-evidence`, …), the board its workflow
//! (`data-workflow`) and the newest change it shows (`data-last-event`). This module reads
//! that back into [`BoardDom`], judges moves with the domain's own rules, lays the columns
//! out for a filter and takes in a newer rendering of the page, reusing the cards that did
//! not change (so an open menu and the keyboard's place survive). The page's data thus
//! travels once, as HTML, and no card is hydrated.

use std::cell::RefCell;

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use web_sys::Element;

use crate::domain::{BoardFilter, CardEvidence, MoveRefusal, Workflow};
use crate::ui::components::column::{count_text, is_full};

thread_local! {
    /// The board of the page, once the island has read it (the browser has one thread;
    /// the server never reads a page).
    static BOARD: RefCell<Option<BoardDom>> = const { RefCell::new(None) };
    /// The column a card is dragged over.
    static OVER: RefCell<Option<Element>> = const { RefCell::new(None) };
}

/// Reads the board of the page (`None` if the page holds none). The page is read on first
/// use, not when the island starts: on a board of thousands of cards that would hold the
/// island back from reacting for no gain.
pub fn with<R>(read: impl FnOnce(Option<&BoardDom>) -> R) -> R {
    BOARD.with(|board| {
        let mut board = board.borrow_mut();
        if board.is_none() {
            *board = BoardDom::of_page();
        }
        read(board.as_ref())
    })
}

/// Changes the board of the page (read first, as by [`with`]).
pub fn update(change: impl FnOnce(&mut Option<BoardDom>)) {
    BOARD.with(|board| {
        let mut board = board.borrow_mut();
        if board.is_none() {
            *board = BoardDom::of_page();
        }
        change(&mut board);
    });
}

/// Whether `column` is the one a card is dragged over.
pub fn is_over(column: &Element) -> bool {
    OVER.with(|over| over.borrow().as_ref() == Some(column))
}

/// Records the column a card is dragged over (`None`: none), taking the last one's marks
/// away.
pub fn set_over(column: Option<Element>) {
    let last = OVER.with(|over| std::mem::replace(&mut *over.borrow_mut(), column));
    if let Some(last) = last {
        clear_drop(&last);
    }
}

/// Whether the node is inside the column a card is dragged over.
pub fn inside_over(node: &web_sys::Node) -> bool {
    OVER.with(|over| {
        over.borrow()
            .as_ref()
            .is_some_and(|column| column.contains(Some(node)))
    })
}

/// One card of the page.
pub struct Tile {
    pub el: Element,
    pub id: String,
    pub stage: String,
    pub version: i64,
    pub title: String,
    tags: Vec<String>,
    adopted: bool,
    parked: bool,
    evidence: CardEvidence,
}

impl Tile {
    /// Reads a card (`li.card`) of the page; `None` when it lacks what a move needs.
    fn read(el: Element) -> Option<Self> {
        let id = el.get_attribute("data-card-id")?;
        let stage = el.get_attribute("data-stage")?;
        let version = el.get_attribute("data-version")?.parse().ok()?;
        let evidence = CardEvidence::parse_attr(&el.get_attribute("data-evidence")?)?;
        let title = el
            .query_selector(".card-title")
            .ok()
            .flatten()
            .and_then(|t| t.text_content())
            .map(|t| t.trim().to_owned())
            .unwrap_or_default();
        let tags = elements(&el, ".badge-tag")
            .into_iter()
            .filter_map(|t| t.get_attribute("data-tag"))
            .collect();
        let adopted = el.get_attribute("data-adoptions").is_some_and(|n| n != "0");
        let parked = el.has_attribute("data-parked");
        Some(Self {
            el,
            id,
            stage,
            version,
            title,
            tags,
            adopted,
            parked,
            evidence,
        })
    }
}

/// The board of the page.
pub struct BoardDom {
    pub workflow: Workflow,
    workflow_text: String,
    /// Every card, in board order (the page may show fewer: see [`Self::lay_out`]).
    pub tiles: Vec<Tile>,
    /// The newest change the board shows.
    pub last_event: i64,
}

impl BoardDom {
    /// Reads the board (`.board`) in `root` (the page, or a page fetched since).
    pub fn read(root: &Element) -> Option<Self> {
        let board = root.query_selector(".board").ok().flatten()?;
        let workflow_text = board.get_attribute("data-workflow")?;
        let workflow = serde_json::from_str(&workflow_text).ok()?;
        let last_event = board
            .get_attribute("data-last-event")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let tiles = elements(&board, "li.card")
            .into_iter()
            .filter_map(Tile::read)
            .collect();
        Some(Self {
            workflow,
            workflow_text,
            tiles,
            last_event,
        })
    }

    /// The board of the page as it is now.
    pub fn of_page() -> Option<Self> {
        Self::read(&document().document_element()?)
    }

    pub fn tile(&self, id: &str) -> Option<&Tile> {
        self.tiles.iter().find(|t| t.id == id)
    }

    pub fn stage_name(&self, key: &str) -> String {
        self.workflow
            .stage(key)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| key.to_owned())
    }

    /// Why card `id` cannot go to `to` (a note aside), if it cannot: the gates of the
    /// workflow and the stage's WIP limit, as the server judges them.
    pub fn check(&self, id: &str, to: &str) -> Result<(), MoveRefusal> {
        let Some(tile) = self.tile(id) else {
            return Ok(());
        };
        match self
            .workflow
            .check_move(&tile.stage, to, &tile.evidence, "")
        {
            Ok(_) | Err(MoveRefusal::NoteRequired) => {}
            Err(other) => return Err(other),
        }
        let in_stage = self.tiles.iter().filter(|t| t.stage == to).count();
        self.workflow
            .check_capacity(to, u32::try_from(in_stage).unwrap_or(u32::MAX))
    }

    /// Whether moving card `id` to `to` goes backwards.
    pub fn is_backward(&self, id: &str, to: &str) -> bool {
        let from = self.tile(id).and_then(|t| self.workflow.position(&t.stage));
        matches!((from, self.workflow.position(to)), (Some(from), Some(to)) if to < from)
    }

    /// The stage before or after card `id`'s own.
    pub fn neighbour(&self, id: &str, forward: bool) -> Option<String> {
        let position = self.workflow.position(&self.tile(id)?.stage)?;
        let target = if forward {
            position.checked_add(1)?
        } else {
            position.checked_sub(1)?
        };
        self.workflow
            .stages()
            .get(target)
            .map(|s| s.key.as_str().to_owned())
    }

    /// Shows card `id` moved to `to` at once, as the server will answer: in the new stage,
    /// one version on, last in its column (the page fetched after the answer has the final
    /// word).
    pub fn show_moved(&mut self, id: &str, to: &str) {
        if let Some(at) = self.tiles.iter().position(|t| t.id == id) {
            let mut tile = self.tiles.remove(at);
            tile.stage = to.to_owned();
            tile.version += 1;
            let _ = tile.el.set_attribute("data-stage", to);
            let _ = tile
                .el
                .set_attribute("data-version", &tile.version.to_string());
            self.tiles.push(tile);
        }
    }

    /// Puts in each column of the page the cards of its stage that pass `filter`, in board
    /// order, moving only the cards that are not in place; writes the counts and the summary.
    pub fn lay_out(&self, filter: &BoardFilter) {
        let Some(board) = document().query_selector(".board").ok().flatten() else {
            return;
        };
        let mut shown_total = 0;
        for column in elements(&board, "section.column") {
            let Some(key) = column.get_attribute("data-stage") else {
                continue;
            };
            let in_stage: Vec<&Tile> = self.tiles.iter().filter(|t| t.stage == key).collect();
            let shown: Vec<&Tile> = in_stage
                .iter()
                .copied()
                .filter(|t| filter.accepts(&t.title, &t.tags, t.adopted, t.parked))
                .collect();
            shown_total += shown.len();
            if let Some(list) = column.query_selector("ul.cards").ok().flatten() {
                place(&list, &shown);
            }
            let limit = self.workflow.stage(&key).and_then(|s| s.wip_limit);
            if let Some(count) = column.query_selector(".count").ok().flatten() {
                count.set_text_content(Some(&count_text(shown.len(), in_stage.len(), limit)));
                let _ = count
                    .class_list()
                    .toggle_with_force("full", is_full(in_stage.len(), limit));
            }
        }
        if let Some(summary) = document().query_selector(".board-summary").ok().flatten() {
            summary.set_text_content(Some(&summary_text(shown_total, self.tiles.len())));
        }
    }

    /// Takes in the board of a page fetched since (`fresh`): a new workflow replaces the
    /// columns; otherwise each card that changed (by id and version) is taken from the new
    /// page and each other card stays the element it was. Call [`Self::lay_out`] after.
    pub fn take(&mut self, fresh: Self, fresh_root: &Element) {
        if fresh.workflow_text != self.workflow_text {
            if let (Some(old), Some(new)) = (
                document().query_selector(".board").ok().flatten(),
                fresh_root.query_selector(".board").ok().flatten(),
            ) {
                let _ = old.replace_with_with_node_1(&new);
            }
            *self = fresh;
        } else {
            let mut old: Vec<Tile> = std::mem::take(&mut self.tiles);
            self.tiles = fresh
                .tiles
                .into_iter()
                .map(|tile| {
                    match old
                        .iter()
                        .position(|o| o.id == tile.id && o.version == tile.version)
                    {
                        Some(at) => old.swap_remove(at),
                        None => tile,
                    }
                })
                .collect();
            self.last_event = fresh.last_event;
        }
        take_tag_options(fresh_root);
    }
}

/// "15 cards", or "Showing 1 of 15 cards" while a filter hides some.
pub fn summary_text(shown: usize, total: usize) -> String {
    if shown == total {
        format!("{total} cards")
    } else {
        format!("Showing {shown} of {total} cards")
    }
}

/// Makes `tiles` the children of `list`, in order, moving only what is out of place.
fn place(list: &Element, tiles: &[&Tile]) {
    let children = list.children();
    for (at, tile) in tiles.iter().enumerate() {
        let index = u32::try_from(at).unwrap_or(u32::MAX);
        let current = children.item(index);
        if current.as_ref() != Some(&tile.el) {
            let before: Option<&web_sys::Node> = current.as_ref().map(|c| c.as_ref());
            let _ = list.insert_before(&tile.el, before);
        }
    }
    let keep = u32::try_from(tiles.len()).unwrap_or(u32::MAX);
    while let Some(extra) = children.item(keep) {
        extra.remove();
    }
}

/// The tag filter's options as in the page fetched since, keeping the chosen tag.
fn take_tag_options(fresh_root: &Element) {
    let selector = "#board-filter-tag";
    let (Some(current), Some(fresh)) = (
        document()
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok()),
        fresh_root.query_selector(selector).ok().flatten(),
    ) else {
        return;
    };
    let chosen = current.value();
    let options = fresh.inner_html();
    if current.inner_html() != options {
        current.set_inner_html(&options);
        current.set_value(&chosen);
    }
}

/// The filter as the filter bar's fields say.
pub fn current_filter() -> BoardFilter {
    let input = |id: &str| {
        document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    };
    let tag = document()
        .get_element_by_id("board-filter-tag")
        .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
        .filter(|t| !t.is_empty());
    BoardFilter {
        text: input("board-filter-text")
            .map(|i| i.value())
            .unwrap_or_default(),
        tag,
        adopted_only: input("board-filter-adopted").is_some_and(|i| i.checked()),
        hide_parked: input("board-filter-parked").is_some_and(|i| i.checked()),
    }
}

/// The board page at `/` (every card, whatever the address's filter), fetched and parsed;
/// `None` when it cannot be had.
pub async fn fetch_board_page() -> Option<Element> {
    use wasm_bindgen_futures::JsFuture;
    let response = JsFuture::from(window().fetch_with_str("/")).await.ok()?;
    let response = response.dyn_into::<web_sys::Response>().ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    let parser = web_sys::DomParser::new().ok()?;
    let page = parser
        .parse_from_string(&text, web_sys::SupportedType::TextHtml)
        .ok()?;
    page.document_element()
}

/// The elements under `root` that `selector` matches, in document order.
pub fn elements(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

/// The element an event happened on, or its nearest ancestor that `selector` matches.
pub fn closest(event: &web_sys::Event, selector: &str) -> Option<Element> {
    event
        .target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

/// Where the keyboard is, kept across a redraw: the element itself while it stays on the
/// page (a field of an open "Move…" menu, the filter box), else its card (a card drawn
/// anew) or its id.
pub struct Focus(Option<Element>);

impl Focus {
    pub fn now() -> Self {
        Self(document().active_element())
    }

    /// Puts the keyboard back where it was (moving an element in the page takes it away).
    pub fn restore(self) {
        let Some(element) = self.0 else {
            return;
        };
        if element.is_connected() {
            if document().active_element().as_ref() != Some(&element)
                && let Some(element) = element.dyn_ref::<web_sys::HtmlElement>()
            {
                let _ = element.focus();
            }
        } else if element.matches("li.card").unwrap_or(false) {
            if let Some(id) = element.get_attribute("data-card-id") {
                focus_card(&id);
            }
        } else if !element.id().is_empty() {
            focus_element(&element.id());
        }
    }
}

/// Gives keyboard focus to the element with this id, if it is on the page.
pub fn focus_element(id: &str) {
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Moves keyboard focus to a card of the board, if it is on the page.
pub fn focus_card(id: &str) {
    let selector = format!("li.card[data-card-id=\"{id}\"]");
    if let Some(element) = document()
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Asks why a card goes back; `None` when the user cancels or writes nothing.
pub fn ask_note(title: &str, stage: &str) -> Option<String> {
    let question = format!("Why does \u{201c}{title}\u{201d} go back to {stage}?");
    window()
        .prompt_with_message(&question)
        .ok()
        .flatten()
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
}

/// Marks `column` as where the dragged card would go: allowed, or refused and why.
pub fn mark_drop(column: &Element, verdict: Result<(), String>) {
    clear_drop(column);
    let (class, text) = match &verdict {
        Ok(()) => ("drop-ok", "Drop to move here".to_owned()),
        Err(why) => ("drop-refused", why.clone()),
    };
    let _ = column.class_list().add_1(class);
    if let Ok(hint) = document().create_element("p") {
        hint.set_class_name(&format!(
            "drop-hint {}",
            if verdict.is_ok() { "ok" } else { "refused" }
        ));
        hint.set_text_content(Some(&text));
        if let Some(header) = column.query_selector(".column-header").ok().flatten() {
            let _ = header.after_with_node_1(&hint);
        }
    }
}

/// Takes a column's drop marks away.
pub fn clear_drop(column: &Element) {
    let _ = column.class_list().remove_2("drop-ok", "drop-refused");
    for hint in elements(column, ".drop-hint") {
        hint.remove();
    }
}
