//! `serve`: the edit loop. Builds the site into a directory of its own (never dist/), serves
//! it on 127.0.0.1 under the base URL's path, watches the inputs and rebuilds on change.
//! Open pages poll a small endpoint and reload after a build that changed something; a
//! failed build is shown over the page while the last good site keeps being served (the
//! write stage's all-or-nothing swap is what keeps it intact).
//!
//! At rest it does nothing: only an edit of an input (a file created, written, renamed or
//! removed under the input directories, or site.yaml) starts a build. The watcher also
//! reports opens and reads (notify asks inotify for `IN_OPEN`), and every build opens
//! every input, so counting those as edits made each build start the next one.
//!
//! Crates: `tiny_http` (a small synchronous HTTP server; nothing here needs async) and
//! `notify` (file watching over inotify/FSEvents/ReadDirectoryChangesW); the events of one
//! save are coalesced here ([`next_edit`]), so a "save all" is one rebuild.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::event::ModifyKind;
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use tiny_http::{Header, Method, Request, Response, Server};

use crate::error::{Error, Result, ToolError};
use crate::load::config::{CONFIG_FILE, base_path_of};
use crate::lock::lock;
use crate::write::OutputLock;
use crate::{BuildOptions, BuildReport};

/// The input directories a change in which triggers a rebuild (with site.yaml).
pub const WATCHED_DIRS: [&str; 4] = ["content", "templates", "locales", "static"];
/// Path (below the base path) that open pages poll for the build state.
pub const LIVERELOAD_PATH: &str = "/__livereload";
/// Quiet time before a rebuild: editors write a file in several steps.
const DEBOUNCE: Duration = Duration::from_millis(200);
/// Longest wait for the quiet time: a file written without pause still gets built.
const MAX_SETTLE: Duration = Duration::from_secs(2);
/// Threads answering requests: pages, assets and the polls of a few open tabs.
const HTTP_THREADS: usize = 4;

pub struct ServeOptions {
    pub root: PathBuf,
    /// Where to build; `None` means a directory of its own under the system temp dir.
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    /// 0 picks a free port; the chosen one is announced in [`Event::Listening`].
    pub port: u16,
}

/// What the loop tells the terminal.
pub enum Event<'a> {
    Built(&'a BuildReport),
    Failed(&'a Error),
    /// The server is up and the first build has finished; `url` is the site's address.
    Listening {
        url: &'a str,
    },
    /// A problem with watching (not with the site), e.g. the OS watch limit.
    WatchError(String),
}

/// The build state the pages poll.
#[derive(Debug, Default)]
struct Live {
    /// Bumped by every build that changed the output; a page reloads when it moves.
    build: u64,
    /// The last build's error, shown over the page until a build succeeds.
    error: Option<String>,
    base_path: String,
}

/// Runs until the process is stopped (or the watcher fails).
pub fn serve(options: &ServeOptions, on_event: impl Fn(Event)) -> Result<()> {
    let root = std::fs::canonicalize(&options.root).map_err(|e| Error::io(&options.root, e))?;
    let out = match &options.out {
        Some(out) => std::path::absolute(out).map_err(|e| Error::io(out, e))?,
        None => default_out(&root),
    };
    refuse_out_inside_inputs(&root, &out)?;
    // The port first, before anything touches the disk: a port in use is reported with the
    // output (and the lock file beside it) left as they were.
    let server = Arc::new(listen(options.port)?);
    let port = server
        .server_addr()
        .to_ip()
        .map_or(options.port, |a| a.port());
    // The output is serve's own while it runs: a `build` into it would be overwritten by
    // the next rebuild, so it is refused at once, naming this process.
    let output_lock = OutputLock::acquire(&out)?;
    let build_options = BuildOptions {
        root: root.clone(),
        out: Some(out.clone()),
        base_url: options.base_url.clone(),
        strict: false,
    };
    let live = Arc::new(Mutex::new(Live::default()));

    let (tx, rx) = mpsc::channel();
    let watch_error = |e: notify::Error| ToolError::Watch {
        path: root.clone(),
        reason: e.to_string(),
    };
    let mut watcher = notify::recommended_watcher(tx).map_err(watch_error)?;
    // The root itself only for site.yaml and for input directories created later; the
    // root is not watched recursively because dist/ and target/ may be huge.
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(watch_error)?;
    watch_input_dirs(&mut watcher, &root, &on_event);

    rebuild(&build_options, &output_lock, &live, &on_event);
    for _ in 0..HTTP_THREADS {
        let server = Arc::clone(&server);
        let live = Arc::clone(&live);
        let out = out.clone();
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                respond(request, &out, &live);
            }
        });
    }
    let base_path = lock(&live).base_path.clone();
    on_event(Event::Listening {
        url: &format!("http://127.0.0.1:{port}{base_path}/"),
    });

    loop {
        next_edit(&rx, &root, &on_event)?;
        watch_input_dirs(&mut watcher, &root, &on_event);
        rebuild(&build_options, &output_lock, &live, &on_event);
    }
}

/// Binds 127.0.0.1:`port`; a port in use gets its own error, which says what to do.
fn listen(port: u16) -> Result<Server> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
        let reason = e.to_string();
        if e.kind() == std::io::ErrorKind::AddrInUse {
            ToolError::PortInUse { port, reason }
        } else {
            ToolError::Listen { port, reason }
        }
    })?;
    Server::from_listener(listener, None).map_err(|e| {
        let reason = e.to_string();
        ToolError::Listen { port, reason }.into()
    })
}

/// A per-root directory under the temp dir, so restarting `serve` rebuilds incrementally
/// and two sites never share one.
fn default_out(root: &Path) -> PathBuf {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    root.hash(&mut hasher);
    std::env::temp_dir().join(format!("smtpcodes-serve-{:016x}", hasher.finish()))
}

/// Building into a watched directory would rebuild forever.
fn refuse_out_inside_inputs(root: &Path, out: &Path) -> Result<()> {
    match WATCHED_DIRS.iter().find(|d| out.starts_with(root.join(d))) {
        Some(dir) => Err(ToolError::OutInsideInputs {
            out: out.to_owned(),
            dir: (*dir).to_owned(),
        }
        .into()),
        None => Ok(()),
    }
}

fn watch_input_dirs(watcher: &mut RecommendedWatcher, root: &Path, on_event: &impl Fn(Event)) {
    for dir in WATCHED_DIRS.map(|d| root.join(d)) {
        if dir.is_dir()
            && let Err(e) = watcher.watch(&dir, RecursiveMode::Recursive)
        {
            on_event(Event::WatchError(format!("{}: {e}", dir.display())));
        }
    }
}

/// Blocks until an input has been edited and the edit has settled: the events of one save
/// (an editor writes, renames, removes its backup…) are waited out, for at most
/// [`MAX_SETTLE`], so that they make one rebuild. Events that are not edits, the build's
/// own reads among them, are passed over. Returns only when the watcher has stopped.
fn next_edit(
    rx: &Receiver<notify::Result<notify::Event>>,
    root: &Path,
    on_event: &impl Fn(Event),
) -> Result<()> {
    let stopped = || Error::from(ToolError::WatcherStopped);
    loop {
        let event = rx.recv().map_err(|_| stopped())?;
        if is_edit(root, event, on_event) {
            break;
        }
    }
    let settled_by = Instant::now() + MAX_SETTLE;
    let mut quiet_from = Instant::now() + DEBOUNCE;
    loop {
        let wait = quiet_from
            .min(settled_by)
            .saturating_duration_since(Instant::now());
        match rx.recv_timeout(wait) {
            Ok(event) => {
                if is_edit(root, event, on_event) {
                    quiet_from = Instant::now() + DEBOUNCE;
                }
            }
            Err(RecvTimeoutError::Timeout) => return Ok(()),
            Err(RecvTimeoutError::Disconnected) => return Err(stopped()),
        }
    }
}

/// Whether an event can change the site: an input created, written, renamed or removed.
fn is_edit(root: &Path, event: notify::Result<notify::Event>, on_event: &impl Fn(Event)) -> bool {
    match event {
        // The kernel's queue overflowed: something may have been missed.
        Ok(event) if event.need_rescan() => true,
        Ok(event) => changes_contents(&event.kind) && event.paths.iter().any(|p| is_input(root, p)),
        Err(e) => {
            on_event(Event::WatchError(e.to_string()));
            // Something may have been missed: rebuilding is the safe answer.
            true
        }
    }
}

/// Opens, reads and closes (`Access`) change nothing, nor do permissions, timestamps or
/// link counts (`Metadata`); a kind the platform cannot name counts as a change.
fn changes_contents(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
    )
}

/// Whether a change at `path` can change the site.
fn is_input(root: &Path, path: &Path) -> bool {
    path == root.join(CONFIG_FILE) || WATCHED_DIRS.iter().any(|d| path.starts_with(root.join(d)))
}

fn rebuild(
    options: &BuildOptions,
    output_lock: &OutputLock,
    live: &Mutex<Live>,
    on_event: &impl Fn(Event),
) {
    match crate::build_holding(options, &crate::report::Silent, output_lock) {
        Ok(report) => {
            let mut live = lock(live);
            if report.written + report.removed > 0 {
                live.build += 1;
            }
            live.error = None;
            live.base_path.clone_from(&report.base_path);
            drop(live);
            on_event(Event::Built(&report));
        }
        Err(error) => {
            let mut live = lock(live);
            live.error = Some(error.to_string());
            if live.build == 0 {
                // No good build yet: serve under the path of --base-url if one was given
                // (site.yaml's is known once a build has read it).
                if let Some(base_path) = options.base_url.as_deref().and_then(base_path_of) {
                    live.base_path = base_path;
                }
            }
            drop(live);
            on_event(Event::Failed(&error));
        }
    }
}

/// Answers one request; a client that went away is not an error worth reporting.
fn respond(request: Request, out: &Path, live: &Mutex<Live>) {
    let (base_path, build, error) = {
        let live = lock(live);
        (live.base_path.clone(), live.build, live.error.clone())
    };
    let path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_owned();
    let reply = if is_read(request.method()) {
        route(&path, &base_path, out, build, error.as_deref())
    } else {
        not_allowed()
    };
    let mut response = Response::from_data(reply.body).with_status_code(reply.status);
    for (name, value) in reply.headers {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    let _ = request.respond(response);
}

/// The preview only reads: a POST or DELETE (or an invented method) is not answered with
/// the file as if it were a GET.
fn is_read(method: &Method) -> bool {
    matches!(method, Method::Get | Method::Head)
}

fn not_allowed() -> Reply {
    let mut reply = Reply::new(
        405,
        "text/plain; charset=utf-8",
        b"405 Method Not Allowed: the preview answers GET and HEAD only\n".to_vec(),
    );
    reply.headers.push(("Allow", "GET, HEAD".to_owned()));
    reply
}

struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: vec![
                ("Content-Type", content_type.to_owned()),
                ("Cache-Control", "no-store".to_owned()),
            ],
            body,
        }
    }

    fn redirect(location: String) -> Reply {
        let mut reply = Reply::new(302, "text/plain; charset=utf-8", Vec::new());
        reply.headers.push(("Location", location));
        reply
    }
}

/// Maps a request path to a reply: the build state, a file of the output (HTML with the
/// reload script added), a redirect to the directory form, or the site's 404 page.
fn route(path: &str, base_path: &str, out: &Path, build: u64, error: Option<&str>) -> Reply {
    if path == format!("{base_path}{LIVERELOAD_PATH}") {
        let state = serde_json::json!({ "build": build, "error": error });
        return Reply::new(200, "application/json", state.to_string().into_bytes());
    }
    let Some(rest) = path.strip_prefix(base_path) else {
        if path == "/" {
            return Reply::redirect(format!("{base_path}/"));
        }
        return not_found(out, base_path);
    };
    if rest.is_empty() {
        return Reply::redirect(format!("{base_path}/"));
    }
    let Some(relative) = rest.strip_prefix('/').and_then(decode_path) else {
        return not_found(out, base_path);
    };
    let mut file = out.join(&relative);
    if file.is_dir() {
        if !rest.ends_with('/') {
            return Reply::redirect(format!("{path}/"));
        }
        file = file.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(bytes) => file_reply(200, &file, bytes, base_path),
        Err(_) => not_found(out, base_path),
    }
}

fn not_found(out: &Path, base_path: &str) -> Reply {
    let page = out.join("404.html");
    match std::fs::read(&page) {
        Ok(bytes) => file_reply(404, &page, bytes, base_path),
        // No good build yet: a bare page, so the error overlay still has somewhere to show.
        Err(_) => Reply::new(
            404,
            "text/html; charset=utf-8",
            with_reload_script(
                b"<!doctype html><title>Not found</title><p>Not found.".to_vec(),
                base_path,
            ),
        ),
    }
}

fn file_reply(status: u16, file: &Path, bytes: Vec<u8>, base_path: &str) -> Reply {
    let content_type = content_type(file);
    let body = if content_type.starts_with("text/html") {
        with_reload_script(bytes, base_path)
    } else {
        bytes
    };
    Reply::new(status, content_type, body)
}

/// Decodes `%XX` escapes and refuses anything but plain path segments, so a request cannot
/// reach outside the output directory.
fn decode_path(encoded: &str) -> Option<PathBuf> {
    let bytes = encoded.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    let decoded = String::from_utf8(decoded).ok()?;
    let plain = decoded
        .split('/')
        .all(|segment| segment != ".." && segment != "." && !segment.contains(['\\', '\0']));
    plain.then(|| decoded.split('/').filter(|s| !s.is_empty()).collect())
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("xml") => "application/xml; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// The serve-only script: polls the build state every second, reloads when a build changed
/// the site, and shows the last build's error over the page until it is fixed.
const RELOAD_SCRIPT: &str = r#"<script>(()=>{const url=STATE_URL;let seen=null;
const show=(e)=>{let d=document.getElementById("__livereload_error");
if(!e){if(d)d.remove();return}
if(!d){d=document.createElement("pre");d.id="__livereload_error";
d.style.cssText="position:fixed;inset:0;margin:0;padding:2em;overflow:auto;z-index:2147483647;background:rgba(32,0,0,.94);color:#fdd;font:14px/1.5 monospace;white-space:pre-wrap";
document.body.appendChild(d)}
d.textContent="Build failed; the last good site is still being served.\n\n"+e};
const poll=async()=>{try{const r=await fetch(url,{cache:"no-store"});const s=await r.json();
if(seen!==null&&s.build!==seen){location.reload();return}seen=s.build;show(s.error)}catch(_){}
setTimeout(poll,1000)};poll()})();</script>"#;

/// Adds the reload script at the end of the body. The minifier drops the optional
/// `</body>`, so without one the script simply goes at the end, which HTML puts in the body.
fn with_reload_script(mut html: Vec<u8>, base_path: &str) -> Vec<u8> {
    let state_url = serde_json::Value::from(format!("{base_path}{LIVERELOAD_PATH}")).to_string();
    let script = RELOAD_SCRIPT.replacen("STATE_URL", &state_url, 1);
    let at = find(&html, b"</body>").unwrap_or(html.len());
    html.splice(at..at, script.into_bytes());
    html
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_cannot_leave_the_output() {
        assert_eq!(decode_path("en/251/"), Some(PathBuf::from("en/251")));
        assert_eq!(decode_path("a%20b.html"), Some(PathBuf::from("a b.html")));
        assert_eq!(decode_path("../etc/passwd"), None);
        assert_eq!(decode_path("en/%2e%2e/%2e%2e/x"), None);
        assert_eq!(decode_path("a%5c..%5cb"), None);
        assert_eq!(decode_path("bad%zz"), None);
    }

    #[test]
    fn routes_honour_the_base_path() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path();
        std::fs::create_dir_all(out.join("en")).unwrap();
        std::fs::write(out.join("en/index.html"), "<p>home").unwrap();
        std::fs::write(out.join("404.html"), "<p>missing").unwrap();
        std::fs::write(out.join("style.css"), "p{}").unwrap();

        let home = route("/repo/en/", "/repo", out, 3, None);
        assert_eq!(home.status, 200);
        let body = String::from_utf8(home.body).unwrap();
        assert!(body.starts_with("<p>home<script>"), "{body}");
        assert!(body.contains(r#"const url="/repo/__livereload""#), "{body}");

        let css = route("/repo/style.css", "/repo", out, 3, None);
        assert_eq!(css.body, b"p{}");
        assert_eq!(route("/repo/en", "/repo", out, 3, None).status, 302);
        assert_eq!(route("/repo", "/repo", out, 3, None).status, 302);
        assert_eq!(route("/en/", "/repo", out, 3, None).status, 404);
        assert_eq!(route("/", "/repo", out, 3, None).status, 302);
        assert_eq!(route("/repo/../x", "/repo", out, 3, None).status, 404);

        let state = route("/repo/__livereload", "/repo", out, 3, Some("bad"));
        let state: serde_json::Value = serde_json::from_slice(&state.body).unwrap();
        assert_eq!(state["build"], 3);
        assert_eq!(state["error"], "bad");
    }

    #[test]
    fn only_inputs_trigger_rebuilds() {
        let root = Path::new("/site");
        assert!(is_input(root, Path::new("/site/site.yaml")));
        assert!(is_input(root, Path::new("/site/locales/ja/site.ftl")));
        assert!(!is_input(root, Path::new("/site/dist/en/index.html")));
        assert!(!is_input(root, Path::new("/site/README.md")));
        assert!(refuse_out_inside_inputs(root, Path::new("/site/static/out")).is_err());
        assert!(refuse_out_inside_inputs(root, Path::new("/site/dist")).is_ok());
    }

    #[test]
    fn only_edits_trigger_rebuilds() {
        use notify::event::{
            AccessKind, AccessMode, CreateKind, DataChange, Flag, MetadataKind, RemoveKind,
            RenameMode,
        };
        let root = Path::new("/site");
        let input = Path::new("/site/content/basic/251.yaml");
        let edit = |kind: EventKind, path: &Path| {
            let event = notify::Event::new(kind).add_path(path.to_owned());
            is_edit(root, Ok(event), &|_| {})
        };
        // What every build does to every input: nothing that changes it.
        assert!(!edit(
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            input
        ));
        assert!(!edit(EventKind::Access(AccessKind::Read), input));
        assert!(!edit(
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            input
        ));
        assert!(!edit(
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            input
        ));
        let touched = ModifyKind::Metadata(MetadataKind::Any);
        assert!(!edit(EventKind::Modify(touched), input));
        // What a save does.
        let written = ModifyKind::Data(DataChange::Any);
        assert!(edit(EventKind::Modify(written), input));
        assert!(edit(
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            input
        ));
        assert!(edit(EventKind::Create(CreateKind::File), input));
        assert!(edit(EventKind::Remove(RemoveKind::File), input));
        assert!(edit(EventKind::Any, input));
        // Outside the inputs, even a write is not an edit of the site.
        let output = Path::new("/site/dist/en/index.html");
        assert!(!edit(EventKind::Modify(written), output));
        assert!(!edit(
            EventKind::Create(CreateKind::File),
            Path::new("/site/target/x")
        ));
        // Events were lost, or the watcher failed: build to be safe.
        let overflow = notify::Event::new(EventKind::Other).set_flag(Flag::Rescan);
        assert!(is_edit(root, Ok(overflow), &|_| {}));
        let failed = notify::Error::generic("inotify read failed");
        assert!(is_edit(root, Err(failed), &|_| {}));
    }
}
