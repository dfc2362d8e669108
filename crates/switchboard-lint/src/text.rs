//! Checks on the human text of a connector (titles, summaries, descriptions, URLs) shared by
//! several rules.

/// Power Platform product names a connector's own strings must not use, as normalised word
/// sequences (lowercase, spaces removed): matched against single words and word pairs.
pub const PRODUCT_NAMES: &[(&str, &str)] = &[
    ("powerapps", "Power Apps"),
    ("powerautomate", "Power Automate"),
    ("logicapps", "Logic Apps"),
    ("logicapp", "Logic Apps"),
    ("powerplatform", "Power Platform"),
    ("copilotstudio", "Copilot Studio"),
    ("microsoftflow", "Microsoft Flow"),
    ("powervirtualagents", "Power Virtual Agents"),
];

/// Lowercase alphanumeric words of `s`.
pub fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `s` contains `word` as a whole word, case-insensitively.
pub fn has_word(s: &str, word: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric()).any(|w| w.eq_ignore_ascii_case(word))
}

/// The first Power Platform product name in `s`, in its official spelling.
pub fn product_name(s: &str) -> Option<&'static str> {
    // Every product name starts with one of these words: skip the word split for the vast
    // majority of strings that contain none of them.
    const FIRST_WORDS: &[&[u8]] = &[b"power", b"logic", b"copilot", b"microsoft"];
    let bytes = s.as_bytes();
    // Candidates by a byte search for the first letter in either case.
    let mentions = FIRST_WORDS.iter().any(|w| {
        memchr::memchr2_iter(w[0], w[0].to_ascii_uppercase(), bytes)
            .any(|i| bytes.get(i..i + w.len()).is_some_and(|x| x.eq_ignore_ascii_case(w)))
    });
    if !mentions {
        return None;
    }
    let w = words(s);
    for i in 0..w.len() {
        let mut joined = String::new();
        for word in w.iter().skip(i).take(3) {
            joined.push_str(word);
            if let Some((_, name)) = PRODUCT_NAMES.iter().find(|(n, _)| *n == joined) {
                return Some(name);
            }
        }
    }
    None
}

/// Whether the last character is a letter or digit.
pub fn ends_alphanumeric(s: &str) -> bool {
    s.chars().last().is_some_and(char::is_alphanumeric)
}

/// The first non-ASCII character, if any.
pub fn first_non_ascii(s: &str) -> Option<char> {
    // A byte search (non-ASCII characters start with a byte >= 0x80), rather than decoding
    // every character: most text is ASCII.
    let at = s.bytes().position(|b| !b.is_ascii())?;
    s[at..].chars().next()
}

/// Whether `s` is an absolute `http(s)://host…` URL with a plausible host.
pub fn is_absolute_http_url(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")) else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or_default();
    let host = host.split(':').next().unwrap_or_default();
    !host.is_empty()
        && host.contains('.')
        && host.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-')
        && !s.contains(char::is_whitespace)
}

/// Whether `s` is a syntactically valid ASCII e-mail address (`local@domain.tld`).
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    let local_ok = !local.is_empty()
        && local.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c))
        && !local.starts_with('.')
        && !local.ends_with('.');
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    local_ok && domain_ok
}

pub use switchboard_model::swagger::extensions::edit_distance;

/// Counts characters as the platform does for length limits (Unicode scalar values).
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_names_match_normalised_words() {
        assert_eq!(product_name("Send to Power Automate flows"), Some("Power Automate"));
        assert_eq!(product_name("PowerApps helper"), Some("Power Apps"));
        assert_eq!(product_name("Use with logic-apps"), Some("Logic Apps"));
        assert_eq!(product_name("Powerful automation"), None);
        assert_eq!(product_name("Microsoft Flow"), Some("Microsoft Flow"));
    }

    #[test]
    fn urls_and_emails() {
        assert!(is_absolute_http_url("https://www.example.org/privacy"));
        assert!(!is_absolute_http_url("www.example.org"));
        assert!(!is_absolute_http_url("https://"));
        assert!(is_email("support@taskforge.io"));
        assert!(!is_email("support@taskforge"));
        assert!(!is_email("support at taskforge.io"));
        assert!(!is_email("süpport@taskforge.io"));
    }

    #[test]
    fn words_and_distance() {
        assert!(has_word("My API connector", "api"));
        assert!(!has_word("Rapid", "api"));
        assert_eq!(edit_distance("x-ms-visibilty", "x-ms-visibility"), 1);
        assert_eq!(edit_distance("abc", "abc"), 0);
    }
}
