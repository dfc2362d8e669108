//! Package rules (catalog §1): which files a connector folder holds.

mod extra_files;
mod independent_publisher_icon;
mod properties_missing;
mod readme_missing;
mod script_operations_mismatch;
mod swagger_file_name_case;
mod swagger_missing;

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[
    &swagger_missing::SwaggerMissing,
    &swagger_file_name_case::SwaggerFileNameCase,
    &properties_missing::PropertiesMissing,
    &readme_missing::ReadmeMissing,
    &script_operations_mismatch::ScriptOperationsMismatch,
    &independent_publisher_icon::IndependentPublisherIcon,
    &extra_files::ExtraFiles,
];
