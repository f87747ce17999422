use clap::CommandFactory;

#[derive(clap::Args)]
pub struct CompletionsArgs {
    /// The shell.
    shell: clap_complete::Shell,
}

pub fn run<C: CommandFactory>(args: CompletionsArgs) -> u8 {
    let mut cmd = C::command();
    clap_complete::generate(args.shell, &mut cmd, "kubeward", &mut std::io::stdout());
    crate::exit::CLEAN
}
