//! The `x-ms-*` extensions connectors use, and what a misspelt one was meant to be: one list
//! for the linter (BX010) and the Swagger 2.0 importer, which repairs misspellings.

/// The `x-ms-*` extensions connectors use (documented by Microsoft, or in wide use in
/// certified connectors and understood by the platform or its tooling).
pub const KNOWN: &[&str] = &[
    "x-ms-api-annotation",
    "x-ms-apihub-cached-response",
    "x-ms-async-operation-timeout",
    "x-ms-azure-resource",
    "x-ms-capabilities",
    "x-ms-client-name",
    "x-ms-connector-metadata",
    "x-ms-deployment-version",
    "x-ms-discriminator-value",
    "x-ms-dynamic-list",
    "x-ms-dynamic-properties",
    "x-ms-dynamic-schema",
    "x-ms-dynamic-tree",
    "x-ms-dynamic-values",
    "x-ms-editor",
    "x-ms-editor-options",
    "x-ms-enum",
    "x-ms-enum-values",
    "x-ms-examples",
    "x-ms-explicit-only",
    "x-ms-identifiers",
    "x-ms-keywords",
    "x-ms-long-running-operation",
    "x-ms-long-running-operation-options",
    "x-ms-media-kind",
    "x-ms-mutability",
    "x-ms-navigationProperty",
    "x-ms-no-generic-test",
    "x-ms-notification-content",
    "x-ms-notification-url",
    "x-ms-openai-data",
    "x-ms-openai-manifest",
    "x-ms-openai-published-to-copilots",
    "x-ms-pageable",
    "x-ms-parameter-location",
    "x-ms-parameterized-host",
    "x-ms-property-name-alias",
    "x-ms-require-user-confirmation",
    "x-ms-safe-operation",
    "x-ms-secret",
    "x-ms-skip-url-encoding",
    "x-ms-sort",
    "x-ms-summary",
    "x-ms-test-value",
    "x-ms-trigger",
    "x-ms-trigger-hint",
    "x-ms-trigger-metadata",
    "x-ms-url-encoding",
    "x-ms-visibility",
];

/// The known extension `key` is probably a misspelling of: within two edits of it
/// (case-insensitively), or it followed by stray text (`x-ms-summary title`).
pub fn misspelling_of(key: &str) -> Option<&'static str> {
    if !key.starts_with(['x', 'X']) || KNOWN.contains(&key) {
        return None;
    }
    let lower = key.to_ascii_lowercase();
    let close = KNOWN
        .iter()
        .filter(|k| k.len().abs_diff(key.len()) <= 2)
        .map(|k| (edit_distance(&lower, &k.to_ascii_lowercase()), *k))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k);
    close.or_else(|| {
        KNOWN
            .iter()
            .copied()
            .filter(|k| {
                lower
                    .strip_prefix(&k.to_ascii_lowercase())
                    .is_some_and(|rest| rest.starts_with([' ', '\t', '.', ':', '_']))
            })
            .max_by_key(|k| k.len())
    })
}

/// Levenshtein distance, for typo detection on short keys.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspellings_and_their_intent() {
        assert_eq!(misspelling_of("x-ms-visibilty"), Some("x-ms-visibility"));
        assert_eq!(misspelling_of("X-MS-Summary"), Some("x-ms-summary"));
        assert_eq!(misspelling_of("x-ms-summary title"), Some("x-ms-summary"));
        assert_eq!(misspelling_of("x-ms-summary"), None);
        assert_eq!(misspelling_of("x-nullable"), None);
        assert_eq!(edit_distance("abc", "abd"), 1);
    }
}
