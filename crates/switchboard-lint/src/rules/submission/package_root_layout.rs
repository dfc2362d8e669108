use switchboard_model::connector::Entry;

use super::common::report_outer;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// For a certification package, checks the root of the outer zip: no folders (a folder
    /// wrapping everything, `__MACOSX/`, any other), exactly one `*.md` file (intro.md) and
    /// exactly one `*.zip` file (the package zip).
    ///
    /// ## Why it matters
    /// Partner Center looks for intro.md and the package zip at the root (policy 5000.1.1.2,
    /// 5000.1.1.5, 5000.1.1.11); Microsoft's package validator stops with "The provided zip
    /// file should not contain any folder inside …" or "The provided zip file should contain
    /// both intro.md and package zip file …".
    ///
    /// ## Example
    /// `submission.zip` holding `Contoso/intro.md` and `Contoso/Contoso.pdpkg.zip` (the folder
    /// was zipped instead of its files), or holding the package zip without intro.md.
    ///
    /// ## Fix
    /// Select intro.md and the package zip themselves and zip those two files.
    pub PackageRootLayout {
        code: "PZ002",
        name: "package-root-layout",
        group: Submission,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for PackageRootLayout {
    fn check(&self, cx: &mut Context<'_>) {
        if cx.submission().is_none() {
            return;
        }
        let c = cx.connector();
        let outer = c.path().display().to_string();
        let prefix = c.nested_root.as_ref().map(|r| format!("{r}/")).unwrap_or_default();
        let usable = |e: &&Entry| !e.escapes_root();
        let mut folders: Vec<String> = c
            .entries
            .iter()
            .filter(usable)
            .filter_map(|e| {
                let (first, rest) = e.path.split_once('/')?;
                (e.is_dir || !rest.is_empty()).then(|| format!("{first}/"))
            })
            .collect();
        if !prefix.is_empty() {
            // Inside the wrapping folder, its own sub-folders count too.
            folders.extend(c.entries.iter().filter(usable).filter_map(|e| {
                let rest = e.path.strip_prefix(&prefix)?;
                let (first, more) = rest.split_once('/')?;
                (e.is_dir || !more.is_empty()).then(|| format!("{prefix}{first}/"))
            }));
        }
        folders.sort();
        folders.dedup();
        for folder in &folders {
            cx.report_file(
                folder,
                format!(
                    "The provided zip file should not contain any folder inside '{outer}': remove the folder '{folder}'"
                ),
            )
            .set_help(if Some(folder) == Some(&prefix) {
                "the package's files sit in a folder: zip intro.md and the package zip themselves"
            } else {
                "the outer zip holds intro.md and the package zip, nothing else"
            });
        }

        let root: Vec<&str> = c
            .entries
            .iter()
            .filter(|e| !e.is_dir && !e.escapes_root())
            .filter_map(|e| e.path.strip_prefix(&prefix))
            .filter(|r| !r.is_empty() && !r.contains('/'))
            .collect();
        let ends = |name: &str, ext: &str| {
            name.len() > ext.len()
                && name.get(name.len() - ext.len()..).is_some_and(|t| t.eq_ignore_ascii_case(ext))
        };
        let md: Vec<&str> = root.iter().copied().filter(|n| ends(n, ".md")).collect();
        let zips: Vec<&str> = root.iter().copied().filter(|n| ends(n, ".zip")).collect();
        let missing = match (md.is_empty(), zips.is_empty()) {
            (true, true) => Some("the intro.md file and the package zip file are missing"),
            (true, false) => Some("the intro.md file is missing"),
            (false, true) => Some("the package zip file is missing"),
            (false, false) => None,
        };
        if let Some(missing) = missing {
            report_outer(
                cx,
                format!(
                    "The provided zip file should contain both intro.md and package zip file in '{outer}': {missing}"
                ),
            )
            .set_help("add the missing file at the root of the outer zip");
        }
        for (found, what) in [(&md, "intro.md (*.md)"), (&zips, "package zip (*.zip)")] {
            if found.len() > 1 {
                let list = super::common::quoted_list(found);
                report_outer(
                    cx,
                    format!(
                        "The provided zip file should contain exactly one {what} file in '{outer}', found {}: {list}",
                        found.len()
                    ),
                )
                .set_help("keep only intro.md and the one package zip at the root");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::check;
    use crate::test_support::package::{Node, PKG, PackageFixture};

    #[test]
    fn a_good_package_passes() {
        assert!(check(&PackageRootLayout, &PackageFixture::new().build()).is_empty());
    }

    #[test]
    fn missing_intro_and_extra_zip_fail() {
        let mut f = PackageFixture::new();
        f.remove("intro.md").put("old.zip", Node::Zip(Vec::new()));
        let d = check(&PackageRootLayout, &f.build());
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "The provided zip file should contain both intro.md and package zip file in 'package.zip': the intro.md file is missing",
                "The provided zip file should contain exactly one package zip (*.zip) file in 'package.zip', found 2: 'Taskforge.pdpkg.zip', 'old.zip'",
            ]
        );
        assert!(d.iter().all(|d| &*d.location.file == "package.zip"));
        assert_eq!(d[0].severity, Severity::Error);
    }

    #[test]
    fn folders_fail_at_the_folder() {
        let mut f = PackageFixture::new();
        f.set("__MACOSX/._intro.md", b"x".to_vec());
        let d = check(&PackageRootLayout, &f.build());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&*d[0].location.file, "package.zip!/__MACOSX/");

        // A zipped folder: the package is still found, inside it.
        let wrapped = crate::test_support::package::write_zip(&vec![
            ("Taskforge/intro.md".into(), Node::File(b"# T".to_vec())),
            (format!("Taskforge/{PKG}"), Node::Zip(Vec::new())),
        ]);
        let c = switchboard_model::Connector::load_zip_bytes("package.zip", wrapped).expect("zip");
        let d = check(&PackageRootLayout, &c);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&*d[0].location.file, "package.zip!/Taskforge/");
        assert_eq!(
            d[0].message,
            "The provided zip file should not contain any folder inside 'package.zip': remove the folder 'Taskforge/'"
        );
    }
}
