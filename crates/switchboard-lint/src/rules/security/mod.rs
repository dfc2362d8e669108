//! Security definitions (catalog §2.8, SW170–SW174).

mod common;
mod multiple_security_definitions;
mod security_definition_properties;
mod security_requirement_undefined;
mod security_requirement_value;
mod security_type_unsupported;

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[
    &multiple_security_definitions::MultipleSecurityDefinitions,
    &security_definition_properties::SecurityDefinitionProperties,
    &security_requirement_undefined::SecurityRequirementUndefined,
    &security_requirement_value::SecurityRequirementValue,
    &security_type_unsupported::SecurityTypeUnsupported,
];
