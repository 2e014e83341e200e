"""Hostile files: time and peak memory of refusing them (CLI and web), and memory left after.

Writes its section of docs/benchmarks.md. Run: `python bench/bench_hostile.py` (about 1 min).
Each case runs in a fresh process so its peak resident memory is its own.
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

# The child's own peak (VmHWM): getrusage's maxrss would count the forked parent too.
PEAK = """
import atexit, sys
def _peak():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM'):
            sys.stdout.write(f"\\nPEAK_KB {line.split()[1]}\\n"); sys.stdout.flush()
atexit.register(_peak)
"""
CLI = PEAK + """
from smartcheck.cli import main
sys.exit(main(['check', sys.argv[1]]))
"""
WEB = PEAK + """
import io, sys, time
sys.path.insert(0, 'tests')
from conftest import FakeEngine, make_app
def rss(): return int(open('/proc/self/statm').read().split()[1]) * 4096 // 2**20
client = make_app(FakeEngine(), BATCH_DUPLICATES='lexical').test_client()
client.get('/check-file/')
data = open(sys.argv[1], 'rb').read()
before, started = rss(), time.monotonic()
r = client.post('/check-file/', data={'file': (io.BytesIO(data), sys.argv[2])},
                content_type='multipart/form-data')
print(r.status_code, round(time.monotonic() - started, 1), before, rss())
"""


def measured(args: list[str]) -> tuple[int, str, float, float]:
    """Exit code, stdout (without the probe line), wall seconds and peak RSS (MB) of a child."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.monotonic()
    done = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                          cwd=ROOT, timeout=600)
    out = done.stdout.decode()
    peak = re.search(r"PEAK_KB (\d+)", out)
    assert peak, out
    return (done.returncode, out[:peak.start()].strip(), time.monotonic() - started,
            int(peak.group(1)) / 1024)


def main() -> int:
    """Build the files, measure each case, write the section."""
    from docx import Document
    from hostile_files import forged_docx, forged_zip, many_paragraphs_docx

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        bomb = Path(tmp) / "forged.docx"
        bomb.write_bytes(forged_docx(2 * 1024**3, claimed=4000))
        code, _, wall, peak = measured([sys.executable, "-c", CLI, str(bomb)])
        rows.append(("CLI `smartcheck check` forged bomb (2.1 MB .docx, document.xml "
                     "inflates to 2 GB, headers claim 4,000 B)", f"exit {code}",
                     f"{wall:.1f} s", f"{peak:.0f} MB", "–"))
        code, out, wall, peak = measured([sys.executable, "-c", WEB, str(bomb), "forged.docx"])
        status, seconds, _, _ = out.split()
        rows.append(("web upload, same bomb", f"HTTP {status}", f"{seconds} s",
                     f"{peak:.0f} MB", "–"))
        import io

        buffer = io.BytesIO()
        Document().save(buffer)
        xml = Path(tmp) / "xml180.docx"
        xml.write_bytes(forged_zip(buffer.getvalue(), "word/document.xml", 180 * 1024**2,
                                   claimed=None, varied=True))
        code, out, wall, peak = measured([sys.executable, "-c", WEB, str(xml), "xml180.docx"])
        status, seconds, before, after = out.split()
        rows.append((f"web upload, honest .docx of {xml.stat().st_size / 1e6:.1f} MB holding "
                     "180 MB of XML", f"HTTP {status}", f"{seconds} s", f"{peak:.0f} MB",
                     f"{int(after) - int(before):+d} MB"))
        long = Path(tmp) / "long.docx"
        long.write_bytes(many_paragraphs_docx(400_000))
        code, out, wall, peak = measured([sys.executable, "-c", WEB, str(long), "long.docx"])
        status, seconds, before, after = out.split()
        rows.append((f"web upload, .docx of 400,000 paragraphs ({long.stat().st_size / 1e6:.1f}"
                     " MB), 30 s budget", f"HTTP {status}", f"{seconds} s", f"{peak:.0f} MB",
                     f"{int(after) - int(before):+d} MB"))
    table = "\n".join(f"| {' | '.join(row)} |" for row in rows)
    section = (
        f"## Hostile files ({date.today()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()})\n\n"
        "Each case in a fresh process (web: Flask test client, fake engine); peak = the "
        "process's maximum resident memory; 'kept' = resident memory after the request minus "
        "before it.\n\n"
        "| case | answer | time | peak | kept |\n| --- | --- | --- | --- | --- |\n"
        f"{table}\n\n"
        "Before issue 13 (first run, same files): the forged bomb peaked at 2,080 MB in the "
        "CLI (12.6 s, then 'damaged'); the 400,000-paragraph .docx ran 63 s and kept +226 MB; "
        "the 180 MB-of-XML .docx peaked at 389 MB.\n"
        "Command: `python bench/bench_hostile.py`.")
    from run import write_section

    write_section(section, "hostile-bench")
    print(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
