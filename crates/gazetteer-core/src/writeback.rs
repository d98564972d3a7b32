//! Output written by a thread of the core while the engine scans on: extract's JSON Lines
//! of a place-dense file are ten times its size, and their write (a copy into the page
//! cache, the kernel's time) need not wait for the next piece's scan, nor the scan for the
//! write. The lines the engine makes are handed over as they are (moved, not copied into a
//! Python object), and the thread writes them to the file descriptor without the GIL.
//!
//! A write that fails (a closed pipe, a full disk) is raised, as Python's `OSError` of its
//! errno, in the thread that hands over the next bytes, or by `drain`/`close`: nothing is
//! lost without a word. At most `limit` bytes wait (and one write under way), so memory
//! does not grow with the output. `gazetteer.writeback` is its Python face.

use std::collections::VecDeque;
use std::fs::File;
use std::io::Write;
use std::mem::ManuallyDrop;
use std::os::fd::{FromRawFd, RawFd};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

use pyo3::prelude::*;
use pyo3::types::PyBytes;

/// What the two threads share, under one lock.
#[derive(Default)]
struct State {
    /// bytes waiting, in order; None: the thread stops there
    pending: VecDeque<Option<Vec<u8>>>,
    /// bytes in `pending`
    size: usize,
    /// a write under way (taken out of `pending`)
    busy: bool,
    /// the first write that failed (its errno and text), kept until the end
    error: Option<(Option<i32>, String)>,
    /// the error was raised in the handing thread already
    raised: bool,
    /// stopping on an error elsewhere: what waits is dropped
    dropping: bool,
}

struct Shared {
    state: Mutex<State>,
    cond: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // (a thread that panicked holding the lock left consistent counts: go on)
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn wait<'a>(&self, guard: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        self.cond.wait(guard).unwrap_or_else(|e| e.into_inner())
    }
}

/// The error of a failed write as Python's (`OSError` of the errno: `BrokenPipeError`
/// for a closed pipe, an `OSError` with errno 28 for a full disk).
fn py_error(error: &(Option<i32>, String)) -> PyErr {
    use pyo3::exceptions::PyOSError;
    match error.0 {
        // (OSError(errno, strerror) is made the errno's subclass by Python itself)
        Some(code) => {
            let text = error.1.as_str();
            let text = text
                .strip_suffix(&format!(" (os error {code})"))
                .unwrap_or(text);
            PyOSError::new_err((code, text.to_owned()))
        }
        None => PyOSError::new_err(error.1.clone()),
    }
}

/// Bytes written to a file descriptor in order by a thread of the core; `sync`: the file
/// will be synced when it is complete (an atomic replace), so its pages are sent to the
/// disk as they come (`fdatasync` every `sync_every` bytes, in the thread) and that last
/// sync finds little left to do. The descriptor stays the caller's: it is not closed here.
#[pyclass(module = "gazetteer._core", name = "LineSink", frozen)]
pub struct LineSink {
    shared: Arc<Shared>,
    limit: usize,
    thread: Mutex<Option<JoinHandle<()>>>,
    /// the descriptor is a regular file (not a pipe or a terminal)
    #[pyo3(get)]
    regular: bool,
}

impl LineSink {
    /// Hand `data` to the thread (waiting, without the GIL, while `limit` bytes wait).
    pub(crate) fn push(&self, py: Python<'_>, data: Vec<u8>) -> PyResult<()> {
        if data.is_empty() {
            return Ok(());
        }
        let shared = &self.shared;
        let limit = self.limit;
        let got = py.detach(|| {
            let mut st = shared.lock();
            while st.error.is_none() && st.size >= limit {
                st = shared.wait(st);
            }
            if let Some(e) = st.error.clone() {
                st.raised = true;
                return Err(e);
            }
            st.size += data.len();
            st.pending.push_back(Some(data));
            shared.cond.notify_all();
            Ok(())
        });
        got.map_err(|e| py_error(&e))
    }

    fn stop(&self, py: Python<'_>, join: bool) {
        {
            let mut st = self.shared.lock();
            st.pending.push_back(None);
            self.shared.cond.notify_all();
        }
        if join {
            let handle = self.thread.lock().unwrap_or_else(|e| e.into_inner()).take();
            if let Some(handle) = handle {
                py.detach(|| {
                    let _ = handle.join();
                });
            }
        }
        // (else left to end by itself: a pipe whose reader stopped reading must not hold
        // the exit; the thread holds no Python object)
    }
}

fn run(shared: Arc<Shared>, fd: RawFd, sync: bool, regular: bool, sync_every: usize) {
    // (the caller's descriptor, borrowed: never closed here)
    let mut file = ManuallyDrop::new(unsafe { File::from_raw_fd(fd) });
    let mut written = 0usize;
    loop {
        let data = {
            let mut st = shared.lock();
            while st.pending.is_empty() {
                st = shared.wait(st);
            }
            let Some(data) = st.pending.pop_front().flatten() else {
                return;
            };
            st.size -= data.len();
            st.busy = !st.dropping && st.error.is_none();
            shared.cond.notify_all();
            if !st.busy {
                continue;
            }
            data
        };
        let mut done = file.write_all(&data);
        if done.is_ok() {
            written += data.len();
            if sync && regular && written >= sync_every {
                written = 0;
                done = file.sync_data();
            }
        }
        drop(data);
        let mut st = shared.lock();
        if let Err(e) = done {
            if st.error.is_none() {
                st.error = Some((e.raw_os_error(), e.to_string()));
            }
        }
        st.busy = false;
        shared.cond.notify_all();
    }
}

#[pymethods]
impl LineSink {
    #[new]
    #[pyo3(signature = (fd, sync=false, limit=16 << 20, sync_every=32 << 20))]
    fn new(fd: RawFd, sync: bool, limit: usize, sync_every: usize) -> PyResult<Self> {
        // (the descriptor's kind, by a borrowed File: fstat)
        let probe = ManuallyDrop::new(unsafe { File::from_raw_fd(fd) });
        let regular = probe.metadata()?.file_type().is_file();
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            cond: Condvar::new(),
        });
        let theirs = shared.clone();
        let handle = std::thread::Builder::new()
            .name("gazetteer-writes".into())
            .spawn(move || run(theirs, fd, sync, regular, sync_every.max(1)))?;
        Ok(LineSink {
            shared,
            limit: limit.max(1),
            thread: Mutex::new(Some(handle)),
            regular,
        })
    }

    /// Hand a copy of ``data`` (bytes, or any object ``bytes()`` takes: a memoryview) to
    /// the thread.
    fn __call__(&self, data: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = data.py();
        let copy = match data.cast::<PyBytes>() {
            Ok(b) => b.as_bytes().to_vec(),
            Err(_) => {
                let b = py.get_type::<PyBytes>().call1((data,))?;
                b.cast::<PyBytes>()?.as_bytes().to_vec()
            }
        };
        self.push(py, copy)
    }

    /// Wait until everything handed over is written (before anything else writes to the
    /// same output); raise the thread's error if it was not raised before.
    fn drain(&self, py: Python<'_>) -> PyResult<()> {
        let shared = &self.shared;
        let got = py.detach(|| {
            let mut st = shared.lock();
            while st.error.is_none() && (!st.pending.is_empty() || st.busy) {
                st = shared.wait(st);
            }
            match st.error.clone() {
                Some(e) if !st.raised => {
                    st.raised = true;
                    Err(e)
                }
                _ => Ok(()),
            }
        });
        got.map_err(|e| py_error(&e))
    }

    /// Write what is left, stop the thread, raise its error.
    fn close(&self, py: Python<'_>) -> PyResult<()> {
        let got = self.drain(py);
        self.stop(py, true);
        got
    }

    /// Stop on an error elsewhere (an interrupt): what waits is dropped; a write to a file
    /// under way is waited for (the file may be closed next), to a pipe not.
    fn abandon(&self, py: Python<'_>) {
        {
            let mut st = self.shared.lock();
            st.dropping = true;
            st.pending.clear();
            st.size = 0;
        }
        self.stop(py, self.regular);
    }

    /// Bytes waiting to be written (not counting a write under way).
    #[getter]
    fn pending(&self) -> usize {
        self.shared.lock().size
    }

    /// Is the thread still running?
    #[getter]
    fn running(&self) -> bool {
        self.thread
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .is_some_and(|h| !h.is_finished())
    }
}

impl Drop for LineSink {
    fn drop(&mut self) {
        // (dropped without close: the thread told to stop after what waits, not joined)
        let mut st = self.shared.lock();
        st.pending.push_back(None);
        self.shared.cond.notify_all();
    }
}
