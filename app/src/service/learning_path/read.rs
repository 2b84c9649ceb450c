//! Reading a checkout of the InnerSource Learning Path: its sections (`introduction/`,
//! `trusted-committer/`, …), each section's segment files (`NN-name.asciidoc`, the article
//! where a segment has an article and a script), each segment's title (its first `==`
//! heading) and opening paragraph, and the video links of `config/urls.yaml`, matched to a
//! section's segments by position as the Learning Path's own scripts do. Pure, apart from
//! [`read_checkout`].

use std::path::Path;

/// One segment of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The file, relative to the checkout (e.g. `introduction/01-introduction.asciidoc`).
    pub path: String,
    pub number: u32,
    pub title: String,
    /// The opening paragraph, as plain text.
    pub summary: String,
    /// Its video on YouTube, if it has one.
    pub youtube: Option<String>,
}

/// One section of the Learning Path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The folder, e.g. `product-owner`.
    pub dir: String,
    pub segments: Vec<Segment>,
}

/// The video links of `config/urls.yaml`: (section, YouTube link if any), in file order.
pub fn video_links(yaml: &str) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    let mut block = "";
    for line in yaml.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('#') || trimmed.is_empty() {
            continue;
        }
        if let Some(section) = trimmed.strip_prefix("- section:") {
            out.push((section.trim().trim_matches(['\'', '"']).to_owned(), None));
            block = "";
        } else if let Some(key) = trimmed.strip_suffix(':') {
            block = if key == "video" { "video" } else { "other" };
        } else if block == "video"
            && let Some(url) = trimmed.strip_prefix("youtube:")
        {
            let url = url.trim().trim_matches(['\'', '"']);
            if let Some(last) = out.last_mut()
                && !url.is_empty()
            {
                last.1 = Some(url.to_owned());
            }
        }
    }
    out
}

/// A section's folder from its name in `urls.yaml` ("trusted committer").
pub fn section_dir(name: &str) -> String {
    name.trim().to_lowercase().replace(' ', "-")
}

/// The segment files of a section's folder listing, in order: `NN-*.asciidoc`, the
/// article of a segment that has both an article and a script.
pub fn segment_files(mut names: Vec<String>) -> Vec<String> {
    names.sort();
    let numbered: Vec<String> = names
        .into_iter()
        .filter(|n| n.ends_with(".asciidoc") && n.chars().take(2).all(|c| c.is_ascii_digit()))
        .filter(|n| n.as_bytes().get(2) == Some(&b'-'))
        .collect();
    numbered
        .iter()
        .filter(|n| {
            // Keep the script only where there is no article of the same number.
            !(n.ends_with("-script.asciidoc")
                && numbered
                    .iter()
                    .any(|other| other[..2] == n[..2] && other.ends_with("-article.asciidoc")))
        })
        .cloned()
        .collect()
}

/// A segment file's title (its first `=` heading) and opening paragraph.
pub fn title_and_summary(text: &str) -> (String, String) {
    let mut title = String::new();
    let mut summary = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if title.is_empty() {
            if let Some(heading) = trimmed.strip_prefix('=') {
                title = heading.trim_start_matches('=').trim().to_owned();
            }
            continue;
        }
        if trimmed.is_empty() {
            if summary.is_empty() {
                continue;
            }
            break;
        }
        // Attributes, block markers, images and headings are not prose.
        if trimmed.starts_with(':')
            || trimmed.starts_with('=')
            || trimmed.starts_with("image::")
            || trimmed.starts_with("//")
            || trimmed.starts_with('[')
            || trimmed.starts_with("----")
            || trimmed.starts_with("****")
        {
            if summary.is_empty() {
                continue;
            }
            break;
        }
        summary.push(trimmed);
    }
    (
        title,
        crate::service::patterns::parse::plain(&summary.join(" ")),
    )
}

/// Reads the checkout at `dir`.
pub fn read_checkout(dir: &Path) -> Result<Vec<Section>, String> {
    let yaml = std::fs::read_to_string(dir.join("config/urls.yaml")).map_err(|e| {
        format!(
            "{} is not a checkout of InnerSourceLearningPath: cannot read config/urls.yaml ({e})",
            dir.display()
        )
    })?;
    let links = video_links(&yaml);
    let mut order: Vec<String> = Vec::new();
    for (section, _) in &links {
        let folder = section_dir(section);
        if !order.contains(&folder) {
            order.push(folder);
        }
    }
    // Sections with segments but no links (e.g. project-leader) are read too.
    let mut folders: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && n != "config" && n != "scripts")
        .collect();
    folders.sort();
    for folder in folders {
        if !order.contains(&folder) {
            order.push(folder);
        }
    }
    let mut sections = Vec::new();
    for folder in order {
        let Ok(entries) = std::fs::read_dir(dir.join(&folder)) else {
            continue;
        };
        let names = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        let videos: Vec<Option<String>> = links
            .iter()
            .filter(|(section, _)| section_dir(section) == folder)
            .map(|(_, link)| link.clone())
            .collect();
        let mut segments = Vec::new();
        for (position, name) in segment_files(names).into_iter().enumerate() {
            let path = format!("{folder}/{name}");
            let text = std::fs::read_to_string(dir.join(&path))
                .map_err(|e| format!("cannot read {path}: {e}"))?;
            let (title, summary) = title_and_summary(&text);
            segments.push(Segment {
                number: name[..2].parse().unwrap_or(0),
                path,
                title,
                summary,
                youtube: videos.get(position).cloned().flatten(),
            });
        }
        if !segments.is_empty() {
            sections.push(Section {
                dir: folder,
                segments,
            });
        }
    }
    Ok(sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn video_links_are_read_in_order_with_gaps() {
        let links = video_links(
            "# comment\n---\n\n- section: introduction\n  video:\n    isc: x\n    youtube: https://www.youtube.com/watch?v=a\n  article:\n    github: g\n\
             - section: introduction\n  video:\n    isc: ''\n  article:\n    youtube: https://not-a-video\n\
             - section: trusted committer\n  video:\n    youtube: 'https://www.youtube.com/watch?v=b'\n",
        );
        assert_eq!(
            links,
            vec![
                (
                    "introduction".into(),
                    Some("https://www.youtube.com/watch?v=a".into())
                ),
                ("introduction".into(), None),
                (
                    "trusted committer".into(),
                    Some("https://www.youtube.com/watch?v=b".into())
                ),
            ]
        );
        assert_eq!(section_dir("trusted committer"), "trusted-committer");
    }

    #[test]
    fn articles_win_over_scripts_and_other_files_are_not_segments() {
        let files = segment_files(
            [
                "02-b-script.asciidoc",
                "01-a-article.asciidoc",
                "01-a-script.asciidoc",
                "02-b-article.asciidoc",
                "03-c-script.asciidoc",
                "outline.asciidoc",
                "index.md",
                "video-proposal.asciidoc",
            ]
            .map(String::from)
            .to_vec(),
        );
        assert_eq!(
            files,
            vec![
                "01-a-article.asciidoc",
                "02-b-article.asciidoc",
                "03-c-script.asciidoc"
            ]
        );
    }

    #[test]
    fn a_segment_gives_its_title_and_opening_paragraph() {
        let (title, summary) = title_and_summary(
            "== Introduction\n:imagesdir: x\n\nThis Learning Path gives an *introduction*.\nIt is short.\n\nMore.\n",
        );
        assert_eq!(title, "Introduction");
        assert_eq!(
            summary,
            "This Learning Path gives an introduction. It is short."
        );
    }
}
