//! Operation summaries and operationIds from request names.

/// The longest summary written (SW067 warns past 80 characters).
const MAX_SUMMARY: usize = 80;
/// The longest operationId written (SW065 warns past 64 characters).
const MAX_OPERATION_ID: usize = 64;

/// Drops a leading outline number such as `0.1:`, `3.0.0 -` or `2)`, which collections use to
/// order requests but which reads badly as an action name.
fn strip_numbering(name: &str) -> &str {
    let trimmed = name.trim_start();
    let digits_end = trimmed
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(trimmed.len(), |(i, _)| i);
    let (number, rest) = trimmed.split_at(digits_end);
    if number.is_empty() || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return name;
    }
    let rest_trimmed = rest.trim_start_matches([':', ')', '-']);
    let marked = number.contains('.') || rest_trimmed.len() < rest.len();
    let followed_by_space = rest_trimmed.starts_with(char::is_whitespace);
    let remainder = rest_trimmed.trim_start();
    if marked && followed_by_space && !remainder.is_empty() { remainder } else { name }
}

/// A summary from a request name: letters, digits, spaces and parentheses only (the
/// characters SW069/SW071 accept), at most 80 characters, starting with a capital and
/// ending with a letter, digit or `)`. Falls back to `method path`.
pub(crate) fn summary(name: &str, method: &str, path: &str) -> String {
    let name = strip_numbering(name);
    // A name that is only a path (`/todos/:id`) is shared by the requests of every method
    // on it: the method tells them apart.
    let named_by_path = name.trim_start().starts_with('/');
    let cleaned = if named_by_path {
        clean(&format!("{} {name}", capitalize(&method.to_ascii_lowercase())))
    } else {
        clean(name)
    };
    let text = if cleaned.chars().any(char::is_alphanumeric) {
        cleaned
    } else {
        clean(&format!(
            "{} {}",
            capitalize(&method.to_ascii_lowercase()),
            path.replace(['{', '}'], " ")
        ))
    };
    let mut out = String::new();
    for word in text.split(' ') {
        let extra = usize::from(!out.is_empty()) + word.chars().count();
        if out.chars().count() + extra > MAX_SUMMARY {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    let out = out.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == ')'));
    capitalize(out)
}

fn clean(text: &str) -> String {
    let replaced: String = text
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '(' || c == ')' { c } else { ' ' })
        .collect();
    replaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A PascalCase operationId (ASCII letters and digits, starting with a letter, at most 64
/// characters) from a summary; falls back to `method path`. Not yet unique.
pub(crate) fn operation_id(summary: &str, method: &str, path: &str) -> String {
    let id = pascal(summary);
    if id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return id;
    }
    let fallback = pascal(&format!("{method} {path}"));
    if id.is_empty() { fallback } else { truncate(&format!("Op{id}")) }
}

fn pascal(text: &str) -> String {
    let mut id = String::new();
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        let all_caps = word.len() > 1 && word.chars().all(|c| c.is_ascii_uppercase());
        let mut chars = word.chars();
        let mut w = String::new();
        if let Some(first) = chars.next() {
            w.push(first.to_ascii_uppercase());
            let rest: String = chars.collect();
            w.push_str(&if all_caps { rest.to_ascii_lowercase() } else { rest });
        }
        if id.len() + w.len() > MAX_OPERATION_ID {
            break;
        }
        id.push_str(&w);
    }
    id
}

fn truncate(id: &str) -> String {
    id.chars().take(MAX_OPERATION_ID).collect()
}

/// Makes a summary unique among `taken` (compared case-insensitively; BX011 reports actions
/// that share one): first by naming the method, then by numbering; records it.
pub(crate) fn unique_summary(summary: &str, method: &str, taken: &mut Vec<String>) -> String {
    let free = |candidate: &str, taken: &[String]| {
        !taken.iter().any(|t| t.eq_ignore_ascii_case(candidate))
    };
    let mut candidate = summary.to_string();
    let verb = capitalize(&method.to_ascii_lowercase());
    let starts_with_verb = summary.split(' ').next().is_some_and(|w| w.eq_ignore_ascii_case(&verb));
    if !free(&candidate, taken) && !starts_with_verb {
        let with_verb = format!("{verb} {}", lowercase_first(summary));
        if with_verb.chars().count() <= MAX_SUMMARY {
            candidate = with_verb;
        }
    }
    let base = candidate.clone();
    let mut n = 2;
    while !free(&candidate, taken) {
        let suffix = format!(" ({n})");
        let stem: String = base.chars().take(MAX_SUMMARY - suffix.len()).collect();
        candidate = format!("{}{suffix}", stem.trim_end());
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

/// Lowercases the first letter unless the first word is an acronym (`API`, `URL`).
fn lowercase_first(text: &str) -> String {
    let first = text.split(' ').next().unwrap_or_default();
    if first.chars().filter(char::is_ascii_uppercase).count() > 1 {
        return text.to_string();
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Makes `id` unique among `taken` (compared case-insensitively, as SW062 does) by
/// appending a number, and records it.
pub(crate) fn unique(id: &str, taken: &mut Vec<String>) -> String {
    let free = |candidate: &str, taken: &[String]| {
        !taken.iter().any(|t| t.eq_ignore_ascii_case(candidate))
    };
    let mut candidate = id.to_string();
    let mut n = 2;
    while !free(&candidate, taken) {
        let suffix = n.to_string();
        let stem: String = id.chars().take(MAX_OPERATION_ID - suffix.len()).collect();
        candidate = format!("{stem}{suffix}");
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_lose_numbering_and_restricted_characters() {
        assert_eq!(
            summary("0.1: List Financial Institutions", "get", "/"),
            "List Financial Institutions"
        );
        assert_eq!(summary("GET /borderless-accounts", "get", "/"), "GET borderless accounts");
        assert_eq!(
            summary("Get the available datasets.", "get", "/"),
            "Get the available datasets"
        );
        assert_eq!(
            summary("create folder \"Postman F1\"", "post", "/"),
            "Create folder Postman F1"
        );
        assert_eq!(summary("", "get", "/todos/{id}"), "Get todos id");
        assert_eq!(summary("2FA setup", "get", "/"), "2FA setup");
        assert_eq!(summary("/todos/:id", "put", "/todos/{id}"), "Put todos id");
        assert!(summary(&"word ".repeat(40), "get", "/").len() <= 80);
    }

    #[test]
    fn operation_ids_are_pascal_case_and_unique() {
        assert_eq!(operation_id("GET borderless accounts", "get", "/"), "GetBorderlessAccounts");
        assert_eq!(operation_id("2FA setup", "get", "/"), "Op2FASetup");
        assert_eq!(operation_id("", "get", "/todos/{id}"), "GetTodosId");
        let mut summaries = Vec::new();
        assert_eq!(unique_summary("Webinar", "get", &mut summaries), "Webinar");
        assert_eq!(unique_summary("Webinar", "delete", &mut summaries), "Delete webinar");
        assert_eq!(
            unique_summary("Delete webinar", "delete", &mut summaries),
            "Delete webinar (2)"
        );
        let mut taken = Vec::new();
        assert_eq!(unique("ListItems", &mut taken), "ListItems");
        assert_eq!(unique("Listitems", &mut taken), "Listitems2");
    }
}
