//! One way to take a mutex: the crate's mutexes (lists of written paths, spare template
//! contexts, the live state of `serve`) hold data that is whole between calls, and a
//! poisoned lock only means another thread failed; its error is the one reported. A leaf.

/// Locks `mutex`, also after a panic on another thread.
pub fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
