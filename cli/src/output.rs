//! Standard output. Every command writes through here, so that a write error is a failure
//! like any other (exit 2, "cannot write to standard output: …"; `step > /dev/full` must not
//! look like success), while a reader that went away (`tracelab rules | head -1`) ends the
//! command quietly with status 0, as Unix tools do.

use crate::load::Failure;
use std::io::Write;

/// Writes formatted text to standard output and flushes it.
pub fn write(args: std::fmt::Arguments<'_>) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_fmt(args)
        .and_then(|()| out.flush())
        .map_err(failure)
}

/// What a failed write to standard output means for the command.
pub fn failure(error: std::io::Error) -> Failure {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        Failure::closed_pipe()
    } else {
        Failure::plain(format!("cannot write to standard output: {error}"))
    }
}

/// `print!` that returns a [`Failure`] instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::output::write(format_args!($($arg)*))
    };
}

/// `println!` that returns a [`Failure`] instead of panicking.
macro_rules! outln {
    () => {
        $crate::output::write(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::output::write(format_args!("{}\n", format_args!($($arg)*)))
    };
}

pub(crate) use {out, outln};
