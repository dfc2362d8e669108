use super::syntax::{Which, check_root_object};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the top-level value of `apiProperties.json` is an object.
    ///
    /// ## Why it matters
    /// apiProperties.json is an object with a `properties` member; an array or string at the top means the wrong file was
    /// saved under this name.
    ///
    /// ## Example
    /// ```json
    /// [ { "swagger": "2.0" } ]
    /// ```
    ///
    /// ## Fix
    /// Replace the file with the connector's Swagger 2.0 object.
    pub PropertiesRootNotObject {
        code: "JP005",
        name: "properties-root-not-object",
        group: Json,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for PropertiesRootNotObject {
    fn check(&self, cx: &mut Context<'_>) {
        check_root_object(cx, Which::Properties);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    #[test]
    fn object_passes() {
        assert!(check(&PropertiesRootNotObject, &Fixture::new().build()).is_empty());
    }

    #[test]
    fn array_fails() {
        let c = Fixture::new().set("apiProperties.json", b"[1]".to_vec()).build();
        let d = check(&PropertiesRootNotObject, &c);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("an array"));
    }
}
