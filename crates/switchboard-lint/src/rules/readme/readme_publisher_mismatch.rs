use super::common::{Markdown, display_file_name, list_item_text, span};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// Words that only say what kind of company it is; dropped before comparing names.
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "incorporated",
    "llc",
    "llp",
    "lp",
    "ltd",
    "limited",
    "gmbh",
    "ag",
    "kg",
    "bv",
    "nv",
    "sa",
    "sas",
    "sarl",
    "sl",
    "srl",
    "spa",
    "pty",
    "plc",
    "corp",
    "corporation",
    "co",
    "company",
    "ab",
    "as",
    "oy",
    "kk",
    "gk",
    "pvt",
    "private",
    "the",
];

declare_rule! {
    /// ## What it does
    /// Compares the publisher named in readme.md (the text after `Publisher:` in the publisher
    /// heading, or the first line under a bare `## Publisher` heading) with
    /// `properties.publisher` in apiProperties.json. Case, accents, punctuation, parenthesised
    /// text, links and legal forms (`Inc.`, `LLC`, `GmbH`, …) are set aside; then the names
    /// agree when one contains the other or has all the other's words in any order ("Rene
    /// Koch" and "Koch, Rene"). With several publishers separated by commas or "and", one of
    /// them must agree. The template placeholder `Publisher's Name` is left to RM009.
    ///
    /// ## Why it matters
    /// The connector is published under `properties.publisher`; a readme that names someone
    /// else confuses users and is one of the things reviewers check by hand.
    ///
    /// ## Example
    /// readme.md says `## Publisher: HandyGeo Services` while apiProperties.json has
    /// `"publisher": "HandyGeo Solutions"`.
    ///
    /// ## Fix
    /// Use the same publisher name in both files.
    pub ReadmePublisherMismatch {
        code: "RM010",
        name: "readme-publisher-mismatch",
        group: Readme,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for ReadmePublisherMismatch {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(readme) = cx.connector().readme.as_ref() else { return };
        let Some(publisher) = cx.properties().and_then(|p| p.publisher()) else { return };
        let wanted = key(publisher);
        if wanted.is_empty() {
            return;
        }
        let Some(scanned) = cx.texts().of(readme) else { return };
        let md = scanned.markdown();
        let Some((start, value)) = readme_publisher(md) else { return };
        let parts = value.split([',', ';', '&', '/']).chain(value.split(" and "));
        let agrees = std::iter::once(value).chain(parts).any(|part| same_name(&key(part), &wanted));
        if agrees {
            return;
        }
        let name = display_file_name(&readme.entry);
        cx.report_in(
            &readme.file,
            None,
            span(start, start + value.len()),
            format!(
                "{name} names the publisher '{value}' but apiProperties.json has '{publisher}'"
            ),
        )
        .set_help("use the same publisher name in the readme and in `properties.publisher`");
    }
}

/// The publisher named in the readme and the offset of that text, unless it is missing or the
/// template placeholder.
fn readme_publisher<'t>(md: &Markdown<'t>) -> Option<(usize, &'t str)> {
    let (index, h) =
        md.headings.iter().enumerate().find(|(_, h)| h.normalized().contains("publisher"))?;
    if h.text.contains("Publisher's Name") || h.text.contains("Publisher’s Name") {
        return None;
    }
    let at = h.text.as_bytes().windows(9).position(|w| w.eq_ignore_ascii_case(b"publisher"))?;
    let mut from = at + 9;
    let after = &h.text[from..];
    if after.starts_with("(s)") {
        from += 3;
    } else if after.starts_with('s') {
        from += 1;
    }
    let (lead, value) = clean(&h.text[from..]);
    if !value.is_empty() {
        return Some((h.text_start + from + lead, value));
    }
    let line = md.first_text_after(index)?;
    let trimmed = line.text.trim();
    // A list item's text is a suffix of the trimmed line.
    let item = list_item_text(trimmed).unwrap_or(trimmed);
    let skipped = (line.text.len() - line.text.trim_start().len()) + (trimmed.len() - item.len());
    let (lead, value) = clean(item);
    if value.is_empty() || value.starts_with('#') {
        return None;
    }
    Some((line.start + skipped + lead, value))
}

/// `s` without leading separators and surrounding emphasis or punctuation, with the number of
/// bytes dropped at the start.
fn clean(s: &str) -> (usize, &str) {
    let start = s.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '*' | '_' | '|')
    });
    let value = start.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '_' | '.' | ':' | '\u{200b}')
    });
    (s.len() - start.len(), value)
}

/// Whether two keys name the same publisher: one contains the other, or the words of one are
/// all words of the other ("Koch Rene" and "Rene Koch").
fn same_name(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (ja, jb) = (a.concat(), b.concat());
    ja.contains(&jb)
        || jb.contains(&ja)
        || a.iter().all(|w| b.contains(w))
        || b.iter().all(|w| a.contains(w))
}

/// A comparison key: the lowercase, ASCII-folded words of `s`, with links, parenthesised text
/// and legal forms removed (all words, if nothing else is left).
fn key(s: &str) -> Vec<String> {
    let mut plain = String::with_capacity(s.len());
    let mut depth = 0usize;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            'h' if depth == 0 && s_starts_url(&mut chars) => {
                // Skip the rest of the URL.
                while chars.next_if(|c| !c.is_whitespace() && *c != ')').is_some() {}
            }
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let words: Vec<String> =
        plain.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(fold).collect();
    let significant: Vec<String> = words
        .iter()
        .filter(|w| w.len() > 1 && !LEGAL_FORMS.contains(&w.as_str()))
        .cloned()
        .collect();
    if significant.is_empty() { words } else { significant }
}

/// Whether the characters after an `h` continue `ttp://` or `ttps://`.
fn s_starts_url(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> bool {
    let rest: String = chars.clone().take(7).collect();
    rest.starts_with("ttp://") || rest.starts_with("ttps://")
}

/// Lowercase with common Latin accents removed.
fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => out.push('a'),
            'ç' | 'č' | 'ć' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'ī' => out.push('i'),
            'ñ' | 'ń' | 'ň' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'š' | 'ś' => out.push('s'),
            'ž' | 'ź' | 'ż' => out.push('z'),
            'ł' => out.push('l'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};
    use serde_json::json;

    fn connector(readme: &str, publisher: &str) -> switchboard_model::Connector {
        Fixture::new()
            .set("readme.md", readme.as_bytes().to_vec())
            .properties(json!({"properties": {"publisher": publisher}}))
            .build()
    }

    #[test]
    fn same_publisher_in_other_words_passes() {
        assert!(check(&ReadmePublisherMismatch, &Fixture::new().build()).is_empty());
        for (readme, publisher) in [
            ("## Publisher: Reenhanced LLC\n", "Reenhanced, LLC"),
            ("## Publisher: Cornerstone OnDemand\n", "Cornerstone On Demand"),
            ("## Publisher: MOBSIM Comunicação Mobile SMS\n", "MOBSIM Comunicacao Mobile SMS"),
            ("## Publisher: LawVu (https://lawvu.com)\n", "LawVu Ltd"),
            ("## Publisher\n\n- Microsoft\n", "Microsoft Corporation"),
            ("## Publishers: Jane Doe, John Roe\n", "John Roe"),
            ("## Publisher: Rene Koch\n", "Koch, Rene"),
            ("## Publisher: [Acme](https://acme.io)\n", "Acme"),
            // The placeholder is RM009's finding.
            ("## Publisher: Publisher's Name\n", "Acme"),
        ] {
            let d = check(&ReadmePublisherMismatch, &connector(readme, publisher));
            assert!(d.is_empty(), "{readme} vs {publisher}: {d:?}");
        }
    }

    #[test]
    fn different_publisher_fails_at_the_readme_value() {
        let c = connector("# Geo\n\n## Publisher: HandyGeo Services\n", "HandyGeo Solutions");
        let d = check(&ReadmePublisherMismatch, &c);
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].location.line, d[0].location.column, d[0].location.end_column),
            (3, 15, 32)
        );
        assert_eq!(
            d[0].message,
            "readme.md names the publisher 'HandyGeo Services' but apiProperties.json has 'HandyGeo Solutions'"
        );
        assert_eq!(d[0].severity, Severity::Warning);
        let c = connector("## Publisher\n- Acme Corp\n", "Globex");
        let d = check(&ReadmePublisherMismatch, &c);
        assert_eq!((d.len(), d[0].location.line), (1, 2));
    }
}
