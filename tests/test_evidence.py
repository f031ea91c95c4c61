"""webapp.evidence: files checked by content, images re-encoded, embedded in the complaint."""

from __future__ import annotations

import base64
import io

import pikepdf
import pytest
from PIL import Image

from webapp.case import CaseError, parse_case
from webapp.evidence import EvidenceError, clean_evidence

from .conftest import TODAY, make_case, pdf_text


def data_url(raw: bytes, mime: str = "image/png") -> str:
    return f"data:{mime};base64," + base64.b64encode(raw).decode()


def png(size=(400, 300)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, format="PNG")
    return out.getvalue()


def jpeg_with_location() -> bytes:
    image = Image.new("RGB", (200, 100), "white")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (48.0, 8.0, 0.0)}  # GPS: where it was taken
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def a_pdf(pages: int = 1, password: str | None = None) -> bytes:
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner=password, user=password)
             if password else False)
    return out.getvalue()


def test_an_image_is_re_encoded_without_its_hidden_data():
    item = clean_evidence("IMG 0001.JPG", data_url(jpeg_with_location(), "image/jpeg"), "x")
    assert item.mime == "image/png"
    assert item.name == "IMG-0001.png"
    image = Image.open(io.BytesIO(item.data))
    assert image.format == "PNG"
    assert not image.getexif()
    assert b"PhoneMaker" not in item.data


def test_a_pdf_is_kept_and_counted():
    item = clean_evidence("answer.pdf", data_url(a_pdf(3), "application/pdf"), "the answer")
    assert item.mime == "application/pdf"
    assert item.detail == "3 p."


@pytest.mark.parametrize(("raw", "mime", "message"), [
    (b"GIF89a" + b"\x00" * 40, "image/png", "could not be read as an image"),
    (png()[:50], "image/png", "could not be read as an image"),
    (b"%PDF-1.7 nonsense", "application/pdf", "could not be read as a PDF"),
    (a_pdf(1, "secret"), "application/pdf", "password"),
    (a_pdf(31), "application/pdf", "between 1 and 30 pages"),
    (png((6000, 5000)), "image/png", "too big"),
])
def test_a_refused_file_says_why(raw, mime, message):
    with pytest.raises(EvidenceError) as caught:
        clean_evidence("x", data_url(raw, mime), "")
    assert message in (caught.value.args[0] % caught.value.params)


def test_refusals_name_the_file_in_the_case(catalog):
    evidence = [{"name": "ok.png", "data": data_url(png())},
                {"name": "bad.gif", "data": data_url(b"GIF89a....", "image/png")}]
    with pytest.raises(CaseError) as caught:
        parse_case(make_case(kind="complaint", evidence=evidence), catalog, TODAY)
    assert list(caught.value.errors) == ["evidence[1].data"]


def test_evidence_is_embedded_in_the_complaint_and_listed(pipeline, catalog):
    evidence = [{"name": "notice.png", "data": data_url(png()), "shows": "The AI notice"},
                {"name": "answer.pdf", "data": data_url(a_pdf(2), "application/pdf"),
                 "shows": "Their refusal"}]
    case = parse_case(make_case(kind="complaint", country="IE", platform="meta",
                                evidence=evidence), catalog, TODAY)
    route = pipeline.route(case)
    pdf = pipeline.render(route, route.letters[0]).pdf
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert sorted(document.attachments) == ["answer.pdf", "notice.png"]
        relationships = {str(spec.obj.get("/AFRelationship")) for spec in
                         document.attachments.values()}
        assert relationships == {"/Supplement"}
        assert len(document.Root.AF) >= 2
        assert document.open_metadata().pdfa_status == "3B"
        assert document.Root.ViewerPreferences.DisplayDocTitle is True
    text = pdf_text(pdf)
    assert "notice.png" in text
    assert "The AI notice" in text
    assert "2 p." in text


def test_the_files_own_date_is_kept_for_the_index_before_its_metadata_goes():
    image = Image.new("RGB", (200, 100), "white")
    exif = Image.Exif()
    exif[0x0132] = "2025:09:20 10:11:12"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    item = clean_evidence("shot.jpg", data_url(out.getvalue(), "image/jpeg"), "")
    assert item.date == "2025-09-20"
    assert b"2025:09:20" not in item.data
