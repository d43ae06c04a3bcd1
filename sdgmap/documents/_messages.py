"""Messages of the document readers, with stable codes.

They move to ``sdgmap.errors`` (E060-E066, W060-W064) once the package layout settles;
until then they live here so that this subpackage only adds files.
"""

from __future__ import annotations


class DocumentErrors:
    E060 = "[E060] Cannot tell the format of {path}: it is not a PDF, DOCX, HTML, Markdown or plain-text file ({found})."
    E061 = "[E061] {path} is not a readable {format} file (truncated or corrupt?): {reason}."
    E062 = "[E062] {path} is encrypted and needs a password; sdgmap does not open protected documents."
    E063 = "[E063] {path} has no text layer on any of its {pages} page(s) (a scanned document?): OCR is not done."
    E064 = "[E064] Reading {format} files needs the {package!r} package: pip install 'sdgmap[documents]'."
    E065 = "[E065] Expected a path to a document or a Document, got {type}."
    E066 = "[E066] Unknown document format {name!r}. Registered formats: {options}."


class DocumentWarnings:
    W060 = "[W060] {path}: page(s) {pages} have no text layer (scanned images?): OCR is not done, they are left out."
    W061 = "[W061] {path}: page(s) {pages} are empty."
    W062 = "[W062] {path}: page {page} could not be read and is left out: {reason}."
    W063 = "[W063] {path} has no text: the result has no sections and no goals."
    W064 = "[W064] {path}: the {suffix!r} suffix says {claimed}, but the content is {format}; read as {format}."
