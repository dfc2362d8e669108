//! `sqlx::migrate!` embeds the migration folders at compile time; without this, editing a
//! migration would not rebuild the crate on stable Rust.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
