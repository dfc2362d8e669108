use switchboard_model::Span;

use crate::{Check, Context, Levels, Severity, declare_rule};

/// Dataverse's `connector.openapidefinition` column: 500,000 characters.
const MAX_CHARS: usize = 500_000;

declare_rule! {
    /// ## What it does
    /// Checks that the text of `apiDefinition.swagger.json` is at most 500,000 characters
    /// (counted as .NET counts a string's length: UTF-16 code units).
    ///
    /// ## Why it matters
    /// Dataverse stores the definition in the `connector.openapidefinition` column, which holds
    /// 500,000 characters ("exceeded the maximum allowed length of '500000'"). A longer
    /// definition cannot be made solution-aware, which blocks the solution-based certification
    /// package, even though the 1 MB import limit (SW004) is met.
    ///
    /// ## Example
    /// An `apiDefinition.swagger.json` of 600,000 characters.
    ///
    /// ## Fix
    /// Remove unused definitions (BX001), shared parameters and responses (BX002, BX003),
    /// indentation beyond two spaces, and repeated long descriptions.
    pub SwaggerTooLong {
        code: "SW005",
        name: "swagger-too-long",
        group: Info,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for SwaggerTooLong {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(file) = cx.connector().swagger.as_ref() else { return };
        let bytes = file.file.source.bytes();
        // A character is at least one byte: most files are ruled out without counting.
        if bytes.len() <= MAX_CHARS {
            return;
        }
        let chars = utf16_len(bytes);
        if chars > MAX_CHARS {
            cx.report_swagger(
                Span::at(0),
                format!(
                    "The definition has {chars} characters, more than the {MAX_CHARS} Dataverse \
                     stores: it cannot be added to a solution"
                ),
            )
            .set_help("remove unused definitions (BX001) and repeated long descriptions");
        }
    }
}

/// UTF-16 code units of UTF-8 text: one per sequence start, two for four-byte sequences.
fn utf16_len(bytes: &[u8]) -> usize {
    // Every byte but a continuation byte starts a character; a 4-byte sequence (lead byte
    // 0xF0 or above) is two UTF-16 units. Counted per chunk in `u8` lanes, which vectorises:
    // a `usize` sum per byte is four times slower on the corpus's megabyte-sized files.
    bytes
        .chunks(255)
        .map(|chunk| {
            let (mut starts, mut wide) = (0u8, 0u8);
            for &b in chunk {
                starts += u8::from(b & 0xC0 != 0x80);
                wide += u8::from(b >= 0xF0);
            }
            usize::from(starts) + usize::from(wide)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    /// The base definition with a description padded to about `len` bytes of `fill`.
    fn with_description(fill: &str, count: usize) -> switchboard_model::Connector {
        let mut doc = crate::test_support::base_swagger();
        doc["info"]["description"] = serde_json::Value::String(fill.repeat(count));
        Fixture::new()
            .set("apiDefinition.swagger.json", serde_json::to_vec(&doc).unwrap_or_default())
            .build()
    }

    #[test]
    fn utf16_units_are_counted() {
        assert_eq!(utf16_len("aé✓🎉".as_bytes()), 1 + 1 + 1 + 2);
        // Across the 255-byte chunks: the same as counting with `str::encode_utf16`.
        let long = "aé✓🎉x".repeat(500);
        assert_eq!(utf16_len(long.as_bytes()), long.encode_utf16().count());
    }

    #[test]
    fn short_definitions_pass_even_when_multibyte() {
        assert!(check(&SwaggerTooLong, &Fixture::new().build()).is_empty());
        // 900,000 bytes but 300,000 characters.
        assert!(check(&SwaggerTooLong, &with_description("✓", 300_000)).is_empty());
    }

    #[test]
    fn long_definitions_fail() {
        let d = check(&SwaggerTooLong, &with_description("a", 500_001));
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].location.line, d[0].location.column), (1, 1));
        assert_eq!(d[0].severity, Severity::Warning);
        assert!(d[0].message.contains("more than the 500000"), "{}", d[0].message);
    }
}
