"""The one error of the PDF edition."""


class PdfError(RuntimeError):
    """The edition could not be made as it should be (the message says why)."""
