use switchboard_model::Span;

use crate::{Check, Context, Levels, Severity, declare_rule};

/// The import limit on the definition: 1 MB.
const MAX_BYTES: usize = 1_048_576;

declare_rule! {
    /// ## What it does
    /// Checks that `apiDefinition.swagger.json` is at most 1 MB (1,048,576 bytes): an error when
    /// certifying, a warning while authoring.
    ///
    /// ## Why it matters
    /// "Swagger files shouldn't be greater than 1 MB": a larger definition is refused on import
    /// ("must be less than 1 MB"), so the connector cannot be created or updated at all.
    ///
    /// ## Example
    /// An `apiDefinition.swagger.json` of 1,104,994 bytes.
    ///
    /// ## Fix
    /// Remove unused definitions (BX001), shared parameters and responses (BX002, BX003), move
    /// repeated schemas into `#/definitions`, shorten long descriptions, or split the API into
    /// two connectors.
    pub SwaggerTooLarge {
        code: "SW004",
        name: "swagger-too-large",
        group: Info,
        levels: Levels::cert_else(Severity::Error, Severity::Warning),
    }
}

impl Check for SwaggerTooLarge {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(file) = cx.connector().swagger.as_ref() else { return };
        let size = file.file.source.bytes().len();
        if size > MAX_BYTES {
            cx.report_swagger(
                Span::at(0),
                format!(
                    "Swagger files shouldn't be greater than 1 MB: this one has {size} bytes \
                     (limit {MAX_BYTES})"
                ),
            )
            .set_help("remove unused definitions (BX001) or split the API into two connectors");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{Fixture, check, check_with};

    /// The base definition padded with spaces to `len` bytes (JSON allows trailing spaces).
    fn padded(len: usize) -> switchboard_model::Connector {
        let mut bytes =
            serde_json::to_vec(&crate::test_support::base_swagger()).unwrap_or_default();
        bytes.resize(len, b' ');
        Fixture::new().set("apiDefinition.swagger.json", bytes).build()
    }

    #[test]
    fn one_megabyte_passes() {
        assert!(check(&SwaggerTooLarge, &Fixture::new().build()).is_empty());
        assert!(check(&SwaggerTooLarge, &padded(MAX_BYTES)).is_empty());
    }

    #[test]
    fn larger_fails_at_the_start_of_the_file() {
        let c = padded(MAX_BYTES + 1);
        let d = check(&SwaggerTooLarge, &c);
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].location.line, d[0].location.column), (1, 1));
        assert!(d[0].message.contains("1048577 bytes"), "{}", d[0].message);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(
            check_with(&SwaggerTooLarge, &c, Profile::Default)[0].severity,
            Severity::Warning
        );
    }
}
