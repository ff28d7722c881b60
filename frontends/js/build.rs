fn main() {
    // The generated parser goes to OUT_DIR, never into src/.
    lalrpop::Configuration::new()
        .emit_rerun_directives(true)
        .process_current_dir()
        .expect("lalrpop failed to generate the JavaScript parser");
}
