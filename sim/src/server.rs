//! A small blocking HTTP/1.1 server: a thread per connection, keep-alive, Content-Length
//! and chunked request bodies. Written here rather than taken from a crate because the
//! simulator must be able to *drop* a connection without answering (a fault), which
//! needs the socket itself.

use crate::http::{error, Req, Resp};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// What to do with a request.
pub enum Outcome {
    Respond(Resp),
    /// Close the connection without a response.
    Drop,
}

pub type Handler = Arc<dyn Fn(&Req) -> Outcome + Send + Sync>;

const MAX_HEAD: u64 = 64 * 1024;
const MAX_BODY: usize = 8 * 1024 * 1024;
const MAX_CONNECTIONS: usize = 1024;
const IDLE: Duration = Duration::from_secs(60);

/// Serves forever.
pub fn serve(listener: TcpListener, handler: Handler) {
    let live = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        if live.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
            continue; // dropped: closes it
        }
        live.fetch_add(1, Ordering::SeqCst);
        let (handler, live) = (handler.clone(), live.clone());
        let spawned = std::thread::Builder::new().name("lms-sim-conn".into()).spawn(move || {
            connection(stream, &handler);
            live.fetch_sub(1, Ordering::SeqCst);
        });
        if spawned.is_err() {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

enum ReadError {
    /// The client went away or idled out: close quietly.
    Closed,
    /// A malformed request: answer with this status and close.
    Bad(u16, &'static str),
}

fn connection(stream: TcpStream, handler: &Handler) {
    let _ = stream.set_read_timeout(Some(IDLE));
    let _ = stream.set_nodelay(true);
    let Ok(read_half) = stream.try_clone() else { return };
    let mut reader = BufReader::new(read_half);
    let mut writer = stream;
    loop {
        let req = match read_request(&mut reader, &mut writer) {
            Ok(r) => r,
            Err(ReadError::Closed) => break,
            Err(ReadError::Bad(status, msg)) => {
                let _ = write_response(&mut writer, &error(status, msg), false, false);
                linger(&mut reader, &writer);
                break;
            }
        };
        let keep_alive = wants_keep_alive(&req);
        let head_only = req.method == "HEAD";
        let outcome = catch_unwind(AssertUnwindSafe(|| handler(&req))).unwrap_or_else(|_| {
            Outcome::Respond(error(500, "The simulator failed on this request (a bug); it keeps running."))
        });
        match outcome {
            Outcome::Drop => break,
            Outcome::Respond(r) => {
                if write_response(&mut writer, &r, head_only, keep_alive).is_err() || !keep_alive {
                    break;
                }
            }
        }
    }
    let _ = writer.shutdown(Shutdown::Both);
}

/// After an error answer, reads (and drops) what the client is still sending for a moment,
/// so closing does not reset the connection before the client has read the answer.
fn linger(reader: &mut BufReader<TcpStream>, writer: &TcpStream) {
    let _ = writer.shutdown(Shutdown::Write);
    let _ = writer.set_read_timeout(Some(Duration::from_millis(500)));
    let _ = std::io::copy(&mut reader.by_ref().take(4 * 1024 * 1024), &mut std::io::sink());
}

fn wants_keep_alive(req: &Req) -> bool {
    let conn = req.header("connection").unwrap_or("").to_ascii_lowercase();
    if req.version == "HTTP/1.0" {
        conn.contains("keep-alive")
    } else {
        !conn.contains("close")
    }
}

fn read_line(reader: &mut BufReader<TcpStream>, budget: &mut u64) -> Result<String, ReadError> {
    let mut line = Vec::new();
    let n = reader.by_ref().take(*budget).read_until(b'\n', &mut line).map_err(|_| ReadError::Closed)?;
    if n == 0 {
        return Err(ReadError::Closed);
    }
    *budget = budget.saturating_sub(n as u64);
    if !line.ends_with(b"\n") {
        return Err(if *budget == 0 {
            ReadError::Bad(431, "The request head is too large.")
        } else {
            ReadError::Closed
        });
    }
    let s = String::from_utf8(line).map_err(|_| ReadError::Bad(400, "The request head is not UTF-8."))?;
    Ok(s.trim_end_matches(['\r', '\n']).to_owned())
}

fn read_request(reader: &mut BufReader<TcpStream>, writer: &mut TcpStream) -> Result<Req, ReadError> {
    let mut budget = MAX_HEAD;
    let mut line = read_line(reader, &mut budget)?;
    while line.is_empty() {
        line = read_line(reader, &mut budget)?; // tolerate stray CRLFs between requests
    }
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Bad(400, "Malformed request line."));
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) || !version.starts_with("HTTP/1.") {
        return Err(ReadError::Bad(400, "Malformed request line."));
    }
    // Absolute-form targets (`http://host/path`) are reduced to their path.
    let target = match target.split_once("://") {
        Some((_, rest)) => rest.find('/').map(|i| &rest[i..]).unwrap_or("/"),
        None => target,
    };
    if !target.starts_with('/') {
        return Err(ReadError::Bad(400, "The request target must be a path."));
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut headers = Vec::new();
    loop {
        let h = read_line(reader, &mut budget)?;
        if h.is_empty() {
            break;
        }
        let Some((k, v)) = h.split_once(':') else {
            return Err(ReadError::Bad(400, "Malformed header line."));
        };
        headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
    }
    let mut req = Req {
        method: method.to_owned(),
        version: version.to_owned(),
        path: path.to_owned(),
        query: query.to_owned(),
        headers,
        body: Vec::new(),
    };
    let chunked = req.header("transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    let length = match req.header("content-length") {
        Some(l) => Some(l.parse::<usize>().map_err(|_| ReadError::Bad(400, "Bad Content-Length."))?),
        None => None,
    };
    if length.is_some_and(|l| l > MAX_BODY) {
        return Err(ReadError::Bad(413, "The request body is too large."));
    }
    if (chunked || length.unwrap_or(0) > 0)
        && req.header("expect").is_some_and(|e| e.eq_ignore_ascii_case("100-continue"))
    {
        let _ = writer.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
    }
    if chunked {
        req.body = read_chunked(reader)?;
    } else if let Some(l) = length {
        let mut body = vec![0; l];
        reader.read_exact(&mut body).map_err(|_| ReadError::Closed)?;
        req.body = body;
    }
    Ok(req)
}

fn read_chunked(reader: &mut BufReader<TcpStream>) -> Result<Vec<u8>, ReadError> {
    let mut body = Vec::new();
    loop {
        let mut budget = 1024;
        let size_line = read_line(reader, &mut budget)?;
        let size = usize::from_str_radix(size_line.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| ReadError::Bad(400, "Bad chunk size."))?;
        if size == 0 {
            let mut budget = MAX_HEAD;
            while !read_line(reader, &mut budget)?.is_empty() {} // trailers
            return Ok(body);
        }
        if body.len() + size > MAX_BODY {
            return Err(ReadError::Bad(413, "The request body is too large."));
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader.read_exact(&mut body[start..]).map_err(|_| ReadError::Closed)?;
        let mut budget = 2;
        read_line(reader, &mut budget)?; // the CRLF after the chunk
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Payload Too Large",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

fn write_response(w: &mut TcpStream, r: &Resp, head_only: bool, keep_alive: bool) -> std::io::Result<()> {
    let mut out = format!("HTTP/1.1 {} {}\r\n", r.status, reason(r.status)).into_bytes();
    for (k, v) in &r.headers {
        if !k.eq_ignore_ascii_case("content-length")
            && !k.eq_ignore_ascii_case("connection")
            && !k.eq_ignore_ascii_case("transfer-encoding")
        {
            out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
        }
    }
    let conn = if keep_alive { "keep-alive" } else { "close" };
    out.extend_from_slice(format!("Content-Length: {}\r\nConnection: {conn}\r\n\r\n", r.body.len()).as_bytes());
    if !head_only {
        out.extend_from_slice(&r.body);
    }
    w.write_all(&out)?;
    w.flush()
}
