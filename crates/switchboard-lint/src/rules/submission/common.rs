//! Helpers shared by the submission rules.

use switchboard_diagnostics::{Diagnostic, Location};
use switchboard_model::connector::package::{NestedZip, Package, Solution};

use crate::Context;

/// Reports a finding about the outer archive as a whole.
pub(crate) fn report_outer<'c>(cx: &'c mut Context<'_>, message: String) -> &'c mut Diagnostic {
    let outer = cx.connector().path().display().to_string();
    cx.report_at(Location::file(outer), message)
}

/// The solutions whose zip could be read.
pub(crate) fn readable(p: &Package) -> impl Iterator<Item = &Solution> {
    p.solutions.iter().filter(|s| s.zip.error.is_none())
}

/// The folders at the root of `zip` as an extracting tool creates them: from folder entries
/// and file paths, operating-system debris (`__MACOSX/`) included, names escaping the archive
/// excluded. Sorted, each once.
pub(crate) fn extracted_folders(zip: &NestedZip) -> Vec<&str> {
    let mut out: Vec<&str> = zip
        .entries
        .iter()
        .filter(|e| !e.escapes_root())
        .filter_map(|e| {
            let (first, rest) = e.path.split_once('/')?;
            (!first.is_empty() && (e.is_dir || !rest.is_empty())).then_some(first)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The package zip and its one folder (`PkgAssets`, as `PkgAssets/`), when the package zip was
/// read and holds exactly one folder (PZ003 reports otherwise).
pub(crate) fn assets_folder(p: &Package) -> Option<(&NestedZip, String)> {
    let zip = p.package_zip.as_ref().filter(|z| z.error.is_none())?;
    match extracted_folders(zip).as_slice() {
        [one] => Some((zip, format!("{one}/"))),
        _ => None,
    }
}

/// `'a', 'b' and 3 more`.
pub(crate) fn quoted_list(items: &[&str]) -> String {
    let shown: Vec<String> = items.iter().take(5).map(|i| format!("'{i}'")).collect();
    let more =
        if items.len() > 5 { format!(" and {} more", items.len() - 5) } else { String::new() };
    format!("{}{more}", shown.join(", "))
}
