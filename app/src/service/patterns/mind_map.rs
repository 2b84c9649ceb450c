//! The InnerSource program mind map (`pattern-categorization/innersource-program-mind-map.md`):
//! phases (`##`), categories (`###`), problems (`####`) and under each problem the
//! patterns that answer it (`##### [Title](…/p/<slug>)`). Gives each pattern the problem
//! line it is filed under first. Pure.

use std::collections::HashMap;

use super::parse::plain;

/// The problem line each pattern (by slug) is filed under; the first one where a pattern
/// is filed under several.
pub fn problems(text: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut problem: Option<String> = None;
    for line in text.lines() {
        let hashes = line.chars().take_while(|c| *c == '#').count();
        let heading = line[hashes..].trim();
        match hashes {
            1..=3 => problem = None,
            4 => problem = Some(plain(heading)),
            5 => {
                let slug = heading
                    .split("/p/")
                    .nth(1)
                    .map(|rest| rest.trim_end_matches(')').trim_end_matches('/'))
                    .unwrap_or_default();
                if let Some(problem) = &problem
                    && !slug.is_empty()
                {
                    out.entry(slug.to_owned())
                        .or_insert_with(|| problem.clone());
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::problems;

    #[test]
    fn patterns_are_filed_under_their_first_problem() {
        let map = problems(
            "# [InnerSource Program](x)\n\n## Adopt\n\n### Valuation Challenges\n\n\
             #### Can we rely on the project for an extended period?\n\n\
             ##### [Standard Release Process](https://patterns.innersourcecommons.org/p/release-process)\n\n\
             ##### [Standard Base Documentation](https://patterns.innersourcecommons.org/p/base-documentation)\n\n\
             ## Begin\n\n### Project Setup\n\n#### Hard to assess a project quickly\n\n\
             ##### [Standard Base Documentation](https://patterns.innersourcecommons.org/p/base-documentation)\n",
        );
        assert_eq!(
            map.get("release-process").map(String::as_str),
            Some("Can we rely on the project for an extended period?")
        );
        assert_eq!(
            map.get("base-documentation").map(String::as_str),
            Some("Can we rely on the project for an extended period?")
        );
        assert_eq!(map.len(), 2);
    }
}
