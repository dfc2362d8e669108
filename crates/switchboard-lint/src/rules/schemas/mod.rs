//! Schemas and `$ref` (catalog §2.6, SW130–SW155).

mod array_without_items;
pub(crate) mod common;
mod dictionary_editor_invalid;
mod discriminator_or_file_type_invalid;
mod enum_empty_or_duplicate;
mod enum_value_type_mismatch;
mod enum_values_extension_invalid;
mod filter_functions_invalid;
pub(crate) mod keys;
mod openapi3_schema_keyword;
mod recursive_definition;
mod ref_alias_entry;
mod ref_not_found;
mod ref_not_valid;
mod ref_sibling_keys;
mod required_array_empty;
mod required_on_non_object;
mod required_property_undefined;
mod required_read_only_input;
mod schema_constraint_invalid;
mod schema_count_exceeded;
mod schema_too_deep;
mod string_binary_nested;
mod unrecognized_type_format;

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[
    &ref_not_found::RefNotFound,
    &ref_not_valid::RefNotValid,
    &ref_sibling_keys::RefSiblingKeys,
    &ref_alias_entry::RefAliasEntry,
    &recursive_definition::RecursiveDefinition,
    &array_without_items::ArrayWithoutItems,
    &required_array_empty::RequiredArrayEmpty,
    &required_property_undefined::RequiredPropertyUndefined,
    &required_on_non_object::RequiredOnNonObject,
    &enum_empty_or_duplicate::EnumEmptyOrDuplicate,
    &enum_values_extension_invalid::EnumValuesExtensionInvalid,
    &enum_value_type_mismatch::EnumValueTypeMismatch,
    &unrecognized_type_format::UnrecognizedTypeFormat,
    &openapi3_schema_keyword::Openapi3SchemaKeyword,
    &schema_constraint_invalid::SchemaConstraintInvalid,
    &schema_count_exceeded::SchemaCountExceeded,
    &schema_too_deep::SchemaTooDeep,
    &string_binary_nested::StringBinaryNested,
    &required_read_only_input::RequiredReadOnlyInput,
    &discriminator_or_file_type_invalid::DiscriminatorOrFileTypeInvalid,
    &dictionary_editor_invalid::DictionaryEditorInvalid,
    &filter_functions_invalid::FilterFunctionsInvalid,
];
