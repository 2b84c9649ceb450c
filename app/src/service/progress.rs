//! How a long import says how far it is: the command line shows a progress bar on a
//! terminal and plain lines otherwise; tests and the server pass [`Quiet`].

/// Told as an import goes.
pub trait Progress: Sync {
    /// The import starts `total` steps of `what` ("patterns", "items").
    fn start(&self, total: usize, what: &str);
    /// One step is done; `step` names it.
    fn step(&self, step: &str);
    /// The work is done (or stopped).
    fn finish(&self);
}

/// Says nothing.
pub struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: usize, _: &str) {}
    fn step(&self, _: &str) {}
    fn finish(&self) {}
}
