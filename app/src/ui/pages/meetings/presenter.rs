//! `/meetings/{id}/demos/{n}`: one demo of the queue, full screen, for the facilitator to
//! present: → / PageDown / Space for the next demo, ← / PageUp for the previous one, Escape
//! back to the meeting. A followed document: rendered on the server, kept current by
//! `follow.js` (the queue may change while a demo is shown), which also gives the keys
//! their meaning (`data-keys`: they follow the page's links).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::meetings::get_presentation;
use crate::domain::meetings::{Presentation, video_embed};
use crate::ui::components::followed::Followed;
use crate::ui::components::loaded::Loaded;

#[component]
pub fn PresenterPage() -> impl IntoView {
    let params = use_params_map();
    let (id, n) = params.with_untracked(|p| {
        (
            p.get("id").unwrap_or_default(),
            p.get("n").and_then(|n| n.parse::<u32>().ok()).unwrap_or(1),
        )
    });
    let presentation = Resource::new(
        {
            let id = id.clone();
            move || (id.clone(), n)
        },
        |(id, n)| get_presentation(id, n),
    );
    view! {
        <Loaded
            resource=presentation
            what="The demo"
            loading="Loading the demo\u{2026}"
            ready=move |p: Presentation, _| {
                let title = format!("Demo {n}: {}", p.demo.title);
                let feed = format!("/api/v1/events?meeting={}", p.meeting_id);
                view! {
                    <Title text=title />
                    <Followed class="presenter" feed what="the demo queue" keys=true>
                        <PresentationView p />
                    </Followed>
                }
            }
        />
    }
}

#[component]
fn PresentationView(p: Presentation) -> impl IntoView {
    let n = p.demo.number;
    let video = p.url.as_deref().and_then(video_embed);
    let adoptions = p
        .adoptions
        .iter()
        .map(|a| view! { <li>{format!("{} \u{00b7} {}", a.company, a.status.label())}</li> })
        .collect_view();
    let next = (n < p.total).then(|| format!("/meetings/{}/demos/{}", p.meeting_id, n + 1));
    let previous = (n > 1).then(|| format!("/meetings/{}/demos/{}", p.meeting_id, n - 1));
    view! {
        <header class="presenter-header">
            <p class="walk-position">{format!("Demo {n} of {}", p.total)}</p>
            <h1>{p.demo.title.clone()}</h1>
            <p class="hit-meta">{format!("{} \u{00b7} answers: {}", p.demo.kind.label(), p.demo.challenge)}</p>
        </header>
        <div class="presenter-body">
            <section>
                <p class="summary">{p.summary.clone()}</p>
                {video.map(|src| view! {
                    <iframe class="video" src=src title="Video" allow="fullscreen" referrerpolicy="strict-origin-when-cross-origin"></iframe>
                })}
                {p.url.clone().map(|url| { let text = url.clone(); view! { <p><a href=url rel="noopener noreferrer">{text}</a></p> } })}
                {p.landed_in.clone().map(|place| view! { <p>"Landed in " {place}</p> })}
            </section>
            <section>
                <h2>"The challenge"</h2>
                <div class="markdown" inner_html=p.challenge_html.clone()></div>
                <h2>"Adopted by"</h2>
                <ul>{adoptions}</ul>
            </section>
        </div>
        <nav class="pagination presenter-nav">
            {previous.map(|href| view! { <a href=href rel="prev">"\u{2190} Previous demo"</a> })}
            <a href=format!("/meetings/{}", p.meeting_id) data-back="">"Back to the meeting (Esc)"</a>
            {next.map(|href| view! { <a href=href rel="next">"Next demo \u{2192}"</a> })}
        </nav>
    }
    .into_any()
}
