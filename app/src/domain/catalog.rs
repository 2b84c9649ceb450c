//! The public catalogue's rules: what a search asks for (read from and written back to the
//! URL, so a result list is a link to share), how the words of a query become search terms,
//! how matched words are highlighted, readable solution addresses, and how an adopting
//! company is named in public. Pure: the server runs the search, both sides render it.

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::vocabulary::Vocabulary;
use super::{AdoptionStatus, DomainError, SolutionKind, StageKey, TagName};

/// Who a challenge and its solutions are for. Stored as the card's tags of the same name,
/// so tagging a card `engineers` puts it under that audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    SeniorLeaders,
    Managers,
    Engineers,
    IspoStaff,
}

impl Vocabulary for Audience {
    const FIELD: &'static str = "audience";
    const ALL: &'static [Self] = &[
        Self::SeniorLeaders,
        Self::Managers,
        Self::Engineers,
        Self::IspoStaff,
    ];

    fn key(self) -> &'static str {
        self.tag()
    }
}

impl Audience {
    pub const ALL: &'static [Audience] = <Self as Vocabulary>::ALL;

    /// The tag that places a card under this audience; also the key in URLs.
    pub fn tag(self) -> &'static str {
        match self {
            Self::SeniorLeaders => "senior-leaders",
            Self::Managers => "managers",
            Self::Engineers => "engineers",
            Self::IspoStaff => "ispo-staff",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::SeniorLeaders => "Senior leaders",
            Self::Managers => "Managers",
            Self::Engineers => "Engineers",
            Self::IspoStaff => "ISPO staff",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        Vocabulary::parse(raw)
    }
}

/// The order of a result list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CatalogSort {
    /// Best match first (only meaningful with search words; without them, newest first).
    Relevance,
    /// Most adopting companies first.
    MostAdopted,
    /// Most recently reached its stage first.
    Newest,
}

impl Vocabulary for CatalogSort {
    const FIELD: &'static str = "sort";
    const ALL: &'static [Self] = &[Self::Relevance, Self::MostAdopted, Self::Newest];

    fn key(self) -> &'static str {
        match self {
            Self::Relevance => "relevance",
            Self::MostAdopted => "adopted",
            Self::Newest => "newest",
        }
    }
}

impl CatalogSort {
    pub const ALL: &'static [CatalogSort] = <Self as Vocabulary>::ALL;

    pub fn key(self) -> &'static str {
        Vocabulary::key(self)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Relevance => "Relevance",
            Self::MostAdopted => "Most adopted",
            Self::Newest => "Newest",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        Vocabulary::parse(raw)
    }
}

/// Which stages' solutions a search covers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum StageScope {
    /// The workflow's last stage (proven solutions): the default.
    #[default]
    Last,
    /// Every stage.
    Any,
    /// One stage, by key.
    Only(String),
}

impl StageScope {
    /// The value in the URL; `None` for the default.
    pub fn key(&self) -> Option<&str> {
        match self {
            Self::Last => None,
            Self::Any => Some("any"),
            Self::Only(key) => Some(key),
        }
    }

    fn parse(raw: &str) -> Result<Self, DomainError> {
        let raw = raw.trim().to_lowercase();
        match raw.as_str() {
            "" => Ok(Self::Last),
            "any" | "all" => Ok(Self::Any),
            key if key.len() <= 40
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
            {
                Ok(Self::Only(key.to_owned()))
            }
            _ => Err(DomainError::UnknownStage(raw.chars().take(40).collect())),
        }
    }
}

/// The longest query text read; the rest is ignored.
pub const QUERY_MAX: usize = 200;
/// The most search terms used from one query.
pub const TERMS_MAX: usize = 8;
/// The highest page number accepted.
pub const PAGE_MAX: u32 = 10_000;
/// The highest "minimum companies" accepted.
pub const MIN_COMPANIES_MAX: u32 = 1_000;

/// One search of the catalogue: words, filters, order and page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogQuery {
    pub text: String,
    pub kind: Option<SolutionKind>,
    pub tag: Option<String>,
    pub audience: Option<Audience>,
    pub stage: StageScope,
    pub min_companies: u32,
    /// `None`: relevance when there are search words, newest otherwise.
    pub sort: Option<CatalogSort>,
    /// From 1.
    pub page: u32,
}

impl Default for CatalogQuery {
    fn default() -> Self {
        Self {
            text: String::new(),
            kind: None,
            tag: None,
            audience: None,
            stage: StageScope::Last,
            min_companies: 0,
            sort: None,
            page: 1,
        }
    }
}

impl CatalogQuery {
    /// Results on one page.
    pub const PER_PAGE: u32 = 20;

    /// Reads a query from URL parameters (`q`, `kind`, `tag`, `audience`, `stage`,
    /// `min_companies`, `sort`, `page`). Every value that can be read is kept; each one
    /// that cannot is reported, so the page can say what was wrong and still search.
    /// Empty values count as absent (a form submits its empty fields).
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Self, Vec<DomainError>) {
        let mut query = Self::default();
        let mut errors = Vec::new();
        for (name, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let outcome = match name {
                "q" => {
                    query.text = value.chars().take(QUERY_MAX).collect();
                    Ok(())
                }
                "kind" => SolutionKind::parse(value).map(|k| query.kind = Some(k)),
                "tag" => TagName::parse(value).map(|t| query.tag = Some(t.as_str().to_owned())),
                "audience" => Audience::parse(value).map(|a| query.audience = Some(a)),
                "stage" => StageScope::parse(value).map(|s| query.stage = s),
                "min_companies" => whole_number("min_companies", value, 0, MIN_COMPANIES_MAX)
                    .map(|n| query.min_companies = n),
                "sort" => CatalogSort::parse(value).map(|s| query.sort = Some(s)),
                "page" => whole_number("page", value, 1, PAGE_MAX).map(|n| query.page = n),
                _ => Ok(()),
            };
            if let Err(error) = outcome {
                errors.push(error);
            }
        }
        (query, errors)
    }

    /// Reads a query from a URL's query string (`q=kpi&kind=article`, without `?`), as
    /// [`CatalogQuery::from_pairs`] does.
    pub fn from_query_string(raw: &str) -> (Self, Vec<DomainError>) {
        let raw = raw.strip_prefix('?').unwrap_or(raw);
        let pairs: Vec<(String, String)> = raw
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                (decode_component(name), decode_component(value))
            })
            .collect();
        Self::from_pairs(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())))
    }

    /// The search terms of the query text (see [`search_terms`]).
    pub fn terms(&self) -> Vec<String> {
        search_terms(&self.text)
    }

    /// The order actually used.
    pub fn effective_sort(&self) -> CatalogSort {
        match self.sort {
            Some(CatalogSort::Relevance) | None if self.terms().is_empty() => CatalogSort::Newest,
            Some(sort) => sort,
            None => CatalogSort::Relevance,
        }
    }

    /// Rows skipped before this page.
    pub fn offset(&self) -> u64 {
        u64::from(self.page.saturating_sub(1)) * u64::from(Self::PER_PAGE)
    }

    /// The query as URL parameters (without `?`), leaving out defaults: the inverse of
    /// [`CatalogQuery::from_pairs`].
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.text.trim().is_empty() {
            pairs.push(("q", self.text.trim().to_owned()));
        }
        if let Some(kind) = self.kind {
            pairs.push(("kind", kind.key().to_owned()));
        }
        if let Some(tag) = &self.tag {
            pairs.push(("tag", tag.clone()));
        }
        if let Some(audience) = self.audience {
            pairs.push(("audience", audience.tag().to_owned()));
        }
        if let Some(stage) = self.stage.key() {
            pairs.push(("stage", stage.to_owned()));
        }
        if self.min_companies > 0 {
            pairs.push(("min_companies", self.min_companies.to_string()));
        }
        if let Some(sort) = self.sort {
            pairs.push(("sort", sort.key().to_owned()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        let mut out = String::new();
        for (i, (name, value)) in pairs.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(name);
            out.push('=');
            out.push_str(&encode_component(value));
        }
        out
    }

    /// The same query on another page.
    pub fn with_page(&self, page: u32) -> Self {
        Self {
            page,
            ..self.clone()
        }
    }
}

fn whole_number(field: &str, raw: &str, min: u32, max: u32) -> Result<u32, DomainError> {
    raw.parse::<u32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| DomainError::OutOfRange {
            field: field.into(),
            min,
            max,
        })
}

/// Percent-encodes a URL query value (RFC 3986 unreserved characters stay as they are).
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte))
            }
            b' ' => out.push('+'),
            other => {
                let _ = write!(out, "%{other:02X}");
            }
        }
    }
    out
}

/// Decodes a percent-encoded URL query value (`+` is a space); bytes that are not UTF-8
/// become U+FFFD.
pub fn decode_component(value: &str) -> String {
    fn hex(byte: u8) -> Option<u8> {
        char::from(byte)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    }
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte == b'+' {
            out.push(b' ');
        } else if byte == b'%'
            && let (Some(high), Some(low)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push(high * 16 + low);
            i += 2;
        } else {
            out.push(byte);
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Words too common to narrow a search ("How do I present KPIs?" searches for
/// "present" and "kpis").
const STOPWORDS: &[&str] = &[
    "a", "about", "am", "an", "and", "any", "are", "as", "at", "be", "but", "by", "can", "could",
    "do", "does", "for", "from", "get", "how", "i", "if", "in", "into", "is", "it", "its", "me",
    "my", "no", "not", "of", "on", "or", "our", "should", "so", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "to", "us", "was", "we", "were",
    "what", "when", "where", "which", "who", "whom", "why", "will", "with", "would", "you", "your",
];

/// The words of a query that a search looks for: lower case, letters and digits only,
/// common words left out, each once, at most [`TERMS_MAX`] of them, each at most 40
/// characters. Safe to put into a full-text query of either database.
pub fn search_terms(text: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let word: String = word.to_lowercase().chars().take(40).collect();
        if word.is_empty() || STOPWORDS.contains(&word.as_str()) || terms.contains(&word) {
            continue;
        }
        terms.push(word);
        if terms.len() == TERMS_MAX {
            break;
        }
    }
    terms
}

/// The root of a search term that a word must start with to count as a match: the term
/// without a common English ending, so "presenting" marks "presentation" too, as the
/// databases' stemming finds it.
fn term_root(term: &str) -> &str {
    for ending in ["ations", "ation", "ings", "ing", "ies", "es", "ed", "s"] {
        if let Some(root) = term.strip_suffix(ending)
            && root.chars().count() >= 3
        {
            return root;
        }
    }
    term
}

/// A piece of text, marked when it is a word the search matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fragment {
    pub text: String,
    pub hit: bool,
}

/// Splits `text` into fragments, marking each word that matches a search term (the word
/// starts with the term's root, ignoring case). Joined back, the fragments are `text`.
pub fn highlight(text: &str, terms: &[String]) -> Vec<Fragment> {
    let roots: Vec<&str> = terms.iter().map(|t| term_root(t)).collect();
    let mut fragments: Vec<Fragment> = Vec::new();
    let mut push = |piece: &str, hit: bool| match fragments.last_mut() {
        Some(last) if last.hit == hit => last.text.push_str(piece),
        _ => fragments.push(Fragment {
            text: piece.to_owned(),
            hit,
        }),
    };
    let mut rest = text;
    while !rest.is_empty() {
        let word_len = rest
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(rest.len(), |(i, _)| i);
        if word_len == 0 {
            let gap_len = rest
                .char_indices()
                .find(|(_, c)| c.is_alphanumeric())
                .map_or(rest.len(), |(i, _)| i);
            push(&rest[..gap_len], false);
            rest = &rest[gap_len..];
            continue;
        }
        let word = &rest[..word_len];
        let lower = word.to_lowercase();
        let hit = !roots.is_empty() && roots.iter().any(|root| lower.starts_with(root));
        push(word, hit);
        rest = &rest[word_len..];
    }
    fragments
}

/// At most `max` characters of `text` around its first matched word, cut at word
/// boundaries and marked with "…" where cut.
pub fn excerpt(text: &str, terms: &[String], max: usize) -> String {
    let text = text.trim();
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= max {
        return text.to_owned();
    }
    let first_hit = highlight(text, terms)
        .iter()
        .take_while(|f| !f.hit)
        .map(|f| f.text.chars().count())
        .sum::<usize>();
    let mut start = if first_hit >= chars.len() {
        0
    } else {
        first_hit.saturating_sub(max / 4)
    };
    while start > 0 && !chars[start - 1].is_whitespace() {
        start -= 1;
    }
    let mut end = (start + max).min(chars.len());
    if end < chars.len() {
        while end > start + max / 2 && !chars[end].is_whitespace() {
            end -= 1;
        }
    }
    let body: String = chars[start..end].iter().collect();
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(body.trim());
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// The readable part of a solution's address: "How to measure KPIs?" → "how-to-measure-kpis".
/// ASCII letters and digits only, words joined by hyphens, at most 60 characters.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_owned();
    if slug.len() > 60 {
        let cut = slug[..60].rfind('-').unwrap_or(60);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        "solution".to_owned()
    } else {
        slug
    }
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

/// How a company is named in public: its name when it agreed to be named, otherwise its
/// descriptor ("a company in financial services").
pub fn company_label(public: bool, name: &str, descriptor: &str) -> String {
    if public {
        name.to_owned()
    } else if descriptor.trim().is_empty() {
        "an unnamed company".to_owned()
    } else {
        descriptor.trim().to_owned()
    }
}

/// One solution in a result list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogHit {
    pub slug: String,
    pub title: String,
    pub kind: SolutionKind,
    pub summary: String,
    pub url: Option<String>,
    pub card_id: Uuid,
    pub challenge: String,
    /// The stage key of the card.
    pub stage: StageKey,
    pub tags: Vec<String>,
    /// Adopting companies as they may be named in public.
    pub adopters: Vec<String>,
    pub adopter_count: u32,
    /// When the card entered its current stage.
    pub stage_since: DateTime<Utc>,
}

/// One page of search results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogResults {
    pub hits: Vec<CatalogHit>,
    /// Matches over all pages.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    /// The words searched for, for highlighting.
    pub terms: Vec<String>,
    /// No solution held every word: these hold some of them, those with most first.
    pub partial: bool,
    /// When nothing matched in the chosen stage: how many match in each other stage.
    pub elsewhere: Vec<StageMatches>,
}

/// How many solutions of one stage match a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageMatches {
    /// The stage's key.
    pub stage: StageKey,
    pub count: u64,
    /// Whether they hold every word, or only some of them.
    pub every_word: bool,
}

impl CatalogResults {
    /// The number of pages (at least 1).
    pub fn pages(&self) -> u32 {
        let per_page = u64::from(self.per_page.max(1));
        u32::try_from(self.total.div_ceil(per_page).max(1)).unwrap_or(u32::MAX)
    }
}

/// An adoption as the public sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicAdoption {
    /// The company's name or, when anonymised, its descriptor.
    pub company: String,
    pub named: bool,
    pub status: AdoptionStatus,
    pub since: Option<NaiveDate>,
    /// Only for named companies: a link could identify an anonymised one.
    pub evidence_url: Option<String>,
}

/// Everything the public page of one solution shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SolutionPage {
    pub hit: CatalogHit,
    pub stage_name: String,
    /// The challenge's description, rendered and sanitised.
    pub challenge_html: String,
    pub landed_in: Option<String>,
    /// When the card reached the last stage, if it is there.
    pub validated_at: Option<DateTime<Utc>>,
    pub adoptions: Vec<PublicAdoption>,
    pub related: Vec<CatalogHit>,
}

/// An existing challenge that looks like one being written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimilarChallenge {
    pub card_id: Uuid,
    pub title: String,
    /// The stage it is in (its key from the store, its name from the service).
    pub stage: String,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn parse(url: &str) -> (CatalogQuery, Vec<DomainError>) {
        let pairs: Vec<(&str, &str)> = url
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .collect();
        CatalogQuery::from_pairs(pairs)
    }

    #[test]
    fn terms_drop_common_words_and_punctuation() {
        assert_eq!(
            search_terms("How do I present InnerSource KPIs?"),
            ["present", "innersource", "kpis"]
        );
        assert_eq!(search_terms("kpi KPI, kpi"), ["kpi"]);
        assert!(search_terms("  ?! the of ").is_empty());
        assert_eq!(search_terms("\" OR 1=2; -- *"), ["1", "2"]);
        assert_eq!(search_terms("NEAR(a b) AND c:*"), ["near", "b", "c"]);
        assert_eq!(search_terms(&"word ".repeat(3)).len(), 1);
        let many: String = (0..20).map(|i| format!("w{i} ")).collect();
        assert_eq!(search_terms(&many).len(), TERMS_MAX);
    }

    #[test]
    fn a_query_survives_the_round_trip_through_the_url() {
        let query = CatalogQuery {
            text: "KPIs & dashboards".into(),
            kind: Some(SolutionKind::Article),
            tag: Some("metrics".into()),
            audience: Some(Audience::SeniorLeaders),
            stage: StageScope::Any,
            min_companies: 2,
            sort: Some(CatalogSort::MostAdopted),
            page: 3,
        };
        let url = query.to_query_string();
        assert_eq!(
            url,
            "q=KPIs+%26+dashboards&kind=article&tag=metrics&audience=senior-leaders&stage=any&min_companies=2&sort=adopted&page=3"
        );
        let decoded: Vec<(String, String)> = url
            .split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.replace('+', " ").replace("%26", "&")))
            .collect();
        let (back, errors) =
            CatalogQuery::from_pairs(decoded.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert!(errors.is_empty());
        assert_eq!(back, query);
        assert_eq!(CatalogQuery::default().to_query_string(), "");
    }

    #[test]
    fn query_strings_are_decoded() {
        let (query, errors) =
            CatalogQuery::from_query_string("?q=KPIs+%26+caf%C3%A9&kind=video&bogus=1&stage=any%");
        assert_eq!(query.text, "KPIs & café");
        assert_eq!(query.kind, Some(SolutionKind::Video));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(decode_component("100%"), "100%");
        assert_eq!(decode_component("%zz%4"), "%zz%4");
        assert_eq!(decode_component("%FF"), "\u{fffd}");
        let round = CatalogQuery::from_query_string(&query.to_query_string()).0;
        assert_eq!(round, query);
    }

    #[test]
    fn bad_values_are_reported_and_the_rest_is_kept() {
        let (query, errors) =
            parse("q=kpi&kind=poem&min_companies=lots&page=0&sort=random&stage=Proposed");
        assert_eq!(query.text, "kpi");
        assert_eq!(query.kind, None);
        assert_eq!(query.min_companies, 0);
        assert_eq!(query.page, 1);
        assert_eq!(query.stage, StageScope::Only("proposed".into()));
        assert_eq!(errors.len(), 4);
        assert_eq!(
            errors[1].to_string(),
            "min_companies must be a whole number from 0 to 1000"
        );
        let (query, errors) = parse("kind=&tag=&q=");
        assert!(errors.is_empty());
        assert_eq!(query, CatalogQuery::default());
        let (_, errors) = parse("stage=%3Cscript%3E");
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn relevance_needs_words() {
        let (query, _) = parse("q=kpi");
        assert_eq!(query.effective_sort(), CatalogSort::Relevance);
        let (query, _) = parse("q=the&sort=relevance");
        assert_eq!(query.effective_sort(), CatalogSort::Newest);
        let (query, _) = parse("sort=adopted");
        assert_eq!(query.effective_sort(), CatalogSort::MostAdopted);
        assert_eq!(query.offset(), 0);
        assert_eq!(query.with_page(3).offset(), 40);
    }

    #[test]
    fn matched_words_are_marked_and_nothing_is_lost() {
        let text = "Presenting InnerSource metrics: a KPI presentation.";
        let fragments = highlight(text, &search_terms("present kpis"));
        let joined: String = fragments.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(joined, text);
        let marked: Vec<&str> = fragments
            .iter()
            .filter(|f| f.hit)
            .map(|f| f.text.as_str())
            .collect();
        assert_eq!(marked, ["Presenting", "KPI", "presentation"]);
        assert!(highlight(text, &[]).iter().all(|f| !f.hit));
        assert_eq!(highlight("", &search_terms("x")), vec![]);
    }

    #[test]
    fn excerpts_centre_on_the_first_match() {
        let long = format!(
            "{} the KPI dashboard {}",
            "filler ".repeat(60),
            "tail ".repeat(60)
        );
        let cut = excerpt(&long, &search_terms("kpi"), 80);
        assert!(cut.starts_with('…') && cut.ends_with('…'), "{cut}");
        assert!(cut.contains("KPI"));
        assert!(cut.chars().count() <= 82);
        assert_eq!(excerpt("short", &[], 80), "short");
    }

    #[test]
    fn slugs_are_readable_and_bounded() {
        assert_eq!(
            slugify("How do I present InnerSource KPIs?"),
            "how-do-i-present-innersource-kpis"
        );
        assert_eq!(
            slugify("  Café — Trusted Committer 101 "),
            "cafe-trusted-committer-101"
        );
        assert_eq!(slugify("???"), "solution");
        let long = slugify(&"word ".repeat(40));
        assert!(long.len() <= 60 && !long.ends_with('-'));
    }

    #[test]
    fn anonymised_companies_are_described_not_named() {
        assert_eq!(company_label(true, "Acme", "a maker"), "Acme");
        assert_eq!(company_label(false, "Acme", "a maker"), "a maker");
        assert_eq!(company_label(false, "Acme", " "), "an unnamed company");
    }

    #[test]
    fn audiences_are_tags() {
        assert_eq!(
            Audience::parse("Senior leaders").unwrap(),
            Audience::SeniorLeaders
        );
        assert_eq!(Audience::parse("ispo_staff").unwrap().tag(), "ispo-staff");
        assert!(Audience::parse("everyone").is_err());
    }

    #[test]
    fn page_count() {
        let results = CatalogResults {
            hits: vec![],
            total: 41,
            page: 1,
            per_page: 20,
            terms: vec![],
            partial: false,
            elsewhere: vec![],
        };
        assert_eq!(results.pages(), 3);
        assert_eq!(
            CatalogResults {
                total: 0,
                ..results
            }
            .pages(),
            1
        );
    }
}
