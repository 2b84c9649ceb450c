//! The command line's progress for long imports: a bar (`indicatif`) when standard error
//! is a terminal, plain lines otherwise (about every tenth of the work, and at the end),
//! so a log or a pipe gets readable text, not control codes.

use std::io::IsTerminal;
use std::sync::Mutex;

use app::service::progress::Progress;
use indicatif::{ProgressBar, ProgressStyle};

/// Progress on standard error.
pub enum Terminal {
    Bar(ProgressBar),
    Lines(Mutex<Lines>),
}

/// Where a line-by-line report stands.
pub struct Lines {
    what: String,
    total: usize,
    done: usize,
    said: usize,
}

impl Terminal {
    /// A bar on a terminal, lines elsewhere.
    pub fn new() -> Self {
        if std::io::stderr().is_terminal() {
            let bar = ProgressBar::hidden();
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            Self::Bar(bar)
        } else {
            Self::Lines(Mutex::new(Lines {
                what: String::new(),
                total: 0,
                done: 0,
                said: 0,
            }))
        }
    }
}

impl Default for Terminal {
    fn default() -> Self {
        Self::new()
    }
}

/// The next share of the work (in tenths) at which a line is printed.
fn tenth(done: usize, total: usize) -> usize {
    (done * 10).checked_div(total).unwrap_or(10)
}

impl Progress for Terminal {
    fn start(&self, total: usize, what: &str) {
        match self {
            Self::Bar(bar) => {
                bar.set_length(total as u64);
                let style = ProgressStyle::with_template(&format!(
                    "{{bar:40}} {{pos}}/{{len}} {what} {{wide_msg}}"
                ))
                .unwrap_or_else(|_| ProgressStyle::default_bar());
                bar.set_style(style);
            }
            Self::Lines(lines) => {
                if let Ok(mut lines) = lines.lock() {
                    *lines = Lines {
                        what: what.to_owned(),
                        total,
                        done: 0,
                        said: 0,
                    };
                }
                eprintln!("Importing {total} {what}\u{2026}");
            }
        }
    }

    fn step(&self, step: &str) {
        match self {
            Self::Bar(bar) => {
                bar.set_message(step.to_owned());
                bar.inc(1);
            }
            Self::Lines(lines) => {
                if let Ok(mut lines) = lines.lock() {
                    lines.done += 1;
                    let now = tenth(lines.done, lines.total);
                    if now > lines.said && lines.done < lines.total {
                        lines.said = now;
                        eprintln!("  {}/{} {} ({step})", lines.done, lines.total, lines.what);
                    }
                }
            }
        }
    }

    fn finish(&self) {
        match self {
            Self::Bar(bar) => bar.finish_and_clear(),
            Self::Lines(lines) => {
                if let Ok(lines) = lines.lock() {
                    eprintln!("  {}/{} {} read.", lines.done, lines.total, lines.what);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lines_come_about_every_tenth() {
        assert_eq!(super::tenth(8, 80), 1);
        assert_eq!(super::tenth(7, 80), 0);
        assert_eq!(super::tenth(80, 80), 10);
        assert_eq!(super::tenth(0, 0), 10);
    }
}
