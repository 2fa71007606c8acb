//! HTTP hardening: cross-site request refusal on the API, security headers
//! on every response, and the client address for the sign-in throttle.

use crate::config::Config;
use app::auth::throttle::ClientIp;
use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, Request, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// What a refused cross-site request is told.
pub const CROSS_SITE_REFUSED: &str = "cross-site requests to the API are refused";

/// The Content-Security-Policy. Pages carry the per-response nonce Leptos
/// puts on its inline hydration and resource scripts; `'wasm-unsafe-eval'`
/// lets the browser compile the WASM. Inline styles stay allowed so that
/// components may set `style:` properties; scripts are the XSS vector, and
/// those run only from this origin or with the nonce.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let scripts = match nonce {
        Some(nonce) => format!("script-src 'self' 'wasm-unsafe-eval' 'nonce-{nonce}'"),
        None => "script-src 'self' 'wasm-unsafe-eval'".to_string(),
    };
    format!(
        "default-src 'self'; {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The scheme browsers reach this server by. `--secure-cookies` says users
/// come over HTTPS (the server itself speaks plain HTTP behind a TLS
/// proxy); without it they come over plain HTTP. A forwarded-protocol
/// header is not consulted: a client could set it.
pub fn own_scheme(config: &Config) -> Scheme {
    if config.secure_cookies {
        Scheme::Https
    } else {
        Scheme::Http
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Http,
    Https,
}

impl Scheme {
    fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }

    fn default_port(self) -> u16 {
        match self {
            Scheme::Http => 80,
            Scheme::Https => 443,
        }
    }
}

/// Refuses unsafe methods on `/api/` that come from another site: the
/// browser says so in `Sec-Fetch-Site`, or the `Origin` it sends is not
/// this server — same scheme, host and port. Requests without either header
/// (scripts, curl, old browsers on same-origin GETs) pass: a browser always
/// sends `Origin` on a cross-origin POST, so they cannot be cross-site
/// forgeries.
pub async fn refuse_cross_site(State(scheme): State<Scheme>, req: Request<Body>, next: Next) -> Response {
    let unsafe_method =
        !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE);
    if unsafe_method
        && req.uri().path().starts_with("/api/")
        && is_cross_site(req.headers(), req.uri(), scheme)
    {
        tracing::warn!(
            path = req.uri().path(),
            origin = ?req.headers().get(header::ORIGIN),
            "refused a cross-site request"
        );
        return (StatusCode::FORBIDDEN, CROSS_SITE_REFUSED).into_response();
    }
    next.run(req).await
}

fn is_cross_site(headers: &HeaderMap, uri: &Uri, scheme: Scheme) -> bool {
    if headers.get("sec-fetch-site").is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"cross-site")) {
        return true;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return false;
    };
    // HTTP/1 names the target in Host, HTTP/2 in the URI's authority.
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| uri.authority().map(|a| a.as_str()));
    match (origin.to_str().ok(), host) {
        (Some(origin), Some(host)) => !same_origin(origin, host, scheme),
        _ => true,
    }
}

/// Whether `origin` (`scheme://host[:port]`, or `null`) names this server,
/// reached as `host` (`host[:port]`) over `scheme`: the same scheme, host
/// and port, default ports included.
fn same_origin(origin: &str, host: &str, scheme: Scheme) -> bool {
    let Ok(origin) = origin.parse::<Uri>() else {
        return false;
    };
    let (Some(origin_scheme), Some(origin_host)) = (origin.scheme_str(), origin.host()) else {
        return false;
    };
    if !origin_scheme.eq_ignore_ascii_case(scheme.as_str()) {
        return false;
    }
    let Ok(host) = host.parse::<axum::http::uri::Authority>() else {
        return false;
    };
    let port = scheme.default_port();
    origin_host.eq_ignore_ascii_case(host.host())
        && origin.port_u16().unwrap_or(port) == host.port_u16().unwrap_or(port)
}

/// Headers every response gets, unless the handler chose its own (a page
/// sets its CSP with the nonce of its scripts, an attachment its sandbox).
/// API answers and pages say `Cache-Control: no-store`: a client's tickets
/// must stay neither in a shared computer's history nor in a proxy
/// (attachments say `private, no-store`). Static files (`/pkg/`, the
/// favicon…) keep their caching.
pub async fn security_headers(State(hsts): State<bool>, req: Request<Body>, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    if api || is_html(headers) {
        let chosen = headers.get(header::CACHE_CONTROL).is_some_and(|v| v.as_bytes().ends_with(b"no-store"));
        if !chosen {
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
    }
    let defaults = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
        (HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=()"),
    ];
    for (name, value) in defaults {
        headers.entry(name).or_insert(HeaderValue::from_static(value));
    }
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Ok(csp) = HeaderValue::from_str(&content_security_policy(None)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, csp);
        }
    }
    if hsts {
        headers
            .entry(header::STRICT_TRANSPORT_SECURITY)
            .or_insert(HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    res
}

/// Whether a response is a page (static files carry their own types).
fn is_html(headers: &HeaderMap) -> bool {
    headers.get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/html"))
}

/// Records the client's address in the request for the sign-in throttle:
/// the TCP peer, or the last address in the configured proxy header.
pub async fn record_client_ip(
    State(proxy_header): State<Option<HeaderName>>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let forwarded = proxy_header.as_ref().and_then(|name| last_address(req.headers(), name));
    let ip = forwarded.or(peer).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    req.extensions_mut().insert(ClientIp(ip));
    next.run(req).await
}

/// The last address in a (possibly repeated, comma-separated) header: the
/// one our own proxy added; earlier entries are whatever the client sent.
fn last_address(headers: &HeaderMap, name: &HeaderName) -> Option<IpAddr> {
    let last = headers.get_all(name).iter().next_back()?.to_str().ok()?;
    last.rsplit(',').next()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.append(HeaderName::from_static(k), HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn same_origin_compares_scheme_host_and_port_with_defaults() {
        use Scheme::{Http, Https};
        assert!(same_origin("http://127.0.0.1:3000", "127.0.0.1:3000", Http));
        assert!(same_origin("https://Desk.Example.com", "desk.example.com", Https));
        assert!(same_origin("https://desk.example.com", "desk.example.com:443", Https));
        assert!(same_origin("HTTPS://desk.example.com", "desk.example.com", Https));
        assert!(!same_origin("http://desk.example.com", "desk.example.com:443", Https));
        assert!(!same_origin("https://evil.example", "desk.example.com", Https));
        assert!(!same_origin("http://127.0.0.1:3001", "127.0.0.1:3000", Http));
        assert!(!same_origin("null", "desk.example.com", Https));
        assert!(!same_origin("https://desk.example.com.evil.example", "desk.example.com", Https));
    }

    #[test]
    fn another_scheme_on_the_same_host_and_port_is_another_origin() {
        use Scheme::{Http, Https};
        assert!(!same_origin("https://127.0.0.1:3000", "127.0.0.1:3000", Http));
        assert!(!same_origin("http://127.0.0.1:3000", "127.0.0.1:3000", Https));
        assert!(!same_origin("http://desk.example.com", "desk.example.com", Https));
        assert!(!same_origin("https://desk.example.com", "desk.example.com", Http));
        assert!(!same_origin("ftp://desk.example.com", "desk.example.com", Http));
    }

    #[test]
    fn cross_site_is_what_the_browser_or_the_origin_says() {
        let uri: Uri = "/api/board".parse().unwrap();
        let https = Scheme::Https;
        assert!(!is_cross_site(&headers(&[("host", "a.example")]), &uri, https));
        assert!(!is_cross_site(
            &headers(&[("host", "a.example"), ("origin", "https://a.example")]),
            &uri,
            https
        ));
        assert!(is_cross_site(
            &headers(&[("host", "a.example"), ("origin", "http://a.example")]),
            &uri,
            https
        ));
        assert!(is_cross_site(
            &headers(&[("host", "a.example"), ("origin", "https://b.example")]),
            &uri,
            https
        ));
        assert!(is_cross_site(
            &headers(&[("host", "a.example"), ("sec-fetch-site", "cross-site")]),
            &uri,
            https
        ));
        assert!(!is_cross_site(
            &headers(&[("host", "a.example"), ("sec-fetch-site", "same-origin")]),
            &uri,
            https
        ));
        assert!(
            is_cross_site(&headers(&[("origin", "https://a.example")]), &uri, https),
            "origin but no host"
        );
    }

    #[test]
    fn the_proxy_header_gives_its_last_address() {
        let name = HeaderName::from_static("x-forwarded-for");
        let h = headers(&[("x-forwarded-for", "10.0.0.1, 198.51.100.7")]);
        assert_eq!(last_address(&h, &name), Some("198.51.100.7".parse().unwrap()));
        let h = headers(&[("x-forwarded-for", "1.1.1.1"), ("x-forwarded-for", "2001:db8::1")]);
        assert_eq!(last_address(&h, &name), Some("2001:db8::1".parse().unwrap()));
        assert_eq!(last_address(&headers(&[("x-forwarded-for", "junk")]), &name), None);
    }

    #[test]
    fn pages_allow_their_nonce_and_nothing_else_inline() {
        let csp = content_security_policy(Some("abc"));
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'nonce-abc';"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!content_security_policy(None).contains("nonce"));
        let scripts = csp.split(';').find(|d| d.trim().starts_with("script-src")).unwrap();
        assert!(!scripts.contains("unsafe-inline") && !scripts.contains(" 'unsafe-eval'"), "{scripts}");
    }
}
