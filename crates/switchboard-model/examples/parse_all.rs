//! Parses every JSON file under a folder and prints the issues found: a quick way to see what
//! the lenient parser makes of real files. `cargo run --release --example parse_all -- DIR`
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "../shared/corpus/powerplatform".into());
    let start = Instant::now();
    let (mut files, mut bytes) = (0, 0);
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        if entry.path().extension().is_none_or(|e| e != "json") {
            continue;
        }
        let Ok(data) = std::fs::read(entry.path()) else { continue };
        files += 1;
        bytes += data.len();
        let file =
            switchboard_model::json::JsonFile::parse(entry.path().display().to_string(), data);
        for issue in &file.parsed.issues {
            let lc = file.source.line_column(issue.span.start);
            println!(
                "{}:{}:{}: {}{}",
                file.source.name(),
                lc.line,
                lc.column,
                if issue.is_fatal() { "FATAL " } else { "" },
                issue.message()
            );
        }
    }
    eprintln!("{files} files, {bytes} bytes in {:?}", start.elapsed());
}
