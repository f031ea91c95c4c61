"""webapp.pdf: PDF/A-3b with tags, fonts embedded, A4, metadata; the fetcher's allow-list."""

from __future__ import annotations

import io

import pikepdf
import pytest

from webapp.case import parse_case
from webapp.pdf import AssetFetcher, FetchRefused, Renderer, RenderError
from webapp.resources import LETTER_TEMPLATES

from .conftest import TODAY, make_case
from .test_case import png_data_url


@pytest.fixture(scope="module")
def objection_pdf(pipeline, catalog):
    case = parse_case(make_case(country="IE", signature={"image": png_data_url()}), catalog,
                      TODAY)
    route = pipeline.route(case)
    return pipeline.render(route, route.letters[0]).pdf


def test_pdf_is_pdfa_3b_tagged_with_metadata(objection_pdf):
    with pikepdf.open(io.BytesIO(objection_pdf)) as pdf:
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "3B"
        assert pdf.Root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "en"
        assert "Jane O'Brien" in meta["dc:creator"][0] if isinstance(
            meta["dc:creator"], list) else "Jane O'Brien" in str(meta["dc:creator"])
        assert "Objection" in str(meta["dc:title"])
        assert "/OutputIntents" in pdf.Root


def test_fonts_are_embedded_and_the_page_is_a4(objection_pdf):
    with pikepdf.open(io.BytesIO(objection_pdf)) as pdf:
        for page in pdf.pages:
            box = [float(v) for v in page.MediaBox]
            assert abs(box[2] - 595.28) < 1
            assert abs(box[3] - 841.89) < 1
            for font in page.Resources.Font.values():
                descendants = font.get("/DescendantFonts")
                descriptor = (descendants[0] if descendants else font).FontDescriptor
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_drawn_signature_is_in_the_pdf_with_alternative_text(objection_pdf):
    with pikepdf.open(io.BytesIO(objection_pdf)) as pdf:
        images = {img.objgen for page in pdf.pages for img in page.get_images().values()}
        assert len(images) == 1
        figures = [e for e in _struct_elements(pdf.Root.StructTreeRoot) if
                   e.get("/S") == "/Figure"]
        assert figures
        assert "Signature of Jane O'Brien" in str(figures[0].get("/Alt"))


def _struct_elements(node):
    kids = node.get("/K")
    if kids is None:
        return
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary):
            yield kid
            yield from _struct_elements(kid)


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "file:///dev/zero",
    (LETTER_TEMPLATES / ".." / "pyproject.toml").as_uri(),
    "http://127.0.0.1:9/x.png",
    "https://example.org/x.png",
    "data:text/plain,hello",
    "memory:other.png",
])
def test_fetcher_refuses_anything_but_the_letter_assets(url):
    fetcher = AssetFetcher(LETTER_TEMPLATES, {"signature.png": (b"x", "image/png")})
    with pytest.raises(FetchRefused):
        fetcher.fetch(url)


def test_fetcher_serves_its_assets_and_blobs():
    fetcher = AssetFetcher(LETTER_TEMPLATES, {"signature.png": (b"png!", "image/png")})
    assert fetcher.fetch("memory:signature.png").read() == b"png!"
    css = fetcher.fetch((LETTER_TEMPLATES / "letter.css").as_uri())
    assert b"@font-face" in css.read()


def test_a_letter_over_the_page_cap_is_refused(catalog, pipeline):
    case = parse_case(make_case(grounds_text="Long reasons. " * 140), catalog, TODAY)
    route = pipeline.route(case)
    html = pipeline.html(route, route.letters[0])
    with pytest.raises(RenderError, match="limit is 1"):
        Renderer(max_pages=1).render(html)


@pytest.mark.engine_warnings_expected
def test_a_refused_resource_is_an_engine_warning_that_fails_other_tests(engine_warnings):
    html = ('<html lang="en"><body><p>x</p>'
            '<img src="https://example.org/x.png" alt=""></body></html>')
    Renderer().render(html)
    assert any("example.org" in r.getMessage() for r in engine_warnings)


def test_qpdf_finds_no_problem(objection_pdf):
    with pikepdf.open(io.BytesIO(objection_pdf)) as pdf:
        assert pdf.check_pdf_syntax() == []


KIND_CASES = {
    "objection": {},
    "complaint": {"history": {"objection_sent": "2026-09-01", "channel": "email"}},
    "reminder": {"history": {"objection_sent": "2026-09-01", "channel": "email"}},
    "reply": {"history": {"objection_sent": "2026-09-01", "channel": "email",
                          "reply": "refused", "reply_date": "2026-10-01"}},
}


@pytest.mark.parametrize("kind", sorted(KIND_CASES))
def test_every_letter_kind_is_archival_and_accessible(pipeline, catalog, kind):
    case = parse_case(make_case(kind=kind, country="GB", signature={"image": png_data_url()},
                                **KIND_CASES[kind]), catalog, TODAY)
    route = pipeline.route(case)
    letter = next(lt for lt in route.letters if lt.kind == kind)
    pdf = pipeline.render(route, letter).pdf
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert document.check_pdf_syntax() == []
        assert document.open_metadata().pdfa_status == "3B"
        assert document.Root.MarkInfo.Marked is True
        assert str(document.Root.Lang) == "en"
        assert document.Root.ViewerPreferences.DisplayDocTitle is True
        assert "/OutputIntents" in document.Root
        images = [i for p in document.pages for i in p.get_images().values()]
        assert images
        assert all(i.get("/Interpolate") is not True for i in images)
        tags = {str(e.get("/S")) for e in _struct_elements(document.Root.StructTreeRoot)}
        assert {"/H1", "/H2", "/P", "/Figure"} <= tags
        for page in document.pages:
            for font in page.Resources.Font.values():
                descendants = font.get("/DescendantFonts")
                descriptor = (descendants[0] if descendants else font).FontDescriptor
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
