"""Zips whose headers lie about their sizes: refused after a capped inflate, memory stays flat."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from docx import Document
from hostile_files import forged_docx, forged_odt, forged_xlsx

from smartcheck.extract import FileReadError, extract_bytes, guards

ROOT = Path(__file__).resolve().parents[1]
PEAK_LIMIT_MB = 700




@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """A .docx whose document.xml inflates to 2 GB while every header claims 4,000 bytes."""
    path = tmp_path_factory.mktemp("bomb") / "forged.docx"
    path.write_bytes(forged_docx(2 * 1024**3, claimed=4000))
    return path


def _run_measured(code: str, *args: str) -> tuple[int, str, float]:
    """Run `code` in a fresh interpreter; exit code, output and its own peak RSS in MB.

    The peak is the child's VmHWM read at exit: ru_maxrss would inherit the parent's
    high-water mark across fork+exec (a test process with models loaded is already large).
    """
    fd, peak_file = tempfile.mkstemp(suffix=".peak")
    os.close(fd)
    script = (
        "import atexit, re, sys\n"
        "def _peak():\n"
        "    status = open('/proc/self/status').read()\n"
        "    kb = int(re.search(r'VmHWM:\\s+(\\d+)', status).group(1))\n"
        f"    open({peak_file!r}, 'w').write(str(kb))\n"
        "atexit.register(_peak)\n"
        "sys.argv = ['x', *sys.argv[1:]]\n"
        f"{code}\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.run([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, env=env, cwd=ROOT, check=False)
    text = Path(peak_file).read_text() or "0"
    os.unlink(peak_file)
    return child.returncode, child.stdout.decode(), int(text) / 1024


def test_cli_refuses_the_forged_bomb_with_exit_2_and_little_memory(bomb: Path) -> None:
    code, output, peak = _run_measured(
        "from smartcheck.cli import main\nsys.exit(main(['check', sys.argv[1]]))", str(bomb))
    assert code == 2, output
    assert "zip bomb" in output and "Traceback" not in output
    assert peak < PEAK_LIMIT_MB, f"peak {peak:.0f} MB"


def test_web_refuses_the_forged_bomb_with_400_and_little_memory(bomb: Path) -> None:
    code, output, peak = _run_measured(
        "import io\n"
        "sys.path.insert(0, 'tests')\n"
        "from conftest import FakeEngine, make_app\n"
        "client = make_app(FakeEngine()).test_client()\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "r = client.post('/check-file/', data={'file': (io.BytesIO(data), 'forged.docx')},\n"
        "                content_type='multipart/form-data')\n"
        "print(r.status_code, r.get_data(as_text=True))\n",
        str(bomb))
    assert code == 0, output
    assert output.startswith("400 ") and "zip bomb" in output
    assert peak < PEAK_LIMIT_MB, f"peak {peak:.0f} MB"


@pytest.mark.parametrize(("name", "build"), [("sheet.xlsx", forged_xlsx),
                                              ("text.odt", forged_odt),
                                              ("small.docx", forged_docx)])
def test_every_zipped_format_inflates_under_a_cap(name: str, build) -> None:
    data = build(300 * 1024**2)  # 300 MB behind a 4,000-byte claim
    tracemalloc.start()
    with pytest.raises(FileReadError) as info:
        extract_bytes(data, name)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert info.value.code == "zip_bomb"
    assert peak < 30_000_000, f"{peak / 1e6:.0f} MB traced"


def test_a_part_over_the_real_size_cap_is_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = Document()
    for n in range(400):
        doc.add_paragraph(f"Ratify the Convention against Torture, paragraph {n}.")
    buffer = io.BytesIO()
    doc.save(buffer)
    monkeypatch.setattr(guards, "MAX_PART", 20_000)  # an honest part, just too big
    with pytest.raises(FileReadError) as info:
        extract_bytes(buffer.getvalue(), "long.docx")
    assert info.value.code == "too_large"
    assert "more than" in str(info.value)


def test_honest_files_still_open_and_libraries_see_the_repacked_copy() -> None:
    doc = Document()
    doc.add_heading("Recommendations", 1)
    doc.add_paragraph("Ratify the Convention against Torture by 2027.", style="List Number")
    doc.add_paragraph("Adopt a law prohibiting discrimination by 2028.", style="List Number")
    buffer = io.BytesIO()
    doc.save(buffer)
    repacked = guards.safe_zip(buffer.getvalue(), "Word")
    original = zipfile.ZipFile(buffer)
    copy = zipfile.ZipFile(io.BytesIO(repacked))
    assert copy.namelist() == original.namelist()
    for info in copy.infolist():
        assert info.compress_type == zipfile.ZIP_STORED
        assert copy.read(info) == original.read(info.filename)
    texts = [r.text for r in extract_bytes(buffer.getvalue(), "ok.docx").recommendations]
    assert texts == ["Ratify the Convention against Torture by 2027.",
                     "Adopt a law prohibiting discrimination by 2028."]


def test_a_truncated_deflate_stream_is_damaged_not_a_crash() -> None:
    data = forged_docx(1024**2, claimed=1024**2 + 10_000)  # under the declared-ratio floor
    with pytest.raises(FileReadError) as info:
        extract_bytes(data, "odd.docx")
    assert info.value.code == "corrupt_file"  # sizes or checksum disagree with the data


def test_time_limit_shortens_every_deadline_inside_it() -> None:
    with guards.time_limit(0.0):
        inner = guards.Deadline(60)
        with pytest.raises(FileReadError) as info:
            inner.check()
    assert info.value.code == "timeout"
    assert guards.Deadline(60).remaining() > 59  # outside the block the reader's own budget
