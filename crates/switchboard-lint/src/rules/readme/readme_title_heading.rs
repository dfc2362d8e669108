use switchboard_diagnostics::{Edit, Fix};

use super::common::{display_file_name, span};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the first visible line of readme.md is a level-1 or level-2 heading (the
    /// connector's name, `# Title` in the template). A line such as `##Title` without a space
    /// after the `#`s is reported too: GitHub renders it as plain text.
    ///
    /// ## Why it matters
    /// The readme is the connector's page on GitHub and in the documentation; both templates
    /// open with the connector name as its title. A table-of-contents marker, a note or a
    /// paragraph in its place leaves the page without a title.
    ///
    /// ## Example
    /// ```markdown
    /// ##Taskforge
    /// Taskforge helps teams plan their work.
    /// ```
    ///
    /// ## Fix
    /// Start the file with `# <connector name>` followed by the one-paragraph description.
    pub ReadmeTitleHeading {
        code: "RM007",
        name: "readme-title-heading",
        group: Readme,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for ReadmeTitleHeading {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(readme) = cx.connector().readme.as_ref() else { return };
        let Some(scanned) = cx.texts().of(readme) else { return };
        let md = scanned.markdown();
        let Some((index, first)) = md.lines.iter().enumerate().find(|(_, l)| !l.is_blank()) else {
            return;
        };
        let heading = md.headings.first().filter(|h| h.line == index);
        let name = display_file_name(&readme.entry);
        match heading {
            Some(h) if h.strict && h.level <= 2 => {}
            Some(h) if !h.strict && h.level <= 2 => {
                let hashes = "#".repeat(usize::from(h.level));
                let insert = h.start + usize::from(h.level);
                cx.report_in(
                    &readme.file,
                    None,
                    h.span(),
                    format!("'{hashes}{}' is not rendered as a heading: a space must follow the '#' characters", h.text),
                )
                .set_fix(Fix {
                    message: "Insert a space after the '#' characters".to_string(),
                    edits: vec![Edit { span: span(insert, insert), replacement: " ".to_string() }],
                });
            }
            _ => {
                cx.report_in(
                    &readme.file,
                    None,
                    first.span(),
                    format!("{name} should start with the connector name as a '#' heading"),
                )
                .set_help(
                    "start the file with `# <connector name>` and a one-paragraph description",
                );
            }
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
    fn title_headings_pass() {
        assert!(check(&ReadmeTitleHeading, &Fixture::new().build()).is_empty());
        for text in ["\u{feff}\n\n## Taskforge\n", "Taskforge\n=========\n", "  # Taskforge #\n"] {
            assert!(check(&ReadmeTitleHeading, &readme(text)).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn text_or_deep_heading_first_fails_at_that_line() {
        let d = check(&ReadmeTitleHeading, &readme("\n[[_TOC_]]\n# Taskforge\n"));
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].location.line, d[0].location.column), (2, 1));
        assert_eq!(d[0].message, "readme.md should start with the connector name as a '#' heading");
        assert_eq!(d[0].severity, Severity::Info);
        assert_eq!(check(&ReadmeTitleHeading, &readme("### NOTE\n# Taskforge\n")).len(), 1);
    }

    #[test]
    fn missing_space_fails_with_a_fix() {
        let d = check(&ReadmeTitleHeading, &readme("##Taskforge\ntext\n"));
        assert_eq!(d.len(), 1);
        assert!(d[0].message.starts_with("'##Taskforge' is not rendered"), "{}", d[0].message);
        let fix = d[0].fix.as_ref().map(|f| f.edits[0].span.start);
        assert_eq!(fix, Some(2));
    }
}
