"""Rebuild the bundle's ICU data library without the parts Qt never reads.

Usage: python packaging/trim_icu.py LIBICUDATA   (called by build.py)

libicudata.so holds one symbol, `icudt<N>_dat`: an ICU "common data" package
of about 4,000 items. Qt asks ICU for case mapping, normalisation, collation
(QCollator, which also sorts file dialogs) and text converters; the locale
display names, units, currencies, time-zone names, transliterators, number
spelling and dictionary-based word breaking are for ICU's own formatting
APIs, which Qt leaves unused. Dropping them saves about 18 MB. A missing item
makes ICU report U_MISSING_RESOURCE_ERROR or fall back to root data; it never
crashes. The library is rebuilt with binutils (as, ld) under the same soname.

Limitation: QTimeZone.displayName() returns an empty string, since the zone
names are gone; the app shows no time zones.
"""

import re
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

# Item folders (inside the package, e.g. "icudt73l/zone/") that are dropped.
UNUSED_FOLDERS = {"brkitr", "curr", "lang", "rbnf", "region", "translit", "unit"}
UNUSED_FOLDERS |= {"zone"}
ALIGN = 16


def find_symbol(library: Path) -> tuple[str, int, int]:
    """Return the data symbol's name, file offset and size."""
    symbols = _readelf(library, "--dyn-syms")
    match = re.search(
        r":\s+([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT.*?(icudt\d+_dat)", symbols
    )
    if match is None:
        raise SystemExit(f"{library} has no icudt*_dat symbol.")
    address, size, name = int(match[1], 16), int(match[2], 0), match[3]
    for line in _readelf(library, "-S").splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 5 and fields[1] == ".rodata":
            section_address, section_offset = int(fields[3], 16), int(fields[4], 16)
            return name, address - section_address + section_offset, size
    raise SystemExit(f"{library} has no .rodata section.")


def _readelf(library: Path, option: str) -> str:
    """Return readelf's wide output for one option."""
    command = ["readelf", "-W", option, str(library)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def read_items(package: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """Split a common-data package into its header and (name, bytes) items."""
    header_size = struct.unpack_from("<H", package, 0)[0]
    if package[2:4] != b"\xda\x27" or package[12:16] != b"CmnD":
        raise SystemExit("The ICU data is not a common-data package.")
    toc = package[header_size:]
    count = struct.unpack_from("<I", toc, 0)[0]
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    ends = [offset for _, offset in entries[1:]] + [len(toc)]

    items = []
    for (name_offset, start), end in zip(entries, ends, strict=True):
        name = toc[name_offset : toc.index(b"\0", name_offset)].decode("ascii")
        items.append((name, toc[start:end]))
    return package[:header_size], items


def is_used(name: str) -> bool:
    """Return whether Qt may read this item."""
    inner = name.split("/", 1)[1]
    folder = inner.split("/", 1)[0] if "/" in inner else ""
    return folder not in UNUSED_FOLDERS


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """Return a common-data package holding the given items, in name order."""
    items = sorted(items)
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)
    data_start = _padded(toc_size + len(names))

    entries, blobs, offset = [], [], data_start
    name_offset = toc_size
    for name, blob in items:
        entries.append(struct.pack("<II", name_offset, offset))
        name_offset += len(name) + 1
        blobs.append(blob.ljust(_padded(len(blob)), b"\0"))
        offset += len(blobs[-1])

    toc = struct.pack("<I", len(items)) + b"".join(entries) + names
    return header + toc.ljust(data_start, b"\0") + b"".join(blobs)


def _padded(size: int) -> int:
    """Return size rounded up to the item alignment."""
    return -(-size // ALIGN) * ALIGN


def link_library(package: bytes, symbol: str, soname: str, target: Path) -> None:
    """Assemble the package into a shared library exporting the data symbol."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "data.bin").write_bytes(package)
        (work / "data.s").write_text(
            f"\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n"
            f'\t.balign {ALIGN}\n{symbol}:\n\t.incbin "{work / "data.bin"}"\n'
            f"\t.size {symbol}, . - {symbol}\n"
            '\t.section .note.GNU-stack,"",@progbits\n'
        )
        subprocess.run(
            ["as", "-o", str(work / "data.o"), str(work / "data.s")], check=True
        )
        command = ["ld", "-shared", "-soname", soname, "-o", str(target)]
        subprocess.run([*command, str(work / "data.o")], check=True)


def trim(library: Path) -> tuple[int, int]:
    """Rewrite the library in place; return its sizes before and after."""
    before = library.stat().st_size
    symbol, offset, size = find_symbol(library)
    package = library.read_bytes()[offset : offset + size]
    header, items = read_items(package)
    kept = [(name, blob) for name, blob in items if is_used(name)]

    soname = re.search(r"SONAME\).*\[(.+)\]", _readelf(library, "-d"))[1]
    rebuilt = library.with_suffix(library.suffix + ".trimmed")
    link_library(write_package(header, kept), symbol, soname, rebuilt)
    rebuilt.replace(library)
    return before, library.stat().st_size


def main(argv: list[str]) -> int:
    """Trim the library named on the command line and print the saving."""
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2])
        return 2
    before, after = trim(Path(argv[0]))
    print(f"ICU data: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
