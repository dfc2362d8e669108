use crate::rules::readme::common::{
    Heading, Line, is_common_errors, is_credentials, is_faq, is_get_started, is_known_issues,
    is_operations, is_prerequisites, is_underline_line, normalize, report_whole, span,
};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The most sentences the opening description may have.
const MAX_SENTENCES: usize = 8;

/// Words that end with a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "inc", "ltd", "co", "corp", "mr", "mrs", "ms", "dr", "no", "approx",
    "incl", "st",
];

declare_rule! {
    /// ## What it does
    /// Checks the opening description of intro.md: there is one, before the first section
    /// heading (a title heading such as `## Taskforge Connector` directly above it is
    /// tolerated); it is a single paragraph of at most eight sentences; and it is not a copy of
    /// the swagger's `info.description`.
    ///
    /// ## Why it matters
    /// The documentation template asks for "a detailed description, distinct from your
    /// connector's description, … no more than one paragraph of eight sentences"; it is the
    /// first thing on the connector's Microsoft Learn page. An error when certifying, info while
    /// authoring.
    ///
    /// ## Example
    /// ```markdown
    /// ## Prerequisites
    /// A Taskforge account.
    /// ```
    /// (no description before the first section).
    ///
    /// ## Fix
    /// Start intro.md with one paragraph of up to eight sentences on what the service offers and
    /// what the connector lets users automate, worded differently from `info.description`.
    pub IntroDescription {
        code: "IN000",
        name: "intro-description",
        group: Intro,
        levels: Levels::cert(Severity::Error),
    }
}

impl Check for IntroDescription {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(intro) = cx.connector().intro.as_ref() else { return };
        let Some(scanned) = cx.texts().of(intro) else { return };
        let md = scanned.markdown();
        let first = md.headings.first();
        let mut region =
            md.lines.get(..first.map_or(md.lines.len(), |h| h.line)).unwrap_or_default();
        if region.iter().all(Line::is_blank)
            && let Some(h) = first.filter(|h| !is_section(h))
        {
            let end = md.headings.get(1).map_or(md.lines.len(), |n| n.line);
            region = md.lines.get(h.line + 1..end).unwrap_or_default();
        }
        let paragraphs = paragraphs(region);
        let Some(opening) = paragraphs.first() else {
            let message =
                "intro.md must open with a description of the connector before the first section";
            let help = "start with one paragraph (at most eight sentences) describing the service and the connector";
            match first {
                Some(h) => cx.report_in(&intro.file, None, h.span(), message),
                None => report_whole(cx, intro, message),
            }
            .set_help(help);
            return;
        };
        if let Some(second) = paragraphs.get(1) {
            cx.report_in(
                &intro.file,
                None,
                paragraph_span(second),
                format!("the opening description must be one paragraph, not {}", paragraphs.len()),
            )
            .set_help("merge the opening paragraphs into one, or move the rest under a section");
        }
        let joined = opening.iter().map(|l| l.text.trim()).collect::<Vec<_>>().join(" ");
        let count = sentences(&joined);
        if count > MAX_SENTENCES {
            cx.report_in(
                &intro.file,
                None,
                paragraph_span(opening),
                format!("the opening description has {count} sentences; at most {MAX_SENTENCES} are allowed"),
            )
            .set_help("keep the overview short; details belong in the sections below");
        }
        let description = cx.swagger().and_then(|sw| sw.doc.description());
        if description.is_some_and(|d| same_text(d, &joined)) {
            cx.report_in(
                &intro.file,
                None,
                paragraph_span(opening),
                "the opening description repeats info.description; the documentation needs a distinct one",
            )
            .set_help("describe the service and what users can automate in more detail than info.description");
        }
    }
}

/// Whether a heading is one of the template's sections (as opposed to a title).
fn is_section(h: &Heading<'_>) -> bool {
    let n = h.normalized();
    [
        is_prerequisites,
        is_credentials,
        is_get_started,
        is_known_issues,
        is_common_errors,
        is_faq,
        is_operations,
    ]
    .iter()
    .any(|m| m(&n))
}

/// Blocks of consecutive non-blank lines.
fn paragraphs<'l, 't>(lines: &'l [Line<'t>]) -> Vec<&'l [Line<'t>]> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        let blank =
            line.is_blank() || (!line.in_code && is_underline_line(line.text) && start.is_none());
        match (blank, start) {
            (true, Some(s)) => {
                out.push(&lines[s..i]);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&lines[s..]);
    }
    out
}

fn paragraph_span(lines: &[Line<'_>]) -> switchboard_model::Span {
    match (lines.first(), lines.last()) {
        (Some(first), Some(last)) => span(first.span().start as usize, last.span().end as usize),
        _ => span(0, 0),
    }
}

/// Counts sentences: runs of `.`, `!` or `?` followed by a space or the end, except after
/// common abbreviations and single letters; trailing text without a terminator counts as one.
fn sentences(s: &str) -> usize {
    let chars: Vec<char> = s.chars().collect();
    let mut count = 0;
    let mut last_end = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !matches!(c, '.' | '!' | '?') {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len()
            && matches!(chars[j], '.' | '!' | '?' | '"' | '\'' | ')' | '”' | '’' | '*' | '_')
        {
            j += 1;
        }
        if j < chars.len() && !chars[j].is_whitespace() {
            i = j;
            continue;
        }
        if c == '.' {
            let word_start = chars[..i]
                .iter()
                .rposition(|c| c.is_whitespace() || *c == '(')
                .map_or(0, |p| p + 1);
            let word: String = chars[word_start..i].iter().collect::<String>().to_lowercase();
            let single = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
            if single || ABBREVIATIONS.contains(&word.as_str()) {
                i = j;
                continue;
            }
        }
        count += 1;
        last_end = j;
        i = j;
    }
    if chars[last_end.min(chars.len())..].iter().any(|c| c.is_alphanumeric()) {
        count += 1;
    }
    count
}

/// Equal after collapsing whitespace and case, ignoring a final period.
fn same_text(a: &str, b: &str) -> bool {
    let a = normalize(a);
    let b = normalize(b);
    a.trim_end_matches('.') == b.trim_end_matches('.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{Fixture, check, check_with};

    fn intro(text: &str) -> switchboard_model::Connector {
        Fixture::new().set("intro.md", text.as_bytes().to_vec()).build()
    }

    #[test]
    fn one_distinct_paragraph_passes() {
        assert!(check(&IntroDescription, &Fixture::new().build()).is_empty());
        // A title heading above the description is tolerated; lines of one paragraph join.
        let text = "\n## Taskforge Connector\nTaskforge is a planner.\nIt has an API (e.g. for tasks).\n\n## Prerequisites\n";
        assert!(check(&IntroDescription, &intro(text)).is_empty());
        // Zero-width spaces make a blank line.
        assert!(
            check(&IntroDescription, &intro("Taskforge plans.\n\u{200b}\n## FAQ\n")).is_empty()
        );
    }

    #[test]
    fn no_description_fails_at_the_first_section() {
        let d = check(&IntroDescription, &intro("## Prerequisites\n\nAn account.\n"));
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "intro.md must open with a description of the connector before the first section"
        );
        assert_eq!((d[0].location.line, d[0].severity), (1, Severity::Error));
        let d = check_with(&IntroDescription, &intro("## FAQ\n"), Profile::Default);
        assert_eq!(d[0].severity, Severity::Info);
    }

    #[test]
    fn two_paragraphs_or_nine_sentences_fail() {
        let d = check(&IntroDescription, &intro("One.\n\nTwo.\n\n## FAQ\n"));
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].location.line, d[0].message.as_str()),
            (3, "the opening description must be one paragraph, not 2")
        );
        let nine = "One. Two! Three? Four. Five. Six. Seven. Eight. Nine and more";
        let d = check(&IntroDescription, &intro(&format!("{nine}\n## FAQ\n")));
        assert_eq!(d[0].message, "the opening description has 9 sentences; at most 8 are allowed");
        assert_eq!((d[0].location.column, d[0].location.end_column), (1, 62));
    }

    #[test]
    fn copy_of_info_description_fails() {
        let text = "Taskforge helps teams plan their work.  Create, update and track tasks across projects\n\n## FAQ\n";
        let d = check(&IntroDescription, &intro(text));
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "the opening description repeats info.description; the documentation needs a distinct one"
        );
    }

    #[test]
    fn sentence_counting() {
        assert_eq!(sentences("Taskforge Inc. makes a planner, e.g. for teams. It is good"), 2);
        assert_eq!(sentences("See example.com. Version 1.5 is out!"), 2);
        assert_eq!(sentences(""), 0);
    }
}
