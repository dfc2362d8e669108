//! JSON well-formedness of the connector's JSON files (catalog §1): JS for the swagger, JP for
//! apiProperties.json, ST for settings.json; SCH for conformance to the JSON schemas of the
//! PowerPlatformConnectors repository.

mod properties_byte_order_mark;
mod properties_duplicate_key;
mod properties_invalid_utf8;
mod properties_root_not_object;
mod properties_schema_violation;
mod properties_strict_json;
mod properties_tab_indentation;
mod properties_trailing_whitespace;
mod schema_check;
mod settings_invalid_json;
mod swagger_byte_order_mark;
mod swagger_duplicate_key;
mod swagger_invalid_utf8;
mod swagger_root_not_object;
mod swagger_schema_violation;
mod swagger_strict_json;
mod swagger_tab_indentation;
mod swagger_trailing_whitespace;
mod syntax;

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[
    &properties_strict_json::PropertiesStrictJson,
    &properties_invalid_utf8::PropertiesInvalidUtf8,
    &properties_byte_order_mark::PropertiesByteOrderMark,
    &properties_duplicate_key::PropertiesDuplicateKey,
    &properties_root_not_object::PropertiesRootNotObject,
    &properties_tab_indentation::PropertiesTabIndentation,
    &properties_trailing_whitespace::PropertiesTrailingWhitespace,
    &swagger_strict_json::SwaggerStrictJson,
    &swagger_invalid_utf8::SwaggerInvalidUtf8,
    &swagger_byte_order_mark::SwaggerByteOrderMark,
    &swagger_duplicate_key::SwaggerDuplicateKey,
    &swagger_root_not_object::SwaggerRootNotObject,
    &swagger_tab_indentation::SwaggerTabIndentation,
    &swagger_trailing_whitespace::SwaggerTrailingWhitespace,
    &settings_invalid_json::SettingsInvalidJson,
    &swagger_schema_violation::SwaggerSchemaViolation,
    &properties_schema_violation::PropertiesSchemaViolation,
];
