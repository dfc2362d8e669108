//! The Partner Center certification package (catalog §8.2, PZ001–PZ013): the outer zip, the
//! package zip, its `PkgAssets/` folder and the Dataverse solution zips in it.
//!
//! PZ014 is not a rule: see [`NOT_CHECKED`].

pub(crate) mod common;
mod connector_copies_differ;
mod connector_folder_files;
mod custom_properties_missing;
mod package_assets_folder;
mod package_content;
mod package_root_layout;
mod package_solution_count;
mod package_unreadable;
mod solution_classification;
mod solution_component_folders;
mod solution_managed;
mod solution_manifest_files;
mod workflow_file_missing;

use crate::Rule;

/// Catalog ids of this section that no rule checks, with the reason.
pub const NOT_CHECKED: &[(&str, &str)] = &[(
    "PZ014",
    "the SAS URI of the package given to Partner Center must stay valid for at least 4 days (15 in Microsoft's checklist): the URI is typed into Partner Center and appears nowhere in the package, so it cannot be checked offline",
)];

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[
    &package_unreadable::PackageUnreadable,
    &package_root_layout::PackageRootLayout,
    &package_assets_folder::PackageAssetsFolder,
    &package_solution_count::PackageSolutionCount,
    &solution_manifest_files::SolutionManifestFiles,
    &solution_component_folders::SolutionComponentFolders,
    &solution_classification::SolutionClassification,
    &workflow_file_missing::WorkflowFileMissing,
    &connector_folder_files::ConnectorFolderFiles,
    &solution_managed::SolutionManaged,
    &connector_copies_differ::ConnectorCopiesDiffer,
    &custom_properties_missing::CustomPropertiesMissing,
    &package_content::PackageContent,
];
