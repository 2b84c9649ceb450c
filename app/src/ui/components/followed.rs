//! The root of a followed document (a card's page, a meeting's page): it names the change
//! feed that concerns the page (`data-follow`), which the script of
//! [`crate::ui::follow`] listens to, and holds the notice that says a change waits while
//! someone types. The script replaces this element with its newer rendering.

use leptos::prelude::*;

/// The page's followed root, with `class`; `feed` is the change feed's address filtered
/// to the page, `what` how the notice names the page ("this card"); with `keys`, the
/// script gives the presenter's keys to the page's links (`data-keys`).
#[component]
pub fn Followed(
    class: &'static str,
    feed: String,
    what: &'static str,
    #[prop(optional)] keys: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <section
            class=class
            data-follow=feed
            data-follow-what=what
            data-keys=keys.then_some("")
            data-hydrated="false"
        >
            <p class="live-notice is-empty" role="status"></p>
            {children()}
        </section>
    }
}
