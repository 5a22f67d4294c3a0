//! One build at a time per output directory, and nothing left behind by one that died.
//!
//! A build takes an advisory lock on `.<out>.lock`, a file beside the output, and writes
//! its pid into it, so a second build into the same output (`serve` and `build`, say)
//! stops at once with a message naming the holder instead of racing it to the swap. The
//! lock is released by the kernel when the process ends, however it ends.
//!
//! Holding the lock, a build removes what builds killed mid-way left beside the output:
//! `.<out>.staging-<pid>` and `.<out>.old-<pid>` of processes that no longer run.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result, WriteError, fs};

/// Held for the whole build; dropping it releases the lock (the file stays, empty of
/// meaning: removing it could let two builds lock two different files of the same name).
#[derive(Debug)]
pub struct OutputLock {
    _file: File,
}

impl OutputLock {
    /// Locks `out` against other builds, or says which process holds it. Then tidies up
    /// after dead builds of the same output.
    pub fn acquire(out: &Path) -> Result<OutputLock> {
        Self::acquire_within(out, OWN_PID_PATIENCE)
    }

    /// [`Self::acquire`], waiting up to `patience` while the lock is recorded as this very
    /// process's. A lock is held by an open file, and a child process being started (a
    /// test spawning the CLI, say) holds a copy of every open file from its fork to its
    /// exec: a lock this process has just released can still be held for that moment.
    /// Another process's lock is refused at once.
    fn acquire_within(out: &Path, patience: Duration) -> Result<OutputLock> {
        let (parent, name) = parent_and_name(out);
        fs::create_dir_all(&parent)?;
        let path = parent.join(format!(".{name}.lock"));
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) => {
                    let holder = holder_of(&mut file);
                    let own = holder == Some(std::process::id());
                    if !own || started.elapsed() >= patience {
                        return Err(WriteError::Locked {
                            out: out.to_owned(),
                            lock: path.clone(),
                            holder,
                        }
                        .into());
                    }
                    std::thread::sleep(HOLDER_WAIT);
                }
                Err(TryLockError::Error(e)) => return Err(Error::io(&path, e)),
            }
        }
        record_pid(&mut file).map_err(|e| Error::io(&path, e))?;
        remove_dead_builds(&parent, &name, out)?;
        Ok(OutputLock { _file: file })
    }
}

/// How long [`OutputLock::acquire`] waits for a lock recorded under its own pid to be let
/// go: far longer than a fork-to-exec, even on a loaded machine.
const OWN_PID_PATIENCE: Duration = Duration::from_secs(2);

/// The directory holding `out` and `out`'s name, as the staging directory is named.
pub(super) fn parent_and_name(out: &Path) -> (PathBuf, String) {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        Some(_) => PathBuf::from("."),
        None => PathBuf::from("/"),
    };
    let name = out
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("dist")
        .to_owned();
    (parent, name)
}

/// Overwrites the pid in place, then cuts what is left of a longer one: the file is never
/// empty on the way, so a build that loses the race has something to read.
fn record_pid(file: &mut File) -> std::io::Result<()> {
    let text = format!("{}\n", std::process::id());
    file.rewind()?;
    file.write_all(text.as_bytes())?;
    file.set_len(text.len() as u64)?;
    file.flush()
}

/// The running process that holds the lock. The holder writes its pid just after
/// locking, so a build that loses by a hair may find none yet, or the previous holder's
/// (no longer running): it looks again, briefly. `None` if nothing better turns up.
fn holder_of(file: &mut File) -> Option<u32> {
    for _ in 0..HOLDER_TRIES {
        if let Some(pid) = read_pid(file).filter(|pid| is_running(*pid)) {
            return Some(pid);
        }
        std::thread::sleep(HOLDER_WAIT);
    }
    None
}

const HOLDER_TRIES: usize = 50;
const HOLDER_WAIT: Duration = Duration::from_millis(4);

fn read_pid(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.take(32).read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

/// What a build of `out` leaves beside it while it runs, by the pid of its process.
enum Leftover {
    Staging(u32),
    Old(u32),
}

fn leftover(entry_name: &str, name: &str) -> Option<Leftover> {
    let rest = entry_name.strip_prefix('.')?.strip_prefix(name)?;
    if let Some(pid) = rest.strip_prefix(".staging-") {
        return pid.parse().ok().map(Leftover::Staging);
    }
    rest.strip_prefix(".old-")?.parse().ok().map(Leftover::Old)
}

/// Removes the staging and old trees of builds of `out` whose process is gone. A build
/// killed between the two renames of a swap leaves no output and the previous one as
/// `.old-<pid>`: that one is put back first, so the output is whole again.
fn remove_dead_builds(parent: &Path, name: &str, out: &Path) -> Result<()> {
    let entries = std::fs::read_dir(parent).map_err(|e| Error::io(parent, e))?;
    let own = std::process::id();
    let mut dead = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(parent, e))?;
        let Some(found) = entry.file_name().to_str().and_then(|n| leftover(n, name)) else {
            continue;
        };
        let pid = match found {
            Leftover::Staging(pid) | Leftover::Old(pid) => pid,
        };
        if pid != own && !is_running(pid) {
            dead.push((found, entry.path()));
        }
    }
    for (found, path) in dead {
        if matches!(found, Leftover::Old(_)) && !out.exists() {
            std::fs::rename(&path, out).map_err(|e| Error::io(out, e))?;
            continue;
        }
        std::fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

/// Whether process `pid` may still be running. Only Linux's /proc gives a cheap, sure
/// answer; elsewhere every process counts as running, so nothing of a live build is
/// ever removed (its litter then stays, as before).
pub fn is_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if cfg!(target_os = "linux") && proc.join("self").exists() {
        proc.join(pid.to_string()).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pid that is surely not running: above Linux's pid_max limit (2^22).
    const DEAD: u32 = 4_194_305;

    #[test]
    fn leftovers_of_dead_builds_are_removed_and_live_ones_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        std::fs::create_dir_all(out.join("a")).unwrap();
        let dead_staging = tmp.path().join(format!(".dist.staging-{DEAD}"));
        let dead_old = tmp.path().join(format!(".dist.old-{DEAD}"));
        // pid 1 always runs.
        let live = tmp.path().join(".dist.staging-1");
        let other_out = tmp.path().join(format!(".public.staging-{DEAD}"));
        for dir in [&dead_staging, &dead_old, &live, &other_out] {
            std::fs::create_dir_all(dir.join("x")).unwrap();
        }
        let lock = OutputLock::acquire(&out).unwrap();
        assert!(!dead_staging.exists());
        assert!(!dead_old.exists());
        assert!(
            live.exists(),
            "a running process's staging directory was removed"
        );
        assert!(other_out.exists(), "another output's staging was touched");
        assert!(out.join("a").is_dir());
        drop(lock);
    }

    #[test]
    fn an_output_lost_mid_swap_is_put_back() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        let old = tmp.path().join(format!(".dist.old-{DEAD}"));
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("index.html"), "previous").unwrap();
        let _lock = OutputLock::acquire(&out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "previous"
        );
        assert!(!old.exists());
    }

    #[test]
    fn a_second_build_is_refused_naming_the_first() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        let first = OutputLock::acquire(&out).unwrap();
        let patience = Duration::from_millis(40);
        let error = OutputLock::acquire_within(&out, patience)
            .unwrap_err()
            .to_string();
        let pid = std::process::id().to_string();
        assert!(error.contains(&format!("pid {pid}")), "{error}");
        assert!(error.contains(".dist.lock"), "{error}");
        drop(first);
        assert!(
            OutputLock::acquire(&out).is_ok(),
            "the lock was not released"
        );
    }

    /// A copy of the lock's open file, as a child process between fork and exec holds
    /// it, outlives this process's own release for a moment: the build waits it out.
    #[test]
    fn a_lock_still_held_by_a_copy_of_this_process_s_file_is_waited_for() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        let first = OutputLock::acquire(&out).unwrap();
        let copy = first._file.try_clone().unwrap();
        drop(first);
        let release = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            drop(copy);
        });
        let second = OutputLock::acquire(&out);
        release.join().unwrap();
        assert!(second.is_ok(), "{:?}", second.err());
    }
}
