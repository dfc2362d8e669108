use super::common::{display_file_name, is_underline_line, report_whole};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The least amount of text (characters outside headings) a readme should have.
const MIN_CHARS: usize = 200;

declare_rule! {
    /// ## What it does
    /// Checks that readme.md has at least 200 characters of text outside its headings (line
    /// indentation, blank lines and horizontal rules not counted).
    ///
    /// ## Why it matters
    /// A readme with headings and a sentence or two cannot describe the service, the
    /// prerequisites, the operations and how to get credentials; reviewers send it back.
    ///
    /// ## Example
    /// ```markdown
    /// # Taskforge
    /// Taskforge connector.
    /// ```
    ///
    /// ## Fix
    /// Fill in each section of the template: what the service does, what users need, the
    /// operations, how to get credentials and the known limitations.
    pub ReadmeTooShort {
        code: "RM008",
        name: "readme-too-short",
        group: Readme,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for ReadmeTooShort {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(readme) = cx.connector().readme.as_ref() else { return };
        let Some(scanned) = cx.texts().of(readme) else { return };
        let md = scanned.markdown();
        let mut headings = md.headings.iter().map(|h| h.line).peekable();
        let mut chars = 0usize;
        for (i, line) in md.lines.iter().enumerate() {
            while headings.next_if(|&h| h < i).is_some() {}
            if headings.peek() == Some(&i) || is_underline_line(line.text) {
                continue;
            }
            chars += line.text.trim().chars().count();
            if chars >= MIN_CHARS {
                return;
            }
        }
        let name = display_file_name(&readme.entry);
        report_whole(
            cx,
            readme,
            format!("{name} has only {chars} characters of text; describe the connector in at least {MIN_CHARS}"),
        )
        .set_help("fill in the template sections: description, prerequisites, operations, credentials, known issues");
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
    fn template_readme_passes() {
        assert!(check(&ReadmeTooShort, &Fixture::new().build()).is_empty());
        let text = format!("# T\n{}\n", "x".repeat(200));
        assert!(check(&ReadmeTooShort, &readme(&text)).is_empty());
    }

    #[test]
    fn headings_do_not_count() {
        let text =
            format!("# {}\n## Prerequisites\n\n   {}   \n", "T".repeat(300), "x".repeat(199));
        let d = check(&ReadmeTooShort, &readme(&text));
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "readme.md has only 199 characters of text; describe the connector in at least 200"
        );
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(d[0].location.line, 1);
    }
}
