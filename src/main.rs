fn main() -> std::process::ExitCode {
    faq::run(std::env::args_os()).into()
}
