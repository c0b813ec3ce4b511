"""The interchange format (``docs/interchange.md``): export, import, and the ``.zip`` archive.

Import is all or nothing (one transaction), passes every text through the card guard, and skips
incidents already present (same content fingerprint), so importing a file twice adds nothing.
``export`` writes the format, ``importer`` reads it (as a stream, :mod:`posaid.store.json_stream`),
``convert`` turns its dicts into records.
"""

from posaid.store.interchange.convert import incident_from_dict, merchant_from_dict
from posaid.store.interchange.export import (
    export_archive,
    export_document,
    export_json,
    incident_to_dict,
    write_error,
)
from posaid.store.interchange.importer import (
    ImportResult,
    Step,
    import_document,
    import_path,
)

__all__ = [
    "ImportResult",
    "Step",
    "export_archive",
    "export_document",
    "export_json",
    "import_document",
    "import_path",
    "incident_from_dict",
    "incident_to_dict",
    "merchant_from_dict",
    "write_error",
]
