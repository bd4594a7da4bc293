//! Static files go out compressed when the client accepts it, with the right type.

mod support;

use std::io::Read;
use support::*;

#[test]
fn the_wasm_is_served_compressed_as_application_wasm() {
    let sim = start();
    // Compressible but not trivial: a wasm header and a repeated "module" body.
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.extend((0..20_000u32).flat_map(|i| (i % 251).to_le_bytes()));
    std::fs::write(sim.www.join("pkg/big_bg.wasm"), &wasm).unwrap();

    let plain = sim.get("/pkg/big_bg.wasm", &[]);
    assert_eq!((plain.status, plain.header("Content-Encoding")), (200, None));
    for encoding in ["gzip", "br"] {
        let a = sim.raw(
            format!(
                "GET /pkg/big_bg.wasm HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: {encoding}\r\nConnection: close\r\n\r\n"
            )
            .as_bytes(),
        );
        let answer = a.unwrap();
        let split = answer.windows(4).position(|w| w == b"\r\n\r\n").expect("a head") + 4;
        let head = String::from_utf8_lossy(&answer[..split]).to_ascii_lowercase();
        assert!(head.starts_with("http/1.1 200 "), "{head}");
        assert!(head.contains("content-type: application/wasm\r\n"), "{head}");
        assert!(head.contains(&format!("content-encoding: {encoding}\r\n")), "{head}");
        assert!(head.contains("cache-control: no-store\r\n"), "{head}");
        assert!(head.contains("vary: accept-encoding\r\n"), "{head}");
        let body = dechunk(&answer[split..], head.contains("transfer-encoding: chunked"));
        assert!(body.len() < wasm.len() / 2, "{encoding}: {} of {} bytes", body.len(), wasm.len());
        if encoding == "gzip" {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&body[..]).read_to_end(&mut out).unwrap();
            assert_eq!(out, wasm, "gzip round trip");
        }
    }
}

/// The body of a chunked answer (or the bytes as they are).
fn dechunk(mut rest: &[u8], chunked: bool) -> Vec<u8> {
    if !chunked {
        return rest.to_vec();
    }
    let mut out = Vec::new();
    loop {
        let eol = rest.windows(2).position(|w| w == b"\r\n").expect("a chunk size line");
        let size = usize::from_str_radix(std::str::from_utf8(&rest[..eol]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&rest[eol + 2..eol + 2 + size]);
        rest = &rest[eol + 2 + size + 2..];
    }
}
