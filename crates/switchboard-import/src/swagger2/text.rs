//! Names and display texts: PascalCase operationIds, humanised labels, summaries that pass the
//! certification rules (SW066–SW071: at most 80 characters, none of `/ \ < > * % & ?`, ending
//! with a letter, a digit or `)`).

/// Longest operation summary the certification rules accept.
pub const MAX_SUMMARY: usize = 80;
/// Longest operationId the validator accepts without a warning (SW065).
pub const MAX_OPERATION_ID: usize = 64;

/// Words acronyms are written in capitals in labels.
const ACRONYMS: &[&str] = &[
    "id", "ids", "url", "uri", "api", "http", "https", "uuid", "ip", "sms", "json", "xml", "csv",
    "pdf", "html", "sku", "vat", "iban", "bic", "qr", "utc", "iso", "os",
];

/// Splits an identifier or phrase into words: at non-alphanumeric characters, at lower→upper
/// case changes (`listPets`), before the last capital of an acronym run (`HTTPServer`), and
/// between letters and digits only when a letter follows a digit run (`v2Items`).
pub fn words(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(&prev) = cur.chars().last().as_ref() {
            let next = chars.get(i + 1).copied();
            let boundary = (prev.is_lowercase() && c.is_uppercase())
                || (prev.is_uppercase()
                    && c.is_uppercase()
                    && next.is_some_and(char::is_lowercase)
                    && cur.chars().count() > 1)
                || (prev.is_ascii_digit()
                    && c.is_alphabetic()
                    && cur.chars().all(|x| x.is_ascii_digit()));
            if boundary {
                out.push(std::mem::take(&mut cur));
            }
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// A PascalCase identifier of ASCII letters and digits (`list-data-sets` → `ListDataSets`,
/// `find pet by id` → `FindPetById`), at most 64 characters; `None` when nothing is left.
pub fn pascal_case(s: &str) -> Option<String> {
    let mut out = String::new();
    for w in words(s) {
        let ascii: String = w.chars().filter(char::is_ascii_alphanumeric).collect();
        out.push_str(&capitalise(&ascii));
    }
    if out.is_empty() {
        return None;
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "Op");
    }
    out.truncate(MAX_OPERATION_ID);
    Some(out)
}

/// A label in Title Case from an identifier (`page_size` → `Page Size`, `userId` → `User ID`).
pub fn title_label(name: &str) -> String {
    let label = words(name)
        .iter()
        .map(|w| {
            if ACRONYMS.contains(&w.to_lowercase().as_str()) {
                w.to_uppercase()
            } else {
                capitalise(w)
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    if label.is_empty() { name.trim().to_string() } else { label }
}

/// A sentence-case phrase from an identifier (`findPetsByTag` → `Find pets by tag`).
pub fn sentence_label(name: &str) -> String {
    let ws = words(name);
    let mut out = Vec::with_capacity(ws.len());
    for (i, w) in ws.iter().enumerate() {
        let lower = w.to_lowercase();
        out.push(if ACRONYMS.contains(&lower.as_str()) {
            w.to_uppercase()
        } else if i == 0 {
            capitalise(&lower)
        } else if w.chars().skip(1).any(char::is_uppercase) {
            w.clone() // an acronym or brand as written (`OAuth`, `SMS`)
        } else {
            lower
        });
    }
    out.join(" ")
}

/// The first sentence of a text (up to `. `, a blank line or a line break).
pub fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    let mut end = text.len();
    if let Some(i) = text.find(". ") {
        end = end.min(i);
    }
    if let Some(i) = text.find('\n') {
        end = end.min(i);
    }
    text[..end].trim()
}

/// Replaces typographic characters by their ASCII equivalents (the certification rules want
/// English ASCII text: SW180).
pub fn ascii_punctuation(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{00A0}' | '\u{2009}' | '\u{202F}' => ' ',
            c => c,
        })
        .collect()
}

/// A summary that passes SW067–SW071, from any text: Markdown links and URLs removed,
/// `&` spelled "and", restricted characters dropped, whitespace collapsed, cut at a word
/// boundary to 80 characters, and trailing punctuation removed. `None` when nothing is left.
pub fn clean_summary(text: &str) -> Option<String> {
    let text = ascii_punctuation(&strip_markdown_links(text));
    let mut out = String::with_capacity(text.len());
    for token in text.split_whitespace() {
        let lower = token.to_ascii_lowercase();
        if lower.contains("://") || lower.starts_with("www.") {
            continue;
        }
        let token: String = token
            .chars()
            .map(|c| match c {
                '/' | '\\' | '<' | '>' | '*' | '?' | '`' | '|' | '#' | '_' | '%' => ' ',
                c => c,
            })
            .collect();
        let token = token.replace('&', " and ");
        for part in token.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(part);
        }
    }
    if out.chars().count() > MAX_SUMMARY {
        let cut: String = out.chars().take(MAX_SUMMARY + 1).collect();
        out = match cut.rfind(' ') {
            Some(i) if i > MAX_SUMMARY / 2 => cut[..i].to_string(),
            _ => cut.chars().take(MAX_SUMMARY).collect(),
        };
    }
    let trimmed = trim_end_to_alphanumeric(&out);
    // An unbalanced `(` left by a cut reads oddly and ends badly; drop the bracket.
    let trimmed = if trimmed.matches('(').count() > trimmed.matches(')').count() {
        trim_end_to_alphanumeric(&trimmed.replace('(', ""))
    } else {
        trimmed
    };
    (!trimmed.is_empty()).then_some(trimmed)
}

/// Removes trailing characters until the text ends with a letter, a digit or `)`.
fn trim_end_to_alphanumeric(s: &str) -> String {
    s.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == ')')).trim_end().to_string()
}

/// `[text](url)` → `text`.
fn strip_markdown_links(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        if let Some(close) = after.find("](")
            && let Some(end) = after[close + 2..].find(')')
        {
            out.push_str(&rest[..open]);
            out.push_str(&after[..close]);
            rest = &after[close + 2 + end + 1..];
        } else {
            out.push_str(&rest[..=open]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert_eq!(pascal_case("list-data-sets").as_deref(), Some("ListDataSets"));
        assert_eq!(pascal_case("find pet by id").as_deref(), Some("FindPetById"));
        assert_eq!(pascal_case("deletePetBy\"Id").as_deref(), Some("DeletePetById"));
        assert_eq!(pascal_case("listPets").as_deref(), Some("ListPets"));
        assert_eq!(pascal_case("HTTPServer_get").as_deref(), Some("HTTPServerGet"));
        assert_eq!(pascal_case("2fa").as_deref(), Some("Op2Fa"));
        assert_eq!(pascal_case("--"), None);
    }

    #[test]
    fn labels() {
        assert_eq!(title_label("page_size"), "Page Size");
        assert_eq!(title_label("userId"), "User ID");
        assert_eq!(title_label("X-Request-Id"), "X Request ID");
        assert_eq!(sentence_label("findPetsByTag"), "Find pets by tag");
        assert_eq!(sentence_label("getOAuthToken"), "Get OAuth token");
    }

    #[test]
    fn summaries() {
        assert_eq!(
            clean_summary("Full API documentation: https://www.twilio.com/docs/lookup").as_deref(),
            Some("Full API documentation")
        );
        assert_eq!(
            clean_summary("Create/update a [task](https://x.io) & notify?").as_deref(),
            Some("Create update a task and notify")
        );
        assert_eq!(clean_summary("Returns 50% of items.").as_deref(), Some("Returns 50 of items"));
        let long = "word ".repeat(30);
        let s = clean_summary(&long).unwrap();
        assert!(s.len() <= MAX_SUMMARY && s.ends_with("word"), "{s}");
        assert_eq!(clean_summary("???"), None);
        assert_eq!(clean_summary("Get items (beta"), Some("Get items beta".into()));
    }

    #[test]
    fn sentences() {
        assert_eq!(first_sentence("Returns pets. More text."), "Returns pets");
        assert_eq!(first_sentence("One line\nsecond"), "One line");
    }
}
