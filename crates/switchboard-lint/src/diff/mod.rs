//! Changes between two versions of a connector, classified as breaking, additive or
//! cosmetic (catalog §9).
//!
//! [`diff`] loads nothing itself: give it two [`Connector`](switchboard_model::Connector)s.
//! Operations are matched by operationId (an operation whose id changed while its method and
//! path stayed is *renamed*, BC026); parameters by name and location (the body by location);
//! body and response properties by value path, following `$ref`s with cycle detection. Each
//! change kind lives in its own file with its documentation (`switchboard rule BC001` prints
//! it), its metadata ([`declare_change!`]) and its detection; this module is the registry.
//!
//! | code | name | class |
//! |---|---|---|
//! | BC001 | operation-removed | breaking |
//! | BC002 | operation-hidden | breaking |
//! | BC003 | path-template-changed | breaking |
//! | BC004 | method-changed | breaking |
//! | BC005 | input-location-changed | breaking |
//! | BC006 | required-input-added | breaking |
//! | BC007 | input-became-required | breaking |
//! | BC008 | input-removed | breaking |
//! | BC009 | input-type-changed | breaking |
//! | BC010 | input-format-changed | breaking |
//! | BC011 | input-hidden | breaking |
//! | BC012 | input-enum-value-removed | breaking |
//! | BC013 | output-removed | breaking |
//! | BC014 | output-type-changed | breaking |
//! | BC015 | output-format-changed | breaking |
//! | BC016 | output-schema-removed | breaking |
//! | BC017 | trigger-kind-changed | breaking |
//! | BC018 | auth-type-changed | breaking (error) |
//! | BC019 | host-changed | breaking |
//! | BC020 | connection-parameter-removed | breaking |
//! | BC021 | connection-parameter-type-changed | breaking |
//! | BC022 | identity-provider-changed | breaking |
//! | BC023 | operation-deprecated | cosmetic |
//! | BC024 | input-default-changed | cosmetic |
//! | BC026 | operation-id-changed | breaking |
//! | BC030 | operation-added | additive |
//! | BC031 | optional-input-added | additive |
//! | BC032 | output-added | additive |
//! | BC033 | input-became-optional | additive |
//! | BC034 | input-enum-value-added | additive |
//! | BC035 | connection-parameter-added | additive |
//! | BC040 | summary-changed | cosmetic |
//! | BC041 | description-changed | cosmetic |
//! | BC042 | visibility-stricter | cosmetic |
//! | BC043 | visibility-relaxed | cosmetic |
//! | BC044 | connector-info-changed | cosmetic |
//! | BC100 | update-classification | (summary: minor or major update) |
//!
//! BC025 (tier becomes Premium) is not detected: the tier is not part of the connector files.

mod engine;
mod fields;
mod meta;
mod side;
pub mod update;

mod auth_type_changed;
mod connection_parameter_added;
mod connection_parameter_removed;
mod connection_parameter_type_changed;
mod connector_info_changed;
mod description_changed;
mod host_changed;
mod identity_provider_changed;
mod input_became_optional;
mod input_became_required;
mod input_default_changed;
mod input_enum_value_added;
mod input_enum_value_removed;
mod input_format_changed;
mod input_hidden;
mod input_location_changed;
mod input_removed;
mod input_type_changed;
mod method_changed;
mod operation_added;
mod operation_deprecated;
mod operation_hidden;
mod operation_id_changed;
mod operation_removed;
mod optional_input_added;
mod output_added;
mod output_format_changed;
mod output_removed;
mod output_schema_removed;
mod output_type_changed;
mod path_template_changed;
mod required_input_added;
mod summary_changed;
mod trigger_kind_changed;
mod visibility_relaxed;
mod visibility_stricter;

#[cfg(test)]
mod test_support;

use std::sync::LazyLock;

pub use engine::{Change, Diff, DiffReport, OpPair, Sink, diff, diff_with};
pub use fields::{Field, FieldPair};
pub use meta::{Class, KindMeta};
pub use side::{OpEntry, Side};
pub use update::{Update, UpdateClass};

/// Metadata of a change-kind type; implemented by [`declare_change!`].
pub trait DeclaredKind {
    /// The metadata.
    fn meta() -> &'static KindMeta;
}

/// The detection of a change-kind type.
pub trait Detect {
    /// Reports every change of this kind between the two versions of `d` into `out`.
    fn detect(&self, d: &Diff<'_>, out: &mut Sink);
}

/// A change kind: metadata plus detection.
pub trait ChangeKind: Send + Sync + 'static {
    /// The metadata.
    fn meta(&self) -> &'static KindMeta;
    /// Reports every change of this kind.
    fn detect(&self, d: &Diff<'_>, out: &mut Sink);
}

impl<T: DeclaredKind + Detect + Send + Sync + 'static> ChangeKind for T {
    fn meta(&self) -> &'static KindMeta {
        T::meta()
    }

    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        Detect::detect(self, d, out);
    }
}

/// Why two versions could not be compared.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    /// The connector has no definition file.
    #[error("{path}: no apiDefinition.swagger.json to compare")]
    NoDefinition {
        /// The connector's path.
        path: String,
    },
    /// The definition is not JSON the parser could read to the end.
    #[error("{file}:{line}:{column}: cannot compare, the definition does not parse: {message}")]
    Unparsable {
        /// The file.
        file: String,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        column: u32,
        /// What the parser found.
        message: String,
    },
}

/// Every change kind, sorted by code.
pub fn all() -> &'static [&'static dyn ChangeKind] {
    static ALL: LazyLock<Vec<&'static dyn ChangeKind>> = LazyLock::new(|| {
        let mut kinds: Vec<&'static dyn ChangeKind> = vec![
            &operation_removed::OperationRemoved,
            &operation_hidden::OperationHidden,
            &path_template_changed::PathTemplateChanged,
            &method_changed::MethodChanged,
            &input_location_changed::InputLocationChanged,
            &required_input_added::RequiredInputAdded,
            &input_became_required::InputBecameRequired,
            &input_removed::InputRemoved,
            &input_type_changed::InputTypeChanged,
            &input_format_changed::InputFormatChanged,
            &input_hidden::InputHidden,
            &input_enum_value_removed::InputEnumValueRemoved,
            &output_removed::OutputRemoved,
            &output_type_changed::OutputTypeChanged,
            &output_format_changed::OutputFormatChanged,
            &output_schema_removed::OutputSchemaRemoved,
            &trigger_kind_changed::TriggerKindChanged,
            &auth_type_changed::AuthTypeChanged,
            &host_changed::HostChanged,
            &connection_parameter_removed::ConnectionParameterRemoved,
            &connection_parameter_type_changed::ConnectionParameterTypeChanged,
            &identity_provider_changed::IdentityProviderChanged,
            &operation_deprecated::OperationDeprecated,
            &input_default_changed::InputDefaultChanged,
            &operation_id_changed::OperationIdChanged,
            &operation_added::OperationAdded,
            &optional_input_added::OptionalInputAdded,
            &output_added::OutputAdded,
            &input_became_optional::InputBecameOptional,
            &input_enum_value_added::InputEnumValueAdded,
            &connection_parameter_added::ConnectionParameterAdded,
            &summary_changed::SummaryChanged,
            &description_changed::DescriptionChanged,
            &visibility_stricter::VisibilityStricter,
            &visibility_relaxed::VisibilityRelaxed,
            &connector_info_changed::ConnectorInfoChanged,
        ];
        kinds.sort_by_key(|k| k.meta().code);
        kinds
    });
    &ALL
}

/// Looks a change kind up by code (case-insensitive) or kebab name; BC100 (the update
/// classification) included.
pub fn find_kind(code_or_name: &str) -> Option<&'static KindMeta> {
    let update = <update::UpdateClassification as DeclaredKind>::meta();
    all()
        .iter()
        .map(|k| k.meta())
        .chain([update])
        .find(|m| m.code.eq_ignore_ascii_case(code_or_name) || m.name == code_or_name)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::{all, find_kind};

    #[test]
    fn codes_and_names_are_unique_and_documented() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for kind in all() {
            let m = kind.meta();
            assert!(codes.insert(m.code), "duplicate code {}", m.code);
            assert!(names.insert(m.name), "duplicate name {}", m.name);
            assert!(crate::find_rule(m.code).is_none(), "{} is also a lint rule", m.code);
            let docs = m.docs();
            for section in ["## What it detects", "## Why it matters", "## Example", "## Fix"] {
                assert!(docs.contains(section), "{} docs lack `{section}`", m.code);
            }
        }
        assert_eq!(find_kind("bc100").map(|m| m.name), Some("update-classification"));
        assert_eq!(find_kind("operation-removed").map(|m| m.code), Some("BC001"));
    }
}
