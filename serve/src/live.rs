//! `--live-world HOST…`: `containerless.get` / `post` as real HTTP requests, to the named hosts
//! only.
//!
//! The world's tables answer first (a fixture overrides the network); a URL they lack whose
//! host (`host` or `host:port`) is on the list is fetched; any other URL, a failed request, or
//! a scheme other than `http` has no answer (`undefined` / `None`), as a URL missing from a
//! world file. The answer is the response body read as JSON, or the body as a string when it
//! is not JSON. Requests are HTTP/1.0 (the response ends with the connection: no chunked
//! bodies), with time-outs, and bodies above 16 MiB are cut off as failed.
//! The interpreter calls [`LiveHttp`] from its blocking thread; compiled workers ask the
//! server over their pipes, and the server calls it for them (see `worker`).

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;
use tracelab_ir::EventKind;
use tracelab_runtime::json::Json;
use tracelab_runtime::world::Live;

/// The largest response body a live request reads.
const MAX_BODY: u64 = 16 << 20;

/// A live world over plain HTTP, allowed to reach only `hosts`.
pub struct LiveHttp {
    hosts: Vec<String>,
    timeout: Duration,
}

impl LiveHttp {
    pub fn new(hosts: Vec<String>) -> LiveHttp {
        LiveHttp {
            hosts,
            timeout: Duration::from_secs(5),
        }
    }

    /// Whether a URL's authority (`host` or `host:port`) is on the list.
    fn allowed(&self, host: &str, port: u16) -> bool {
        let with_port = format!("{host}:{port}");
        self.hosts.iter().any(|h| h == host || *h == with_port)
    }

    fn fetch(&self, method: &str, url: &str, body: Option<&str>) -> Option<Json> {
        let (host, port, path) = split_url(url)?;
        if !self.allowed(host, port) {
            return None;
        }
        let address = (host, port).to_socket_addrs().ok()?.next()?;
        let mut stream = TcpStream::connect_timeout(&address, self.timeout).ok()?;
        stream.set_read_timeout(Some(self.timeout)).ok()?;
        stream.set_write_timeout(Some(self.timeout)).ok()?;
        let body = body.unwrap_or("");
        let request = format!(
            "{method} {path} HTTP/1.0\r\nHost: {host}:{port}\r\nUser-Agent: tracelab\r\n\
             Accept: application/json\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).ok()?;
        let mut response = Vec::new();
        stream
            .take(MAX_BODY + 64 * 1024)
            .read_to_end(&mut response)
            .ok()?;
        let split = response.windows(4).position(|w| w == b"\r\n\r\n")?;
        let body = std::str::from_utf8(&response[split + 4..]).ok()?;
        if body.len() as u64 > MAX_BODY {
            return None;
        }
        Some(Json::parse(body).unwrap_or_else(|_| Json::Str(body.to_string())))
    }
}

impl Live for LiveHttp {
    fn answer(&self, event: EventKind, url: &str, body: Option<&str>) -> Option<Json> {
        match event {
            EventKind::Get => self.fetch("GET", url, None),
            EventKind::Post => self.fetch("POST", url, body),
            _ => None,
        }
    }
}

/// `http://host[:port]/path` → host, port, path (`/` when empty). Other schemes: `None`.
fn split_url(url: &str) -> Option<(&str, u16, &str)> {
    let rest = url.strip_prefix("http://")?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, p.parse().ok()?),
        None => (authority, 80),
    };
    if host.is_empty() || path.contains(['\r', '\n', ' ']) {
        return None;
    }
    Some((host, port, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_into_host_port_and_path() {
        assert_eq!(
            split_url("http://h.example:8000/a/b?c=1"),
            Some(("h.example", 8000, "/a/b?c=1"))
        );
        assert_eq!(split_url("http://h.example"), Some(("h.example", 80, "/")));
        for bad in [
            "https://h.example/",
            "ftp://x/",
            "http://:80/",
            "http://h:x/",
            "http://h/a b",
        ] {
            assert_eq!(split_url(bad), None, "{bad}");
        }
        let live = LiveHttp::new(vec!["a.example".into(), "b.example:81".into()]);
        assert!(live.allowed("a.example", 80) && live.allowed("a.example", 9));
        assert!(live.allowed("b.example", 81) && !live.allowed("b.example", 80));
        assert!(!live.allowed("c.example", 80));
        // A host not on the list is never contacted: no answer.
        assert_eq!(
            live.answer(EventKind::Get, "http://c.example/x", None),
            None
        );
    }
}
