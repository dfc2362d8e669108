//! What every template's configuration shares: the instance envelope
//! (`{templateId, title, parameters, type?}`), stages, scope, `existsAction`, and the scalar
//! forms the corpus writes as strings (`"true"`, `"401"`).
//!
//! Config structs list `x-ms-apimTemplate-operationName` and `x-ms-apimTemplate-policySection`
//! themselves rather than flattening a shared struct, because serde's `deny_unknown_fields`
//! does not work through `flatten`.

use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde_json::Value;

use super::{BuildError, Policy, Scope, Stage};

/// The parts of an instance every template reads.
pub(crate) struct Instance<'a> {
    /// Position in `policyTemplateInstances`.
    pub index: usize,
    /// `title` (empty when absent).
    pub title: String,
    /// The template id, lowercase.
    pub template_id: &'static str,
    /// The instance's `type` (`PollingTrigger`), when present.
    pub kind: Option<&'a str>,
    /// The `parameters` object (`{}` when absent).
    pub parameters: &'a Value,
}

impl Instance<'_> {
    /// An `InvalidParameters` error for this instance.
    pub fn invalid(&self, reason: impl Into<String>) -> BuildError {
        BuildError::InvalidParameters {
            index: self.index,
            title: self.title.clone(),
            template_id: self.template_id.to_string(),
            reason: reason.into(),
        }
    }

    /// Deserializes the parameters into the template's config and builds the policy.
    pub fn build<C, P>(
        &self,
        build: impl FnOnce(C, &str) -> Result<P, String>,
    ) -> Result<Box<dyn Policy>, BuildError>
    where
        C: DeserializeOwned,
        P: Policy + 'static,
    {
        if self.kind.is_some() && self.template_id != "pollingtrigger" {
            return Err(self.invalid("instance `type` is only used by pollingtrigger"));
        }
        let config = C::deserialize(self.parameters).map_err(|e| self.invalid(e.to_string()))?;
        let policy = build(config, &self.title).map_err(|e| self.invalid(e))?;
        Ok(Box::new(policy))
    }
}

/// The title, scope and stage of a built instance.
#[derive(Clone, Debug)]
pub(crate) struct Meta {
    /// The instance title.
    pub title: String,
    /// The operations it applies to.
    pub scope: Scope,
    /// When it runs.
    pub stage: Stage,
}

impl Meta {
    /// Validates the scope and stage of an instance: `section` must name one of `allowed`
    /// (exact case, as the schema's enum), else `default` applies.
    pub fn new(
        title: &str,
        operations: Vec<String>,
        section: Option<&str>,
        allowed: &[Stage],
        default: Stage,
    ) -> Result<Self, String> {
        if let Some(op) = operations.iter().find(|o| o.trim().is_empty()) {
            return Err(format!("empty operation id {op:?} in x-ms-apimTemplate-operationName"));
        }
        let stage = match section {
            None => default,
            Some(s) => {
                let stage = match s {
                    "Request" => Some(Stage::Request),
                    "Response" => Some(Stage::Response),
                    "Failure" => Some(Stage::Failure),
                    _ => None,
                };
                let Some(stage) = stage.filter(|st| allowed.contains(st)) else {
                    let names: Vec<&str> = allowed.iter().map(|s| stage_name(*s)).collect();
                    return Err(format!(
                        "x-ms-apimTemplate-policySection must be {}, found '{s}'",
                        names.join(" or ")
                    ));
                };
                stage
            }
        };
        Ok(Self { title: title.to_string(), scope: Scope(operations), stage })
    }
}

/// The name of a stage as written in `x-ms-apimTemplate-policySection`.
pub(crate) fn stage_name(stage: Stage) -> &'static str {
    match stage {
        Stage::Request => "Request",
        Stage::Response => "Response",
        Stage::Failure => "Failure",
    }
}

/// Implements the accessor methods of [`Policy`] for a struct with a `meta: Meta` field.
macro_rules! policy_meta {
    ($id:literal) => {
        fn template_id(&self) -> &'static str {
            $id
        }
        fn title(&self) -> &str {
            &self.meta.title
        }
        fn stage(&self) -> $crate::policies::Stage {
            self.meta.stage
        }
        fn scope(&self) -> &$crate::policies::Scope {
            &self.meta.scope
        }
    };
}
pub(crate) use policy_meta;

/// `existsAction` of `setheader` and `setqueryparameter`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExistsAction {
    /// Replace every existing value (or add one).
    #[default]
    Override,
    /// Keep an existing value; add only when absent.
    Skip,
    /// Add one more value.
    Append,
}

/// Requires a non-blank string parameter.
pub(crate) fn required(name: &str, value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        Err(format!("x-ms-apimTemplateParameter.{name} must not be empty"))
    } else {
        Ok(())
    }
}

/// Deserializes a flag written as a JSON boolean or as the string `"true"` / `"false"` (the
/// schema types these parameters as strings).
pub(crate) fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    struct V;
    impl Visitor<'_> for V {
        type Value = Option<bool>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("true or false (a boolean or the string \"true\" / \"false\")")
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            match v {
                "true" => Ok(Some(true)),
                "false" => Ok(Some(false)),
                _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
            }
        }
    }
    d.deserialize_any(V)
}

/// Deserializes an HTTP status written as an integer or as a numeric string.
pub(crate) fn status_code<'de, D: Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    struct V;
    impl Visitor<'_> for V {
        type Value = u16;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an HTTP status code from 100 to 599")
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<u16, E> {
            u16::try_from(v)
                .ok()
                .filter(|s| (100..=599).contains(s))
                .ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(v), &self))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<u16, E> {
            u64::try_from(v)
                .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
                .and_then(|v| self.visit_u64(v))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<u16, E> {
            v.trim()
                .parse::<u64>()
                .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
                .and_then(|n| self.visit_u64(n))
        }
    }
    d.deserialize_any(V)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct T {
        #[serde(default, deserialize_with = "flag")]
        f: Option<bool>,
        #[serde(default, deserialize_with = "status_code")]
        s: u16,
    }

    fn t(v: &Value) -> Result<T, String> {
        T::deserialize(v).map_err(|e| e.to_string())
    }

    #[test]
    fn flags_and_status_codes_accept_the_corpus_string_forms() {
        let ok = t(&serde_json::json!({"f": "false", "s": "401"})).unwrap();
        assert_eq!((ok.f, ok.s), (Some(false), 401));
        let ok = t(&serde_json::json!({"f": true, "s": 401})).unwrap();
        assert_eq!((ok.f, ok.s), (Some(true), 401));
        assert!(t(&serde_json::json!({"f": "yes"})).unwrap_err().contains("invalid value"));
        assert!(t(&serde_json::json!({"s": 4010})).unwrap_err().contains("100 to 599"));
        assert!(t(&serde_json::json!({"s": "x"})).is_err());
    }

    #[test]
    fn stages_are_checked_against_what_the_template_allows() {
        let both = [Stage::Request, Stage::Response];
        let m = Meta::new("t", vec![], Some("Response"), &both, Stage::Request).unwrap();
        assert_eq!(m.stage, Stage::Response);
        let m = Meta::new("t", vec![], None, &both, Stage::Request).unwrap();
        assert_eq!(m.stage, Stage::Request);
        let e = Meta::new("t", vec![], Some("request"), &both, Stage::Request).unwrap_err();
        assert_eq!(
            e,
            "x-ms-apimTemplate-policySection must be Request or Response, found 'request'"
        );
        let e = Meta::new("t", vec![], Some("Failure"), &both, Stage::Request).unwrap_err();
        assert!(e.contains("found 'Failure'"));
        assert!(Meta::new("t", vec![" ".into()], None, &both, Stage::Request).is_err());
    }
}
