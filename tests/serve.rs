//! `serve` end to end: starts the binary on a free port in a child process, fetches pages
//! over loopback, edits the site and sees the change, breaks it and sees the error while the
//! last good page is still served; leaves it alone and sees it build nothing. Waits are
//! bounded retries, never timed assertions.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{Fixture, texts};

/// Generous bound for anything to happen on a slow, shared machine.
const PATIENCE: Duration = Duration::from_secs(180);
const POLL: Duration = Duration::from_millis(200);
/// How long the site is left alone to see that nothing is built: many times the watcher's
/// quiet time (200 ms), in which a server that rebuilds at rest builds again and again.
const IDLE: Duration = Duration::from_secs(3);

/// Kills the server whatever way the test ends.
struct Server {
    child: Child,
    port: u16,
    /// The lines the server prints, stdout's and stderr's, as they are read.
    lines: mpsc::Receiver<String>,
    printed: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Everything the server has printed so far.
    fn printed(&mut self) -> &[String] {
        self.printed.extend(self.lines.try_iter());
        &self.printed
    }

    /// Builds finished so far, failed ones included: one summary line, or one "build failed".
    fn builds(&mut self) -> usize {
        self.printed()
            .iter()
            .filter(|l| l.starts_with("built ") || l.starts_with("build failed"))
            .count()
    }
}

/// Sends each line of the server's output to `tx`; keeps draining after start-up, so the
/// server never writes into a closed pipe. stderr is echoed, to show in a failed test.
fn forward(stream: impl Read + Send + 'static, tx: mpsc::Sender<String>, echo: bool) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if echo {
                eprintln!("serve: {line}");
            }
            let _ = tx.send(line);
        }
    });
}

fn start(site: &Fixture, out: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_smtpcodes"))
        .args([
            "serve",
            "--port",
            "0",
            "--base-url",
            "https://example.org/repo/",
        ])
        .arg("--root")
        .arg(site.root())
        .arg("--out")
        .arg(out)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start serve");
    let (tx, lines) = mpsc::channel();
    forward(child.stdout.take().expect("stdout"), tx.clone(), false);
    forward(child.stderr.take().expect("stderr"), tx, true);
    let mut server = Server {
        child,
        port: 0,
        lines,
        printed: Vec::new(),
    };
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        match server.lines.recv_timeout(POLL) {
            Ok(line) => {
                server.printed.push(line.clone());
                if let Some(rest) = line.strip_prefix("serving at http://127.0.0.1:") {
                    let port = rest.split('/').next().expect("port");
                    assert!(rest.contains("/repo/"), "{line}");
                    server.port = port.parse().expect("a port number");
                    return server;
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    panic!("serve did not start: {:?}", server.child.try_wait());
}

/// A plain HTTP/1.0 GET: (status, body).
fn get(port: u16, path: &str) -> (u16, String) {
    let (status, _, body) = request(port, "GET", path);
    (status, body)
}

/// A plain HTTP/1.0 request: (status, head, body).
fn request(port: u16, method: &str, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    write!(
        stream,
        "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"
    )
    .expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let response = String::from_utf8(response).expect("utf-8");
    let (head, body) = response.split_once("\r\n\r\n").expect("headers end");
    let status = head
        .split(' ')
        .nth(1)
        .expect("status")
        .parse()
        .expect("code");
    (status, head.to_owned(), body.to_owned())
}

fn livereload(port: u16) -> serde_json::Value {
    let (status, body) = get(port, "/repo/__livereload");
    assert_eq!(status, 200);
    serde_json::from_str(&body).expect("json")
}

/// Polls until `done` holds, for at most [`PATIENCE`].
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        if done() {
            return;
        }
        std::thread::sleep(POLL);
    }
    panic!("gave up waiting: {what}");
}

fn h1(port: u16, path: &str) -> String {
    let (status, body) = get(port, path);
    assert_eq!(status, 200, "{path}");
    texts(&scraper::Html::parse_document(&body), "h1").join("")
}

#[test]
fn serve_rebuilds_on_edit_and_keeps_the_last_good_site_on_error() {
    let site = Fixture::new();
    let tmp = tempfile::tempdir().expect("temp");
    let mut server = start(&site, &tmp.path().join("serve"));
    let port = server.port;

    let (status, body) = get(port, "/repo/en/251/");
    assert_eq!(status, 200);
    assert!(body.contains("/__livereload"), "no reload script");
    assert!(h1(port, "/repo/en/251/").contains("User Not Local"));
    assert_eq!(get(port, "/repo/style.css").0, 200);
    assert_eq!(get(port, "/repo/en/no-such-page/").0, 404);
    assert_eq!(get(port, "/en/251/").0, 404, "served outside the base path");
    let first = livereload(port);
    assert!(first["error"].is_null(), "{first}");

    // Only reading methods get the file.
    for method in ["POST", "DELETE", "PUT", "BREW"] {
        let (status, head, body) = request(port, method, "/repo/en/251/");
        assert_eq!(status, 405, "{method}: {head}");
        assert!(
            head.lines()
                .any(|l| l.eq_ignore_ascii_case("Allow: GET, HEAD")),
            "{method}: {head}"
        );
        assert!(!body.contains("User Not Local"), "{method} got the page");
    }
    assert_eq!(request(port, "HEAD", "/repo/en/251/").0, 200);

    // A build into the output serve writes is refused, naming serve's process.
    let output = Command::new(env!("CARGO_BIN_EXE_smtpcodes"))
        .args(["build", "--root"])
        .arg(site.root())
        .arg("--out")
        .arg(tmp.path().join("serve"))
        .output()
        .expect("run build");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains("another build is writing")
            && stderr.contains(&format!("pid {}", server.child.id())),
        "{stderr}"
    );

    // An edit shows up, and the build counter moves so open pages reload.
    let yaml = site.read(&common::code_path("251"));
    site.write(
        &common::code_path("251"),
        &yaml.replace("name: User Not Local", "name: User Now Elsewhere"),
    );
    eventually("the edit to be served", || {
        h1(port, "/repo/en/251/").contains("User Now Elsewhere")
    });
    // The counter moves just after the new tree is swapped in.
    eventually("the build counter to move", || {
        livereload(port)["build"].as_u64() > first["build"].as_u64()
    });

    // A broken edit is reported; the last good page stays.
    site.write(
        &common::code_path("251"),
        "code: \"251\"\nname: [unclosed\n",
    );
    eventually("the error to be reported", || {
        livereload(port)["error"].is_string()
    });
    // At the line and column to edit, for the page's overlay and in the terminal.
    let error = livereload(port)["error"]
        .as_str()
        .expect("error")
        .to_owned();
    let at = "content/basic/251.yaml:2:";
    assert!(error.contains(at), "{error}");
    eventually("the error in the terminal", || {
        let printed = server.printed().join("\n");
        printed.contains(at) && printed.contains("build failed; still serving the last good site")
    });
    assert!(h1(port, "/repo/en/251/").contains("User Now Elsewhere"));

    // Fixed again: the error goes away.
    site.write(&common::code_path("251"), &yaml);
    eventually("the error to clear", || livereload(port)["error"].is_null());
    assert!(h1(port, "/repo/en/251/").contains("User Not Local"));

    // serve never wrote into the site's own dist/.
    assert!(!site.out().exists());
    drop(server);
}

/// Every file below the inputs, as `load` finds them.
fn input_files(root: &Path) -> Vec<std::path::PathBuf> {
    let mut files = vec![root.join("site.yaml")];
    for dir in ["content", "templates", "locales", "static"] {
        let dir = root.join(dir);
        if dir.is_dir() {
            files.extend(
                walkdir::WalkDir::new(dir)
                    .into_iter()
                    .map(|e| e.expect("walk the inputs"))
                    .filter(|e| e.file_type().is_file())
                    .map(walkdir::DirEntry::into_path),
            );
        }
    }
    files
}

#[test]
fn serve_builds_once_per_edit_and_never_at_rest() {
    let site = Fixture::new();
    site.write("static/notes.txt", "copied as it is\n");
    let tmp = tempfile::tempdir().expect("temp");
    let out = tmp.path().join("serve");
    let mut server = start(&site, &out);
    assert_eq!(server.builds(), 1, "{:?}", server.printed());

    // Left alone, it builds nothing: not even after its own build read every input.
    std::thread::sleep(IDLE);
    assert_eq!(server.builds(), 1, "built at rest: {:?}", server.printed());

    // Reading every input (what a build, an editor or a search does) is not an edit; nor is
    // writing into the output, into a dist/ or target/ beside the inputs.
    let inputs = input_files(site.root());
    assert!(inputs.len() > 10, "{inputs:?}");
    for file in &inputs {
        let mut bytes = Vec::new();
        std::fs::File::open(file)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .expect("read an input");
    }
    std::fs::write(out.join("scratch.html"), "<p>not a page of the site").expect("write");
    site.write("dist/en/index.html", "<p>a build of its own");
    site.write("target/debug/build.log", "compiling");
    std::thread::sleep(IDLE);
    assert_eq!(
        server.builds(),
        1,
        "built after reads and writes outside the inputs: {:?}",
        server.printed()
    );

    // One save, the way an editor does it: a backup, the file in two writes, the backup
    // removed. All that is one rebuild.
    let path = site.root().join(common::code_path("251"));
    let backup = path.with_extension("yaml~");
    let yaml = site.read(&common::code_path("251"));
    let edited = yaml.replace("name: User Not Local", "name: User Now Elsewhere");
    std::fs::copy(&path, &backup).expect("backup");
    let (head, tail) = edited.split_at(edited.len() / 2);
    let mut file = std::fs::File::create(&path).expect("open to save");
    file.write_all(head.as_bytes()).expect("save");
    file.flush().expect("flush");
    file.write_all(tail.as_bytes()).expect("save");
    drop(file);
    std::fs::remove_file(&backup).expect("remove the backup");

    eventually("the edit to be built", || server.builds() >= 2);
    assert!(h1(server.port, "/repo/en/251/").contains("User Now Elsewhere"));
    std::thread::sleep(IDLE);
    assert_eq!(
        server.builds(),
        2,
        "one save, more builds: {:?}",
        server.printed()
    );
}

#[test]
fn serve_on_a_port_in_use_says_so_and_leaves_the_output_alone() {
    let site = Fixture::new();
    let taken = TcpListener::bind(("127.0.0.1", 0)).expect("bind a port");
    let port = taken.local_addr().expect("address").port();
    let tmp = tempfile::tempdir().expect("temp");
    let mut child = Command::new(env!("CARGO_BIN_EXE_smtpcodes"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(site.root())
        .arg("--out")
        .arg(tmp.path().join("serve"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start serve");
    // It should stop at once; one that serves anyway is stopped here, not waited on forever.
    let deadline = Instant::now() + PATIENCE;
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(POLL);
    }
    let output = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("port {port} is already in use")) && stderr.contains("--port"),
        "{stderr}"
    );
    // Nothing was built or locked: the output's directory is as it was, empty.
    let left: Vec<_> = std::fs::read_dir(tmp.path()).expect("list").collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(!site.out().exists());
    drop(taken);
}
