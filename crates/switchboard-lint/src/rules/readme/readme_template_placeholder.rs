use super::common::{display_file_name, span};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// Placeholder names the templates use, found anywhere in a line.
const NAMES: &[&str] =
    &["Publisher's Name", "Publisher’s Name", "Answer to question 1", "Answer to question 2"];

/// Template instructions that start a line.
const INSTRUCTIONS: &[&str] =
    &["Required. ", "Optional. ", "Description of operation 1", "Description of operation 2"];

declare_rule! {
    /// ## What it does
    /// Finds text of Microsoft's readme templates that was never replaced: instruction lines
    /// starting with `Required. ` or `Optional. `, `Publisher's Name`, the sample headings
    /// `# Title`, `### Operation 1`, `### Question 1`, and `Answer to question 1`. Matching is
    /// case-sensitive and skips code blocks.
    ///
    /// ## Why it matters
    /// Template text published as documentation ("Publisher: Publisher's Name", "Required.
    /// Describe actions, triggers, and other endpoints.") tells readers nothing and shows the
    /// readme was not reviewed; reviewers reject it.
    ///
    /// ## Example
    /// ```markdown
    /// ## Publisher: Publisher's Name
    /// Required. It should be the company or organization name.
    /// ```
    ///
    /// ## Fix
    /// Replace each placeholder with the real content and delete the `Required.`/`Optional.`
    /// instruction lines.
    pub ReadmeTemplatePlaceholder {
        code: "RM009",
        name: "readme-template-placeholder",
        group: Readme,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for ReadmeTemplatePlaceholder {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(readme) = cx.connector().readme.as_ref() else { return };
        let Some(scanned) = cx.texts().of(readme) else { return };
        let text = scanned.text();
        let md = scanned.markdown();
        let name = display_file_name(&readme.entry);
        let mut found: Vec<(usize, usize)> = Vec::new();
        for h in &md.headings {
            let t = h.text.trim_end_matches(':');
            let sample = (h.level == 1 && t == "Title")
                || t.strip_prefix("Operation ")
                    .or_else(|| t.strip_prefix("Question "))
                    .is_some_and(|n| {
                        !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit())
                    });
            if sample {
                found.push((h.start, h.end));
            }
        }
        // The names are looked for line by line only when the text has them at all (they
        // never span lines): most readmes have none.
        let names: Vec<&str> = NAMES
            .iter()
            .copied()
            .filter(|p| memchr::memmem::find(text.as_bytes(), p.as_bytes()).is_some())
            .collect();
        for line in md.lines.iter().filter(|l| !l.in_code) {
            let body = line.text.trim_start();
            let lead = line.start + line.text.len() - body.len();
            let stripped = body.trim_start_matches(['*', '_', '>', ' ']);
            let at = lead + body.len() - stripped.len();
            if INSTRUCTIONS.iter().any(|p| stripped.starts_with(p)) {
                found.push((at, line.start + line.text.trim_end().len()));
                continue;
            }
            for p in &names {
                if let Some(i) = line.text.find(p) {
                    found.push((line.start + i, line.start + i + p.len()));
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        for (start, end) in found {
            let snippet = text.get(start..end).unwrap_or_default();
            let shown: String = snippet.chars().take(60).collect();
            let more = if shown.len() < snippet.len() { "…" } else { "" };
            cx.report_in(
                &readme.file,
                None,
                span(start, end),
                format!("{name} still contains the template text '{shown}{more}'"),
            )
            .set_help("replace the template text with the connector's own content");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    fn readme(text: &str) -> switchboard_model::Connector {
        Fixture::new().set("readme.md", text.as_bytes().to_vec()).build()
    }

    #[test]
    fn real_content_passes() {
        assert!(check(&ReadmeTemplatePlaceholder, &Fixture::new().build()).is_empty());
        let text = "# Taskforge\nAn API key is required. See below.\n## Operations\n### Operation status\n```\nRequired. in code\n```\n";
        assert!(check(&ReadmeTemplatePlaceholder, &readme(text)).is_empty());
    }

    #[test]
    fn each_placeholder_is_reported_where_it_is() {
        let text = "# Title\nRequired. One paragraph, two to three sentences about the service and the connector.\n\n## Publisher: Publisher's Name\n\n## Supported Operations\n### Operation 1\nDescription of operation 1.\n";
        let d = check(&ReadmeTemplatePlaceholder, &readme(text));
        let at: Vec<(u32, u32)> = d.iter().map(|d| (d.location.line, d.location.column)).collect();
        assert_eq!(at, [(1, 1), (2, 1), (4, 15), (7, 1), (8, 1)]);
        assert_eq!(
            d[1].message,
            "readme.md still contains the template text 'Required. One paragraph, two to three sentences about the se…'"
        );
        assert_eq!(d[2].message, "readme.md still contains the template text 'Publisher's Name'");
        assert!(d.iter().all(|d| d.severity == Severity::Error));
    }
}
