//! `serve` end to end: starts the binary on a free port in a child process, fetches pages
//! over loopback, edits the site and sees the change, breaks it and sees the error while the
//! last good page is still served. Waits are bounded retries, never timed assertions.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{Fixture, texts};

/// Generous bound for anything to happen on a slow, shared machine.
const PATIENCE: Duration = Duration::from_secs(180);
const POLL: Duration = Duration::from_millis(200);

/// Kills the server whatever way the test ends.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Fixture, out: &std::path::Path) -> Server {
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
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start serve");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        // Keeps draining after start-up, so the server never writes into a closed pipe.
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut server = Server { child, port: 0 };
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        match rx.recv_timeout(POLL) {
            Ok(line) => {
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
    let server = start(&site, &tmp.path().join("serve"));
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
    let error = livereload(port)["error"]
        .as_str()
        .expect("error")
        .to_owned();
    assert!(error.contains("251.yaml"), "{error}");
    assert!(h1(port, "/repo/en/251/").contains("User Now Elsewhere"));

    // Fixed again: the error goes away.
    site.write(&common::code_path("251"), &yaml);
    eventually("the error to clear", || livereload(port)["error"].is_null());
    assert!(h1(port, "/repo/en/251/").contains("User Not Local"));

    // serve never wrote into the site's own dist/.
    assert!(!site.out().exists());
    drop(server);
}
