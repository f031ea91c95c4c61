"""webapp.pdf.seal: PAdES seals that pyHanko's validator finds intact, valid, whole-file."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import io

import pikepdf
import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from webapp.case import parse_case
from webapp.cli import main
from webapp.pdf.seal import Sealer, SealError

from .conftest import TODAY, make_case, pdf_text

NOW = dt.datetime.now(dt.UTC)


def _cert(name: str, key, issuer=None, issuer_key=None, ca=False, usage=None):
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    builder = (x509.CertificateBuilder().subject_name(subject)
               .issuer_name(issuer.subject if issuer else subject)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(NOW - dt.timedelta(days=1))
               .not_valid_after(NOW + dt.timedelta(days=30))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if ca:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
            key_encipherment=False, data_encipherment=False, key_agreement=False,
            encipher_only=False, decipher_only=False), critical=True)
    else:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_cert_sign=False,
            crl_sign=False, key_encipherment=False, data_encipherment=False,
            key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
    if usage:
        builder = builder.add_extension(x509.ExtendedKeyUsage(usage), critical=True)
    return builder.sign(issuer_key or key, hashes.SHA256())


@pytest.fixture(scope="module")
def pki():
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = _cert("Objector Test CA", ca_key, ca=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    leaf = _cert("Privacy Friends seal", key, ca, ca_key)
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tsa = _cert("Objector Test TSA", tsa_key, ca, ca_key, usage=[ExtendedKeyUsageOID.TIME_STAMPING])
    p12 = pkcs12.serialize_key_and_certificates(
        b"seal", key, leaf, [ca], serialization.BestAvailableEncryption(b"secret"))

    def asn1(cert):
        return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

    tsa_private = asn1_keys.PrivateKeyInfo.load(tsa_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    return {"p12": p12, "ca": asn1(ca), "tsa": DummyTimeStamper(
        tsa_cert=asn1(tsa), tsa_key=tsa_private, certs_to_embed=[asn1(ca)])}


@pytest.fixture(scope="module")
def letter(pipeline, catalog):
    case = parse_case(make_case(country="IE", platform="meta"), catalog, TODAY)
    route = pipeline.route(case)
    return pipeline.render(route, route.letters[0]).pdf


def _validate(pdf: bytes, ca):
    def run():
        reader = PdfFileReader(io.BytesIO(pdf))
        (signature,) = reader.embedded_signatures
        return validate_pdf_signature(signature, ValidationContext(trust_roots=[ca]))

    # pyHanko runs its own event loop; the browser tests leave one running in this thread
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def test_a_pades_b_b_seal_is_intact_valid_and_covers_the_whole_file(pki, letter):
    sealed = Sealer(pki["p12"], b"secret").seal(letter)
    status = _validate(sealed, pki["ca"])
    assert status.intact
    assert status.valid
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert "Meta Platforms Ireland Limited" in pdf_text(sealed)
    with pikepdf.open(io.BytesIO(sealed)) as pdf:  # still PDF/A-3b after the seal
        assert pdf.open_metadata().pdfa_status == "3B"


def test_an_elliptic_curve_seal_is_valid_and_the_key_is_parsed_once(pki, letter):
    from cryptography.hazmat.primitives.asymmetric import ec

    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = _cert("Objector EC Test CA", ca_key, ca=True)
    key = ec.generate_private_key(ec.SECP256R1())
    p12 = pkcs12.serialize_key_and_certificates(
        b"seal", key, _cert("EC seal", key, ca, ca_key), [ca], serialization.NoEncryption())
    sealer = Sealer(p12)
    first, second = sealer.seal(letter), sealer.seal(letter)
    for sealed in (first, second):
        status = _validate(sealed, asn1_x509.Certificate.load(
            ca.public_bytes(serialization.Encoding.DER)))
        assert status.intact
        assert status.valid
    assert sealer.signer._parsed is not None  # kept from the first seal


def test_a_pades_b_t_seal_carries_a_time_stamp(pki, letter):
    sealed = Sealer(pki["p12"], b"secret", timestamper=pki["tsa"]).seal(letter)
    status = _validate(sealed, pki["ca"])
    assert status.intact
    assert status.valid
    assert status.timestamp_validity is not None


def test_a_tampered_file_fails_validation(pki, letter):
    sealed = bytearray(Sealer(pki["p12"], b"secret").seal(letter))
    position = sealed.find(b"Meta Platforms")
    sealed[position] = ord("X") if position > 0 else sealed[100]
    status = _validate(bytes(sealed), pki["ca"])
    assert not (status.intact and status.valid)


def test_a_wrong_passphrase_is_a_clear_error(pki):
    with pytest.raises(SealError, match="passphrase"):
        Sealer(pki["p12"], b"wrong")


def test_objector_sign_signs_with_the_persons_own_certificate(pki, letter, runner, tmp_path):
    source, target, p12 = tmp_path / "in.pdf", tmp_path / "out.pdf", tmp_path / "me.p12"
    source.write_bytes(letter)
    p12.write_bytes(pki["p12"])
    result = runner.invoke(main, ["sign", str(source), "--p12", str(p12), "-o", str(target)],
                           env={"OBJECTOR_P12_PASSPHRASE": "secret"})
    assert result.exit_code == 0, result.output
    status = _validate(target.read_bytes(), pki["ca"])
    assert status.intact
    assert status.valid
