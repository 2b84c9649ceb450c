//! Reading one InnerSource pattern file: its title, patlet, problem, maturity, whether it
//! is a donut (a problem without a solution yet), and the organisations its
//! `## Known Instances` section names — in every form the files use: bullets with bold
//! names, plain names, link text, "Name - text", anonymised organisations ("A large
//! financial services organization"), prose, `### <Company>` detail sections and
//! placeholders ("TBD", "None known as of yet"), which name nobody. What cannot be read
//! with confidence is returned for review instead of being guessed. Pure.

/// A pattern's maturity, from the folder it sits in (`1-initial`, `2-structured`,
/// `3-validated`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Maturity {
    Initial,
    Structured,
    Validated,
}

impl Maturity {
    pub fn from_folder(folder: &str) -> Option<Self> {
        match folder {
            "1-initial" => Some(Self::Initial),
            "2-structured" => Some(Self::Structured),
            "3-validated" => Some(Self::Validated),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Initial => "Initial",
            Self::Structured => "Structured",
            Self::Validated => "Validated",
        }
    }
}

/// An organisation a pattern names as using it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    /// The name as written (before aliases), or the descriptor of an anonymised one.
    pub name: String,
    /// Named only by a description ("A large financial services organization").
    pub anonymised: bool,
    /// What the file says about it (the bullet's text, or its detail section).
    pub notes: String,
}

/// One pattern file, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The file name without `.md`: the book's address is `/p/<slug>`.
    pub slug: String,
    pub maturity: Maturity,
    pub title: String,
    pub patlet: String,
    /// The first sentence of `## Problem`.
    pub problem: String,
    pub donut: bool,
    pub instances: Vec<Instance>,
    /// What the reader could not read with confidence, in words.
    pub review: Vec<String>,
}

/// A markdown section: its heading level, its heading and its lines.
struct Section<'a> {
    level: usize,
    heading: String,
    lines: Vec<&'a str>,
}

/// Splits `text` at headings (outside fenced code blocks).
fn sections(text: &str) -> Vec<Section<'_>> {
    let mut out = vec![Section {
        level: 0,
        heading: String::new(),
        lines: Vec::new(),
    }];
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        let hashes = line.chars().take_while(|c| *c == '#').count();
        if !fenced && (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
            out.push(Section {
                level: hashes,
                heading: line[hashes..].trim().to_owned(),
                lines: Vec::new(),
            });
        } else if let Some(last) = out.last_mut() {
            last.lines.push(line);
        }
    }
    out
}

/// Markdown reduced to its words: links to their text, emphasis, code and images dropped,
/// white space collapsed.
pub fn plain(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let chars: Vec<char> = markdown.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '!' && chars.get(i + 1) == Some(&'[') {
            // An image: skip it whole.
            if let Some(end) = link_end(&chars, i + 1) {
                i = end;
                continue;
            }
        }
        if c == '['
            && let Some(close) = chars[i + 1..].iter().position(|c| *c == ']')
        {
            // "[text](url)" and "[text][reference]" read as their text.
            let text: String = chars[i + 1..i + 1 + close].iter().collect();
            let after = i + 1 + close + 1;
            let end_mark = match chars.get(after) {
                Some('(') => Some(')'),
                Some('[') => Some(']'),
                _ => None,
            };
            if let Some(mark) = end_mark
                && let Some(end) = chars[after..].iter().position(|c| *c == mark)
            {
                out.push_str(&text);
                i = after + end + 1;
                continue;
            }
        }
        if matches!(c, '*' | '`') || (c == '_' && word_edge(&chars, i)) {
            i += 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether the `_` at `i` is emphasis (at a word's edge), not inside a word like `snake_case`.
fn word_edge(chars: &[char], i: usize) -> bool {
    let before = i.checked_sub(1).and_then(|j| chars.get(j));
    let after = chars.get(i + 1);
    !(before.is_some_and(|c| c.is_alphanumeric()) && after.is_some_and(|c| c.is_alphanumeric()))
}

/// The index after a `[text](url)` starting at `start` (the `[`), if it is one.
fn link_end(chars: &[char], start: usize) -> Option<usize> {
    let close = start + 1 + chars[start + 1..].iter().position(|c| *c == ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = close + 1 + chars[close + 1..].iter().position(|c| *c == ')')?;
    Some(end + 1)
}

/// The section text without HTML comments, as paragraphs of plain words.
fn paragraphs(lines: &[&str]) -> Vec<String> {
    let text = strip_comments(&lines.join("\n"));
    text.split("\n\n")
        .map(plain)
        .filter(|p| !p.is_empty())
        .collect()
}

fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The first sentence of `text`.
pub fn first_sentence(text: &str) -> String {
    let bytes: Vec<char> = text.chars().collect();
    for (i, c) in bytes.iter().enumerate() {
        if matches!(c, '.' | '?' | '!') && bytes.get(i + 1).is_none_or(|n| n.is_whitespace()) {
            // Not an abbreviation like "e.g." or "U.S.".
            let word: String = bytes[..i]
                .iter()
                .rev()
                .take_while(|c| !c.is_whitespace())
                .collect();
            if word.contains('.') || matches!(word.as_str(), "g.e" | "e.i") || word.len() == 1 {
                continue;
            }
            return bytes[..=i].iter().collect();
        }
    }
    text.to_owned()
}

/// Reads a pattern file at `path` (relative to the repository, e.g.
/// `patterns/2-structured/trusted-committer.md`) with contents `text`; `None` when the
/// file is not a pattern (no title, or not in a maturity folder).
pub fn pattern(path: &str, text: &str) -> Option<Pattern> {
    let mut parts = path.rsplit('/');
    let file = parts.next()?;
    let folder = parts.next()?;
    let maturity = Maturity::from_folder(folder)?;
    let slug = file.strip_suffix(".md")?.to_owned();
    let sections = sections(text);
    let find = |name: &str| {
        sections
            .iter()
            .find(|s| s.level <= 2 && s.level > 0 && s.heading.eq_ignore_ascii_case(name))
    };
    let title = find("Title")
        .and_then(|s| paragraphs(&s.lines).into_iter().next())
        .filter(|t| !t.is_empty())?;
    let patlet = find("Patlet")
        .map(|s| paragraphs(&s.lines).join(" "))
        .unwrap_or_default();
    let problem = find("Problem")
        .or_else(|| find("Problems"))
        .and_then(|s| paragraphs(&s.lines).into_iter().next())
        .map(|p| first_sentence(p.trim_start_matches(['-', ' '])))
        .unwrap_or_default();
    let status = find("Status")
        .map(|s| s.lines.join("\n"))
        .unwrap_or_default();
    let donut = status.to_lowercase().contains("donut");
    let mut review = Vec::new();
    let instances = match sections.iter().position(|s| {
        s.level <= 2 && s.level > 0 && s.heading.eq_ignore_ascii_case("Known Instances")
    }) {
        Some(at) => {
            let mut details = Vec::new();
            for s in &sections[at + 1..] {
                if s.level <= 2 {
                    break;
                }
                // `### <Company>`; deeper headings are parts of its story.
                if s.level == 3 {
                    details.push(s);
                }
            }
            known_instances(&sections[at].lines, &details, &mut review)
        }
        None => Vec::new(),
    };
    Some(Pattern {
        slug,
        maturity,
        title,
        patlet,
        problem,
        donut,
        instances,
        review,
    })
}

/// Phrases that say no organisation is known yet.
const PLACEHOLDERS: &[&str] = &[
    "tbd",
    "to be added",
    "to-be-done",
    "to be done",
    "none known",
    "no known instances",
    "where has this been seen before",
];

fn is_placeholder(text: &str) -> bool {
    let lower = text.to_lowercase();
    PLACEHOLDERS.iter().any(|p| lower.contains(p))
}

/// The instances of a Known Instances section (`lines`) and its `###` detail sections.
fn known_instances(
    lines: &[&str],
    details: &[&Section<'_>],
    review: &mut Vec<String>,
) -> Vec<Instance> {
    let text = strip_comments(&lines.join("\n"));
    // Entries: top-level bullets with their continuation lines.
    let mut entries: Vec<String> = Vec::new();
    let mut prose: Vec<String> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with("![") {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let bullet = (trimmed.starts_with("- ") || trimmed.starts_with("* ")) && indent <= 1;
        if bullet {
            entries.push(trimmed[2..].trim().to_owned());
        } else if let Some(last) = entries.last_mut() {
            last.push(' ');
            last.push_str(trimmed.trim_start_matches(['-', '*', ' ']));
        } else {
            prose.push(trimmed.to_owned());
        }
    }
    let mut found: Vec<Instance> = Vec::new();
    let add = |instance: Instance, found: &mut Vec<Instance>| {
        if !found
            .iter()
            .any(|f| f.name.eq_ignore_ascii_case(&instance.name))
        {
            found.push(instance);
        }
    };
    if entries.is_empty() {
        let said = prose.join(" ");
        if !said.is_empty() && !is_placeholder(&said) {
            // Prose: a name may open it ("Philips Healthcare, “Feature Advocate” …").
            match read_entry(&said) {
                Some(instance) => add(instance, &mut found),
                None => review.push(format!(
                    "Known Instances written as prose names no organisation: \u{201c}{}\u{201d}",
                    shorten(&plain(&said))
                )),
            }
        }
    }
    for entry in &entries {
        if is_placeholder(entry) && entries.len() == 1 {
            continue;
        }
        match read_entry(entry) {
            Some(instance) => add(instance, &mut found),
            None => review.push(format!(
                "cannot tell which organisation this names: \u{201c}{}\u{201d}",
                shorten(&plain(entry))
            )),
        }
    }
    for section in details {
        let name = plain(&section.heading);
        let notes = paragraphs(&section.lines).join(" ");
        match clean_name(&name) {
            Some((name, anonymised)) => {
                if let Some(known) = found
                    .iter_mut()
                    .find(|f| f.name.eq_ignore_ascii_case(&name))
                {
                    if known.notes.is_empty() || known.notes == known.name {
                        known.notes = notes;
                    }
                } else {
                    add(
                        Instance {
                            name,
                            anonymised,
                            notes,
                        },
                        &mut found,
                    );
                }
            }
            None => review.push(format!(
                "a detail section\u{2019}s heading is not an organisation: \u{201c}{name}\u{201d}"
            )),
        }
    }
    found
}

fn shorten(text: &str) -> String {
    if text.chars().count() > 120 {
        let cut: String = text.chars().take(117).collect();
        format!("{cut}\u{2026}")
    } else {
        text.to_owned()
    }
}

/// The organisation one entry names, with the entry as notes; `None` when it cannot be
/// told with confidence.
fn read_entry(entry: &str) -> Option<Instance> {
    let raw = entry.trim();
    let candidate = if let Some(bold) = raw.strip_prefix("**") {
        // "**Nike**", "**[WellSky](…)** has …", "**Siemens'** InnerSource …"
        bold.find("**").map(|end| plain(&bold[..end]))
    } else if let Some(link) = raw.strip_prefix('[') {
        // "[InnerSource Dojo from SAP](…)", "[Guilds at the BBC](…)"
        let text = plain(link.split(']').next().unwrap_or(link));
        Some(after_preposition(&text).unwrap_or(text))
    } else if let Some(start) = raw
        .find("**")
        .filter(|at| raw[..*at].split_whitespace().count() <= 3)
    {
        // "BIOS at **Robert Bosch GmbH**", "Being implemented at **U.S. Bank**."
        let rest = &raw[start + 2..];
        rest.find("**").map(|end| plain(&rest[..end]))
    } else {
        Some(plain_name(&plain(raw)))
    };
    let (name, anonymised) = clean_name(&candidate?)?;
    let notes = plain(raw);
    Some(Instance {
        notes: if notes == name { String::new() } else { notes },
        name,
        anonymised,
    })
}

/// "X from SAP" → "SAP"; "Guilds at the BBC" → "BBC".
fn after_preposition(text: &str) -> Option<String> {
    for word in [" from the ", " at the ", " from ", " at "] {
        if let Some(at) = text.rfind(word) {
            return Some(text[at + word.len()..].trim().to_owned());
        }
    }
    None
}

/// The name at the start of plain text: up to " - ", ":", " (", ",", or a verb.
fn plain_name(text: &str) -> String {
    let mut end = text.len();
    // A description runs on through its commas ("A large, highly regulated, financial
    // organization is …"); a name ends at one.
    let stops: &[&str] = if anonymised(text) {
        &[" - ", " \u{2013} ", " \u{2014} ", ":", " (", ";"]
    } else {
        &[" - ", " \u{2013} ", " \u{2014} ", ":", " (", ",", ";"]
    };
    for stop in stops {
        if let Some(at) = text.find(stop) {
            end = end.min(at);
        }
    }
    let head = &text[..end];
    let words: Vec<&str> = head.split_whitespace().collect();
    let verbs = [
        "is",
        "has",
        "have",
        "uses",
        "used",
        "was",
        "are",
        "implemented",
        "applies",
        "promotes",
        "manages",
        "makes",
        "started",
        "adopted",
        "took",
        "includes",
        "established",
        "awards",
        "recommends",
        "internally",
        "tried",
        "leverages",
    ];
    let cut = words
        .iter()
        .position(|w| verbs.contains(&w.to_lowercase().as_str()))
        .unwrap_or(words.len());
    words[..cut].join(" ")
}

/// Anonymised descriptions start like this.
fn anonymised(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.starts_with("a ") || lower.starts_with("an ") || lower.starts_with("large ")
}

/// A name fit to be a company's, and whether it is anonymised; `None` when it is not one
/// (too long, not capitalised, a placeholder, or about the pattern itself).
fn clean_name(raw: &str) -> Option<(String, bool)> {
    let mut name = raw.trim().trim_end_matches([',', ';', ':']);
    // A final full stop ends a sentence, unless it ends an abbreviation ("Inc.", "U.S.").
    let last = name.split_whitespace().last().unwrap_or_default();
    let abbreviation = last.trim_end_matches('.').contains('.')
        || ["Inc.", "Corp.", "Ltd.", "Co.", "Bros."].contains(&last);
    if !abbreviation {
        name = name.trim_end_matches('.');
    }
    let name = name
        .trim_end_matches("\u{2019}s")
        .trim_end_matches("'s")
        .trim_end_matches(['\'', '\u{2019}'])
        .trim();
    let words = name.split_whitespace().count();
    let lower = name.to_lowercase();
    if name.is_empty() || is_placeholder(name) || lower.contains("pattern") {
        return None;
    }
    let first = name.chars().next()?;
    if anonymised(name) {
        return (words <= 8).then(|| (name.to_owned(), true));
    }
    // Names are capitalised words ("Robert Bosch GmbH", "BBC iPlayer & Sounds"); a word
    // without a capital or digit ("validated", "means") makes it a sentence.
    let joining = ["of", "and", "&", "the", "for", "de", "la", "at", "y"];
    let sentence_word = name.split_whitespace().any(|w| {
        !w.chars().any(|c| c.is_uppercase() || c.is_ascii_digit())
            && !joining.contains(&w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'))
    });
    if !(first.is_uppercase() || first.is_ascii_digit()) || words > 5 || sentence_word {
        return None;
    }
    Some((name.to_owned(), false))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn names(section: &str) -> (Vec<(String, bool)>, Vec<String>) {
        let text = format!(
            "## Title\n\nT\n\n## Known Instances\n\n{section}\n\n## Status\n\nStructured\n"
        );
        let p = pattern("patterns/2-structured/x.md", &text).unwrap();
        (
            p.instances
                .into_iter()
                .map(|i| (i.name, i.anonymised))
                .collect(),
            p.review,
        )
    }

    fn named(list: &[&str]) -> Vec<(String, bool)> {
        list.iter().map(|n| ((*n).to_owned(), false)).collect()
    }

    #[test]
    fn every_bullet_form_gives_the_organisation() {
        let (found, review) = names(
            "- **Nike**\n\
             - **Mercado Libre** - adds a section in the `CONTRIBUTING.md` file.\n\
             * **[WellSky](https://wellsky.com/)** has the analogous concept.\n\
             * **Siemens'** InnerSource strategy is built upon principles.\n\
             - BIOS at **Robert Bosch GmbH**\n\
             * Being implemented at **U.S. Bank**.\n\
             - Red Hat - Many of the internal communities\n\
             * Philips (under test at scale)\n\
             * Indeed - see reference [a talk](https://example.org)\n\
             * [InnerSource Dojo from SAP](https://www.youtube.com/x)\n\
             * [Guilds at the BBC](https://youtu.be/y)\n\
             * PayPal is looking into finding a search solution\n\
             * Nike Inc.",
        );
        assert_eq!(
            found,
            named(&[
                "Nike",
                "Mercado Libre",
                "WellSky",
                "Siemens",
                "Robert Bosch GmbH",
                "U.S. Bank",
                "Red Hat",
                "Philips",
                "Indeed",
                "SAP",
                "BBC",
                "PayPal",
                "Nike Inc.",
            ])
        );
        assert!(review.is_empty(), "{review:?}");
    }

    #[test]
    fn anonymised_organisations_are_kept_as_descriptors() {
        let (found, _) = names(
            "- A large, highly regulated, financial organization is planning to implement it.\n\
             * A large financial services organization has used the creation of a portal.\n\
             * Large telecommunications provider\n\
             - **A large financial services organization** has used it too.",
        );
        assert_eq!(
            found,
            vec![
                (
                    "A large, highly regulated, financial organization".to_owned(),
                    true
                ),
                ("A large financial services organization".to_owned(), true),
                ("Large telecommunications provider".to_owned(), true),
            ]
        );
    }

    #[test]
    fn placeholders_name_nobody_and_prose_is_read_or_reviewed() {
        for placeholder in [
            "TBD",
            "None known as of yet - this is a pattern idea until it is proven.",
            "(known instances to be added)",
            "**to-be-done**\n\nWhere has this been seen before?",
        ] {
            let (found, review) = names(placeholder);
            assert!(
                found.is_empty() && review.is_empty(),
                "{placeholder}: {found:?} {review:?}"
            );
        }
        let (found, review) = names(
            "Philips Healthcare, \u{201c}Feature Advocate\u{201d} described in: VK Gurbani et al. (2010)",
        );
        assert_eq!(found, named(&["Philips Healthcare"]));
        assert!(review.is_empty());
        let (found, review) = names(
            "Partially validated. Validated means this has been seen to work in similar scenarios.",
        );
        assert!(found.is_empty());
        assert_eq!(review.len(), 1, "{review:?}");
    }

    #[test]
    fn detail_sections_add_organisations_and_notes() {
        let (found, _) = names(
            "- **Flutter Entertainment**\n- **Europace AG**\n\n\
             ### Flutter Entertainment\n\nThey document levels.\n\n#### Purpose\n\nNot a company.\n\n\
             ### American Airlines\n\nA portal of their own.",
        );
        assert_eq!(
            found,
            named(&["Flutter Entertainment", "Europace AG", "American Airlines"])
        );
    }

    #[test]
    fn sentences_that_name_no_one_go_to_review() {
        let (found, review) = names(
            "* **SAP** implemented it.\n\
             * The Gig Marketplace pattern has been proven to work extremely well with the portal.\n\
             * _Unplugged InnerSource_ sessions within the _Reuse & InnerSource_ workgroup of the architecture team",
        );
        assert_eq!(found, named(&["SAP"]));
        assert_eq!(review.len(), 2, "{review:?}");
    }

    #[test]
    fn a_pattern_file_is_read_whole() {
        let text = "# Title\n\nRequire InnerSource before Open Source\n\n## Patlet\n\nA [first](x) \
                    paragraph.\n\nAnd a second.\n\n## Problem\n\nTeams open code too early, e.g. \
                    without review. Then more.\n\n## Solution\n\n```\n# not a heading\n```\n\n\
                    ## Known Instances\n\n* **SAP**\n\n## Status\n\n* Initial (Donut)\n";
        let p = pattern("patterns/1-initial/innersource-before-open-source.md", text).unwrap();
        assert_eq!(p.slug, "innersource-before-open-source");
        assert_eq!(p.maturity, Maturity::Initial);
        assert_eq!(p.title, "Require InnerSource before Open Source");
        assert_eq!(p.patlet, "A first paragraph. And a second.");
        assert_eq!(p.problem, "Teams open code too early, e.g. without review.");
        assert!(p.donut);
        assert_eq!(p.instances.len(), 1);
        assert!(pattern("patterns/2-structured/templates/README-template.md", text).is_none());
    }
}
