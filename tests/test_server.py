"""The local server behaves like the static host the site is published on (gzip, caching)."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request

import pytest

from briefing.site import server


@pytest.fixture
def site(tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "index.html").write_text("<p>" + "tariff " * 500 + "</p>", encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>root</p>", encoding="utf-8")
    (tmp_path / "chart.png").write_bytes(b"\x89PNG" + bytes(2000))
    return tmp_path


def fetch(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_text_is_gzipped_when_asked_and_counted_on_the_wire(site):
    log = server.TransferLog()
    with server.serve(site, log) as base:
        status, headers, body = fetch(base + "book/index.html", **{"Accept-Encoding": "gzip, br"})
        plain_status, plain_headers, plain = fetch(base + "book/index.html")
    assert status == plain_status == 200
    assert headers["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain_headers
    assert gzip.decompress(body) == plain == (site / "book" / "index.html").read_bytes()
    assert headers["Cache-Control"] == server.CACHE_CONTROL
    assert headers["Vary"] == plain_headers["Vary"] == "Accept-Encoding", "caches must keep the two apart"
    assert [t.sent_bytes for t in log.transfers] == [len(body), len(plain)]
    assert log.raw() == 2 * len(plain) and log.sent() == len(body) + len(plain)


def test_images_are_sent_as_they_are(site):
    with server.serve(site) as base:
        status, headers, body = fetch(base + "chart.png", **{"Accept-Encoding": "gzip"})
    assert status == 200 and "Content-Encoding" not in headers and body == (site / "chart.png").read_bytes()


def test_a_cached_copy_is_revalidated_without_a_body(site):
    log = server.TransferLog()
    with server.serve(site, log) as base:
        _, headers, _ = fetch(base + "book/index.html")
        status, _, body = fetch(base + "book/index.html", **{"If-None-Match": headers["ETag"]})
    assert status == 304 and body == b""
    assert log.transfers[-1].status == 304 and log.transfers[-1].sent_bytes == 0


def test_directories_serve_their_index_and_missing_files_are_404(site):
    with server.serve(site) as base:
        assert fetch(base)[2] == b"<p>root</p>"
        assert fetch(base + "book/")[0] == 200
        assert fetch(base + "book/missing.html")[0] == 404


def test_make_serve_refuses_without_a_built_site(tmp_path, capsys):
    assert server.main([str(tmp_path)]) == 1
    assert "make book" in capsys.readouterr().err
