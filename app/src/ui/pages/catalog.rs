//! The public catalogue at `/catalog` (search, filters and order in the URL, so a result
//! list is a link to share; a plain GET form, usable without WebAssembly) and the page of
//! one solution at `/solutions/{slug}`. Both are document pages, served without the front
//! end ([`crate::ui::documents`]); they still render in the browser when reached by a link
//! from a page that has it.

use leptos::prelude::*;
use leptos_meta::Link;
use leptos_router::hooks::{use_location, use_params_map};

use crate::api::catalog::{CatalogView, get_solution_page, search_catalog};
use crate::domain::catalog::{CatalogHit, CatalogQuery, SolutionPage, excerpt};
use crate::domain::{Audience, CatalogSort, DomainError, SolutionKind, StageScope};
use crate::ui::components::highlight::Marked;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::page_meta::PageMeta;

#[component]
pub fn CatalogPage() -> impl IntoView {
    let location = use_location();
    let parsed = Memo::new(move |_| CatalogQuery::from_query_string(&location.search.get()));
    // The search form sends every field, empty or not: answer with the short, canonical
    // address of the same search, which is the one to share. (Not when something could
    // not be read: the page explains that first.)
    #[cfg(feature = "ssr")]
    {
        let raw = use_context::<axum::http::request::Parts>()
            .and_then(|parts| parts.uri.query().map(str::to_owned))
            .unwrap_or_default();
        let (query, errors) = CatalogQuery::from_query_string(&raw);
        let canonical = query.to_query_string();
        let has_empty_fields = raw
            .trim_start_matches('?')
            .split('&')
            .any(|pair| pair.ends_with('='));
        if errors.is_empty() && has_empty_fields {
            leptos_axum::redirect(&if canonical.is_empty() {
                "/catalog".to_owned()
            } else {
                format!("/catalog?{canonical}")
            });
        }
    }
    let results = Resource::new(
        move || parsed.with(|(query, _)| query.to_query_string()),
        search_catalog,
    );
    view! {
        <Link rel="alternate" type_="application/atom+xml" title="Newly validated solutions" href="/feed.atom" />
        <section class="catalog-page">
            <h1>
                {move || {
                    if parsed.with(|(query, _)| query.stage == StageScope::Last) {
                        "Proven InnerSource solutions"
                    } else {
                        "InnerSource solutions, proven or on their way"
                    }
                }}
            </h1>
            <p class="lede">
                "Answers to the challenges ISPOs meet, with the companies that adopted them. "
                <a href="/feed.atom">"Follow newly validated solutions (Atom feed)"</a>
            </p>
            <Loaded
                resource=results
                what="The catalogue"
                loading="Searching\u{2026}"
                ready=move |view, _| {
                    let (query, errors) = parsed.get();
                    view! { <CatalogResultsView query errors view /> }
                }
            />
        </section>
    }
}

/// The page title of a search: what was searched for, if anything.
fn search_title(query: &CatalogQuery) -> String {
    let text = query.text.trim();
    if text.is_empty() {
        "Catalogue of solutions".to_owned()
    } else {
        format!("\u{201c}{text}\u{201d} in the catalogue")
    }
}

#[component]
fn CatalogResultsView(
    query: CatalogQuery,
    errors: Vec<DomainError>,
    view: CatalogView,
) -> impl IntoView {
    let results = view.results.clone();
    let pages = results.pages();
    let total = results.total;
    let path = match query.to_query_string() {
        qs if qs.is_empty() => "/catalog".to_owned(),
        qs => format!("/catalog?{qs}"),
    };
    let description = if total == 1 {
        "One InnerSource solution, with the companies that adopted it.".to_owned()
    } else {
        format!("{total} InnerSource solutions, with the companies that adopted them.")
    };
    let scope = match &query.stage {
        StageScope::Any => " in any stage".to_owned(),
        StageScope::Only(key) => format!(" in {}", view.stage_name(key)),
        StageScope::Last => view
            .stages
            .last()
            .map(|s| format!(" in {}", s.name))
            .unwrap_or_default(),
    };
    let count = match (total, query.text.trim().is_empty()) {
        (0, true) => format!("No solutions{scope} match these filters."),
        (0, false) => format!(
            "No solution{scope} matches \u{201c}{}\u{201d}.",
            query.text.trim()
        ),
        (1, true) => "1 solution".to_owned(),
        (n, true) => format!("{n} solutions"),
        (1, false) => format!("1 solution for \u{201c}{}\u{201d}", query.text.trim()),
        (n, false) => format!("{n} solutions for \u{201c}{}\u{201d}", query.text.trim()),
    };
    let hits = results
        .hits
        .iter()
        .cloned()
        .map(|hit| {
            let stage = view.stage_name(&hit.stage);
            view! { <HitView hit stage terms=results.terms.clone() /> }
        })
        .collect_view();
    let page_link = {
        let query = query.clone();
        move |page: u32| format!("/catalog?{}", query.with_page(page).to_query_string())
    };
    let previous = (query.page > 1).then(|| page_link(query.page - 1));
    let next = (query.page < pages).then(|| page_link(query.page + 1));
    view! {
        <PageMeta title=search_title(&query) description path />
        <SearchForm query=query.clone() view=view.clone() />
        {(!errors.is_empty()).then(|| view! {
            <div class="error" role="alert">
                <p>"Some of the search could not be read and was left out:"</p>
                <ul>{errors.iter().map(|e| view! { <li>{e.to_string()}</li> }).collect_view()}</ul>
            </div>
        })}
        <p class="result-count" role="status">{count}</p>
        {(results.partial && total > 0).then(|| view! {
            <p class="partial-note">
                "No solution matches every word; these match most of them, those with the most words first."
            </p>
        })}
        <ElsewhereLinks query=query.clone() view=view.clone() />
        <ol class="hits">{hits}</ol>
        {(pages > 1).then(|| view! {
            <nav class="pagination" aria-label="Pages of results">
                {previous.map(|href| view! { <a rel="prev" href=href>"\u{2190} Previous"</a> })}
                <span>{format!("Page {} of {pages}", query.page)}</span>
                {next.map(|href| view! { <a rel="next" href=href>"Next \u{2192}"</a> })}
            </nav>
        })}
    }
    .into_any()
}

/// When the chosen stage has no match: how many the other stages have, each a link to
/// them, and a link to every stage at once.
#[component]
fn ElsewhereLinks(query: CatalogQuery, view: CatalogView) -> impl IntoView {
    let elsewhere = view.results.elsewhere.clone();
    if elsewhere.is_empty() {
        return None;
    }
    let every_word = elsewhere.iter().all(|m| m.every_word);
    let link = |stage: StageScope| {
        let mut other = query.with_page(1);
        other.stage = stage;
        format!("/catalog?{}", other.to_query_string())
    };
    let all: u64 = elsewhere.iter().map(|m| m.count).sum();
    let items = elsewhere
        .iter()
        .map(|m| {
            let label = format!(
                "{} in {}",
                if m.count == 1 {
                    "1 solution".to_owned()
                } else {
                    format!("{} solutions", m.count)
                },
                view.stage_name(&m.stage)
            );
            view! { <li><a href=link(StageScope::Only(m.stage.to_string()))>{label}</a></li> }
        })
        .collect_view();
    Some(view! {
        <div class="elsewhere" role="note">
            <p>
                {if every_word {
                    "Other stages have matches (solutions still on their way to being proven):"
                } else {
                    "Other stages have solutions matching some of the words:"
                }}
            </p>
            <ul>
                {items}
                <li><a href=link(StageScope::Any)>{format!("All {all} in every stage")}</a></li>
            </ul>
        </div>
    })
}

#[component]
fn SearchForm(query: CatalogQuery, view: CatalogView) -> impl IntoView {
    let last = view.stages.last().cloned();
    let stage_key = query.stage.key().map(str::to_owned).unwrap_or_default();
    let sort_key = query.sort.map(|s| s.key()).unwrap_or_default();
    let min = if query.min_companies > 0 {
        query.min_companies.to_string()
    } else {
        String::new()
    };
    let option = |value: String, label: String, selected: bool| {
        view! { <option value=value selected=selected>{label}</option> }
    };
    let kinds = SolutionKind::ALL
        .iter()
        .copied()
        .map(|k| option(k.key().into(), k.label().into(), query.kind == Some(k)))
        .collect_view();
    let audiences = Audience::ALL
        .iter()
        .copied()
        .map(|a| option(a.tag().into(), a.label().into(), query.audience == Some(a)))
        .collect_view();
    let stages = view
        .stages
        .iter()
        .take(view.stages.len().saturating_sub(1))
        .map(|s| option(s.key.clone(), s.name.clone(), stage_key == s.key))
        .collect_view();
    let sorts = CatalogSort::ALL
        .iter()
        .copied()
        .map(|s| option(s.key().into(), s.label().into(), sort_key == s.key()))
        .collect_view();
    view! {
        <form class="catalog-search" method="get" action="/catalog" role="search">
            <label class="search-words">
                "Search "
                <input
                    type="search"
                    name="q"
                    value=query.text.clone()
                    placeholder="e.g. present KPIs to leadership"
                    maxlength="200"
                />
            </label>
            <label>
                "Kind "
                <select name="kind">
                    <option value="">"Any kind"</option>
                    {kinds}
                </select>
            </label>
            <label>
                "Audience "
                <select name="audience">
                    <option value="">"Anyone"</option>
                    {audiences}
                </select>
            </label>
            <label>
                "Tag " <input type="text" name="tag" value=query.tag.clone().unwrap_or_default() size="12" />
            </label>
            <label>
                "Stage "
                <select name="stage">
                    <option value="" selected=stage_key.is_empty()>
                        {last.map(|s| format!("{} (proven)", s.name)).unwrap_or_default()}
                    </option>
                    <option value="any" selected=stage_key == "any">"Every stage"</option>
                    {stages}
                </select>
            </label>
            <label>
                "Adopted by at least "
                <input type="number" name="min_companies" min="0" max="1000" value=min size="3" />
                " companies"
            </label>
            <label>
                "Order "
                <select name="sort">
                    <option value="">"Best first"</option>
                    {sorts}
                </select>
            </label>
            <button type="submit">"Search"</button>
        </form>
    }
    .into_any()
}

/// Who adopted a solution, as the public may see it.
fn adopters_line(hit: &CatalogHit) -> String {
    match hit.adopter_count {
        0 => "Not adopted yet".to_owned(),
        1 => format!("Adopted by {}", hit.adopters.join(", ")),
        n => format!("Adopted by {n} companies: {}", hit.adopters.join(", ")),
    }
}

#[component]
fn HitView(hit: CatalogHit, stage: String, terms: Vec<String>) -> impl IntoView {
    let href = format!("/solutions/{}", hit.slug);
    let summary = excerpt(&hit.summary, &terms, 280);
    let adopters = adopters_line(&hit);
    let tags = hit
        .tags
        .iter()
        .map(|tag| {
            let href = format!(
                "/catalog?stage=any&tag={}",
                crate::domain::catalog::encode_component(tag)
            );
            view! { <li><a href=href>{tag.clone()}</a></li> }
        })
        .collect_view();
    view! {
        <li class="hit" data-slug=hit.slug.clone()>
            <h2>
                <a href=href>
                    <Marked text=hit.title.clone() terms=terms.clone() />
                </a>
            </h2>
            <p class="hit-meta">
                <span class="kind">{hit.kind.label()}</span>
                " \u{00b7} "
                <span class="stage">{stage}</span>
                " \u{00b7} "
                <span class="adopters">{adopters}</span>
            </p>
            <p class="hit-challenge">
                "Answers: "
                <a href=format!("/cards/{}", hit.card_id)>
                    <Marked text=hit.challenge.clone() terms=terms.clone() />
                </a>
            </p>
            <p class="hit-summary">
                <Marked text=summary terms />
            </p>
            <ul class="tags">{tags}</ul>
        </li>
    }
    .into_any()
}

#[component]
pub fn PublicSolutionPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(
        move || params.with(|p| p.get("slug").unwrap_or_default()),
        get_solution_page,
    );
    view! {
        <section class="solution-page">
            <p class="breadcrumb">
                <a href="/catalog">"\u{2190} Catalogue"</a>
            </p>
            <Loaded
                resource=page
                what="The solution"
                loading="Loading the solution\u{2026}"
                missing="No solution of an open challenge lives at this address: search the catalogue for it."
                ready=|page, _| view! { <SolutionDetail page /> }
            />
        </section>
    }
}

#[component]
fn SolutionDetail(page: SolutionPage) -> impl IntoView {
    let SolutionPage {
        hit,
        stage_name,
        challenge_html,
        landed_in,
        validated_at,
        adoptions,
        related,
    } = page;
    let path = format!("/solutions/{}", hit.slug);
    let description = format!("{} Answers: {}", hit.summary.trim(), hit.challenge);
    let status = match validated_at {
        Some(at) => format!("{stage_name} on {}", at.format("%-d %B %Y")),
        None => format!("{stage_name} since {}", hit.stage_since.format("%-d %B %Y")),
    };
    let no_adoptions = adoptions.is_empty();
    let no_related = related.is_empty();
    let adoption_rows = adoptions
        .into_iter()
        .map(|a| {
            let since = a.since.map(|d| format!(" since {}", d.format("%B %Y")));
            view! {
                <li class="adoption" class:anonymised=!a.named>
                    <strong>{a.company}</strong>
                    " \u{00b7} "
                    {a.status.label()}
                    {since}
                    {a.evidence_url.map(|url| view! {
                        " \u{00b7} " <a href=url rel="noopener noreferrer nofollow">"evidence"</a>
                    })}
                </li>
            }
        })
        .collect_view();
    let related_rows = related
        .into_iter()
        .map(|r| {
            view! {
                <li>
                    <a href=format!("/solutions/{}", r.slug)>{r.title.clone()}</a>
                    <span class="muted">{format!(" \u{00b7} {} \u{00b7} answers: {}", r.kind.label(), r.challenge)}</span>
                </li>
            }
        })
        .collect_view();
    let tags = hit
        .tags
        .iter()
        .map(|tag| {
            let href = format!(
                "/catalog?stage=any&tag={}",
                crate::domain::catalog::encode_component(tag)
            );
            view! { <li><a href=href>{tag.clone()}</a></li> }
        })
        .collect_view();
    view! {
        <PageMeta title=hit.title.clone() description path kind="article" />
        <article class="solution">
            <h1>{hit.title.clone()}</h1>
            <p class="hit-meta">
                <span class="kind">{hit.kind.label()}</span>
                " \u{00b7} "
                <span class="stage">{status}</span>
                " \u{00b7} "
                <span class="adopters">{adopters_line(&hit)}</span>
            </p>
            <p class="summary">{hit.summary.clone()}</p>
            <h2>"Materials"</h2>
            <ul class="materials">
                {match hit.url.clone() {
                    Some(url) => {
                        let text = url.clone();
                        view! { <li><a href=url rel="noopener noreferrer">{text}</a></li> }.into_any()
                    }
                    None => view! { <li class="muted">"No public link yet."</li> }.into_any(),
                }}
                {landed_in.map(|place| view! { <li>"Landed in " {place}</li> })}
            </ul>
            <h2>"The challenge it answers"</h2>
            <section class="challenge">
                <h3><a href=format!("/cards/{}", hit.card_id)>{hit.challenge.clone()}</a></h3>
                <div class="markdown" inner_html=challenge_html></div>
                <ul class="tags">{tags}</ul>
            </section>
            <h2>"Adoptions"</h2>
            <ul class="adoptions">
                {adoption_rows}
                {no_adoptions.then(|| view! { <li class="muted">"No company has recorded an adoption yet."</li> })}
            </ul>
            <h2>"Related solutions"</h2>
            <ul class="related">
                {related_rows}
                {no_related.then(|| view! { <li class="muted">"None found."</li> })}
            </ul>
        </article>
    }
    .into_any()
}
