"""Seal PDFs with a PKCS#12 certificate: PAdES B-B, or B-T with a time-stamp authority.

The host's seal key is loaded once per process (`Sealer`); `objector sign` uses the same code
for a person's own certificate on their own machine. The signature is invisible and added as an
incremental update, so the PDF/A-3b file stays conformant.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import io
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper


class _KeptKeySigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner parses its private key again (with the full RSA checks, about
    30 ms) for every signature; this one parses it once and keeps it."""

    _parsed = None

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        if self._parsed is None:
            self._parsed = serialization.load_der_private_key(self.signing_key.dump(), None)
        key = self._parsed
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        hash_algo = get_pyca_cryptography_hash(digest_algorithm)
        if mechanism == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
            return key.sign(data, padding.PKCS1v15(), hash_algo)
        if mechanism == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
            return key.sign(data, ec.ECDSA(hash_algo))
        return super().sign_raw(data, digest_algorithm)  # PSS, DSA, EdDSA: pyHanko's own way


class SealError(RuntimeError):
    """The certificate could not be loaded or used; the message is safe to show."""


class Sealer:
    """A signing key and certificate, loaded once, and an optional time-stamp authority."""

    def __init__(self, p12: bytes, passphrase: bytes | None = None,
                 timestamper: TimeStamper | None = None, name: str = "Objector seal"):
        try:
            loaded = signers.SimpleSigner.load_pkcs12_data(p12, (), passphrase=passphrase)
        except Exception as exc:  # noqa: BLE001 - pyHanko raises several kinds here
            raise SealError("The PKCS#12 file could not be opened: check the file and its "
                            "passphrase.") from exc
        if loaded is None:
            raise SealError("The PKCS#12 file could not be opened: check the file and its "
                            "passphrase.")
        self.signer = _KeptKeySigner(
            signing_cert=loaded.signing_cert, signing_key=loaded.signing_key,
            cert_registry=loaded.cert_registry, signature_mechanism=loaded.signature_mechanism)
        self.timestamper = timestamper
        self.name = name
        # room for the signature container: the certificates, the signature and the signed
        # attributes, with a margin; fixed up front, so pyHanko does not sign a dry run first
        # to measure it (a time-stamp's size varies: pyHanko measures when one is used)
        certs = [self.signer.signing_cert, *self.signer.cert_registry]
        self.reserved = None if timestamper else 2 * (
            sum(len(c.dump()) for c in certs) + 2048)

    @classmethod
    def from_file(cls, path: str | Path, passphrase: str | None = None,
                  tsa_url: str | None = None) -> Sealer:
        return cls(Path(path).read_bytes(), passphrase.encode() if passphrase else None,
                   HTTPTimeStamper(tsa_url) if tsa_url else None)

    def seal(self, pdf: bytes) -> bytes:
        """Return `pdf` with an invisible PAdES signature over the whole file."""
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return self._seal(pdf)
        # pyHanko's synchronous API starts its own event loop: where one already runs in this
        # thread (an async host, a browser-driving test), sign in a thread of its own
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(self._seal, pdf).result()

    def _seal(self, pdf: bytes) -> bytes:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        meta = signers.PdfSignatureMetadata(
            field_name="Seal", subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256", name=self.name,
            use_pades_lta=False)
        out = io.BytesIO()
        signers.PdfSigner(meta, signer=self.signer, timestamper=self.timestamper).sign_pdf(
            writer, output=out, bytes_reserved=self.reserved)
        return out.getvalue()
