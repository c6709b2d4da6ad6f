//! `cchc completions SHELL` (tab completion for bash, zsh, fish and PowerShell, from
//! clap_complete) and the hidden `cchc man` (the manual page in roff, from clap_mangen;
//! `scripts/dist.sh` ships it as `cchc.1`). Both describe the command line as parsed.

use super::Exit;

/// A shell to complete in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

/// `cchc completions bash|zsh|fish|powershell`
#[derive(Debug, clap::Args)]
#[command(
    after_help = "bash: cchc completions bash > ~/.local/share/bash-completion/completions/cchc\n\
PowerShell: cchc completions powershell | Out-String | Invoke-Expression (thêm vào $PROFILE / add it to $PROFILE)"
)]
pub struct CompletionArgs {
    /// Shell.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Prints the completion script for `command` (the whole command line).
pub fn completions(args: &CompletionArgs, mut command: clap::Command) -> Exit {
    use clap_complete::Shell as S;
    let shell = match args.shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Powershell => S::PowerShell,
    };
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "cchc", &mut out);
    write(&out)
}

/// Prints the manual page (roff) of `command` (the whole command line).
pub fn man(command: clap::Command) -> Exit {
    let mut out = Vec::new();
    match clap_mangen::Man::new(command).render(&mut out) {
        Ok(()) => write(&out),
        Err(e) => {
            eprintln!("{e}");
            Exit::Output
        }
    }
}

fn write(bytes: &[u8]) -> Exit {
    match super::write_stdout(bytes) {
        Ok(()) => Exit::Ok,
        Err(_) => Exit::Output,
    }
}
