//! Password hashing with argon2id at OWASP's parameters (m = 19 MiB, t = 2, p = 1), run
//! on the blocking pool with a bound on how many run at once and on how many may wait:
//! beyond that the request is refused at once (503) instead of queueing without end.
//! The 19 MiB of working memory is allocated once per concurrent hash and reused: left to
//! the allocator, each blocking thread kept its own freed copies and the server's memory
//! grew with every sign-in (`make soak`).

use std::sync::{Arc, Mutex, OnceLock};

use argon2::password_hash::{Output, PasswordHash, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::Semaphore;

use crate::contract::AppError;

/// At most this many hashes are computed at once (each takes ~19 MiB and ~30 ms).
const CONCURRENT_HASHES: usize = 4;
/// At most this many hashes may be running or waiting; more are refused.
pub const QUEUED_HASHES: usize = 64;

/// A bounded queue of blocking work: at most `running` jobs at once, at most `places`
/// running or waiting; a job beyond that is refused at once.
struct WorkQueue {
    running: Arc<Semaphore>,
    places: Arc<Semaphore>,
}

impl WorkQueue {
    fn new(running: usize, places: usize) -> Self {
        Self {
            running: Arc::new(Semaphore::new(running)),
            places: Arc::new(Semaphore::new(places)),
        }
    }

    /// Runs `work` on the blocking pool, or refuses it with 503 when the queue is full.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        let Ok(_place) = self.places.clone().try_acquire_owned() else {
            tracing::warn!(event = "hashing_queue_full", "security");
            return Err(AppError::Busy(
                "the server is busy checking passwords; try again in a moment".into(),
            ));
        };
        let _permit = self
            .running
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| AppError::Internal)?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|_| AppError::Internal)?
    }
}

/// The process's one queue of password hashing.
fn hashing() -> &'static WorkQueue {
    static QUEUE: OnceLock<WorkQueue> = OnceLock::new();
    QUEUE.get_or_init(|| WorkQueue::new(CONCURRENT_HASHES, QUEUED_HASHES))
}

fn hasher() -> Result<Argon2<'static>, AppError> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|e| {
        tracing::error!(error = %e, "argon2 parameters");
        AppError::Internal
    })?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// The PHC prefix of the hashes made here.
const PREFIX: &str = "$argon2id$v=19$m=19456,t=2,p=1$";

/// Working memory for argon2, kept between hashes (at most one per concurrent hash).
fn spare_blocks() -> &'static Mutex<Vec<Vec<Block>>> {
    static SPARE: OnceLock<Mutex<Vec<Vec<Block>>>> = OnceLock::new();
    SPARE.get_or_init(|| Mutex::new(Vec::new()))
}

/// argon2id of `password` with `salt`, in reused working memory.
fn derive(password: &[u8], salt: &[u8]) -> Result<[u8; 32], AppError> {
    let argon = hasher()?;
    let count = argon.params().block_count();
    let mut blocks = spare_blocks()
        .lock()
        .ok()
        .and_then(|mut spare| spare.pop())
        .filter(|b| b.len() == count)
        .unwrap_or_else(|| vec![Block::default(); count]);
    let mut out = [0u8; 32];
    let result = argon.hash_password_into_with_memory(password, salt, &mut out, &mut blocks[..]);
    if let Ok(mut spare) = spare_blocks().lock() {
        spare.push(blocks);
    }
    result.map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        AppError::Internal
    })?;
    Ok(out)
}

/// Hashes a password (PHC string with its salt and parameters).
pub async fn hash(password: String) -> Result<String, AppError> {
    hashing()
        .run(move || {
            let mut salt = [0u8; 16];
            getrandom::fill(&mut salt).map_err(|_| AppError::Internal)?;
            let salt_text = SaltString::encode_b64(&salt).map_err(|_| AppError::Internal)?;
            let out = derive(password.as_bytes(), &salt)?;
            let out = Output::new(&out).map_err(|_| AppError::Internal)?;
            Ok(format!("{PREFIX}{}${out}", salt_text.as_str()))
        })
        .await
}

/// Whether `password` matches `stored`, a hash made with this module's parameters
/// (`None` for a hash of other parameters, checked the standard way instead).
fn matches_ours(password: &str, stored: &PasswordHash<'_>) -> Option<bool> {
    let ours = stored.algorithm.as_str() == "argon2id"
        && stored.version == Some(19)
        && stored.params.get_decimal("m") == Some(19 * 1024)
        && stored.params.get_decimal("t") == Some(2)
        && stored.params.get_decimal("p") == Some(1);
    let expected = stored.hash?;
    if !ours || expected.len() != 32 {
        return None;
    }
    let mut buf = [0u8; 64];
    let salt = stored.salt?.decode_b64(&mut buf).ok()?;
    let computed = Output::new(&derive(password.as_bytes(), salt).ok()?).ok()?;
    Some(computed == expected)
}

/// A valid hash of a password nobody knows: checked when an email is unknown, so that an
/// unknown email takes as long to refuse as a wrong password.
fn decoy() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$5m8WSyLnAfo0dQ9l/mVP1oR7C5o1hrBBjRqvmVmTK0Y"
}

/// Whether `password` matches `stored` (or, with no stored hash, takes the same time and
/// says no). A stored value starting with `!` means no password is set (an imported
/// account): nothing matches it.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    let stored = stored.filter(|hash| !hash.starts_with('!'));
    hashing()
        .run(move || {
            let known = stored.is_some();
            let stored = stored.unwrap_or_else(|| decoy().to_owned());
            let Ok(parsed) = PasswordHash::new(&stored) else {
                tracing::error!("a stored password hash cannot be read");
                return Ok(false);
            };
            let matches = match matches_ours(&password, &parsed) {
                Some(matches) => matches,
                None => hasher()?
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok(),
            };
            Ok(known && matches)
        })
        .await
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Hashes made here are standard argon2id PHC strings: the library's own verifier
    /// accepts them, and hashes made by the library verify here.
    #[tokio::test]
    async fn hashes_are_standard_argon2id() {
        use argon2::password_hash::PasswordHasher;
        let ours = hash("a standard password".into()).await.unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(
            hasher()
                .unwrap()
                .verify_password(b"a standard password", &parsed)
                .is_ok()
        );
        let salt = SaltString::encode_b64(b"0123456789abcdef").unwrap();
        let theirs = hasher()
            .unwrap()
            .hash_password(b"their password", &salt)
            .unwrap()
            .to_string();
        assert!(
            verify("their password".into(), Some(theirs.clone()))
                .await
                .unwrap()
        );
        assert!(!verify("not theirs".into(), Some(theirs)).await.unwrap());
    }

    #[tokio::test]
    async fn hashes_verify_and_differ() {
        let a = hash("correct horse battery".into()).await.unwrap();
        let b = hash("correct horse battery".into()).await.unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b, "salts must differ");
        assert!(
            verify("correct horse battery".into(), Some(a.clone()))
                .await
                .unwrap()
        );
        assert!(!verify("wrong horse battery".into(), Some(a)).await.unwrap());
        assert!(!verify("anything at all".into(), None).await.unwrap());
        assert!(PasswordHash::new(decoy()).is_ok());
    }

    /// A full queue refuses at once with 503 ("busy"), and takes work again when a place
    /// frees up.
    #[tokio::test]
    async fn a_full_hashing_queue_answers_busy() {
        let queue = Arc::new(WorkQueue::new(1, 2));
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let hold = Arc::new(std::sync::Mutex::new(hold));
        // Two jobs take the two places: one runs (and waits to be released), one waits.
        let mut jobs = Vec::new();
        for _ in 0..2 {
            let (queue, hold) = (queue.clone(), hold.clone());
            jobs.push(tokio::spawn(async move {
                queue
                    .run(move || {
                        let _ = hold.lock().map(|h| h.recv());
                        Ok(())
                    })
                    .await
            }));
        }
        while queue.places.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let refused = queue.run(|| Ok(())).await.unwrap_err();
        assert!(matches!(refused, AppError::Busy(_)), "{refused:?}");
        assert_eq!(refused.status(), 503);
        release.send(()).unwrap();
        release.send(()).unwrap();
        for job in jobs {
            job.await.unwrap().unwrap();
        }
        queue.run(|| Ok(())).await.unwrap();
    }

    /// An unknown email must cost the same argon2 work as a wrong password, or response
    /// times would tell which emails have accounts. The bounds are wide: this checks that
    /// both paths hash, not how fast.
    #[tokio::test]
    async fn unknown_accounts_take_as_long_as_wrong_passwords() {
        let stored = hash("the real password".into()).await.unwrap();
        let median = |mut v: Vec<std::time::Duration>| {
            v.sort();
            v[v.len() / 2]
        };
        let (mut known, mut unknown) = (Vec::new(), Vec::new());
        for _ in 0..7 {
            let start = std::time::Instant::now();
            verify("a wrong password".into(), Some(stored.clone()))
                .await
                .unwrap();
            known.push(start.elapsed());
            let start = std::time::Instant::now();
            verify("a wrong password".into(), None).await.unwrap();
            unknown.push(start.elapsed());
        }
        let (known, unknown) = (median(known), median(unknown));
        let ratio = unknown.as_secs_f64() / known.as_secs_f64();
        assert!(
            (0.33..3.0).contains(&ratio),
            "unknown {unknown:?} vs wrong password {known:?}"
        );
    }
}
