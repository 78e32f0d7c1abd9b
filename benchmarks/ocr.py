"""Text in pictures and PDF text: accuracy and time, side by side with Tesseract.

Pictures are drawn here with the machine's Noto CJK fonts (Hei = Sans, Song =
Serif), so the true text is known: screenshot-like renders at 12–40 px, scan-like
ones (grey paper, 1.5° rotation, noise, blur, JPEG), a two-column page and a
1000×1400 notice. Character accuracy is 1 − edit distance / length, whitespace
ignored, so reading order counts. Times are wall and CPU seconds per picture after
the engine is loaded (the machine is shared: CPU seconds are the steadier figure),
with one and two onnxruntime threads. The peer is Tesseract (chi_sim), when
installed (``apt-get install tesseract-ocr tesseract-ocr-chi-sim``). For the notice,
the engine as session 3 set it up ("before": the library's own pipeline, thread
options it dropped, every line read whole) is timed beside ours and Tesseract, as
ratios of CPU time.

Real pictures: four diagrams with Latin text from Debian's documentation
(speech-dispatcher, gnupg), read where their packages put them and scored by the
transcribed words found, beside Tesseract (eng). No real picture with Chinese text is
on this machine, and the project stores no copies of others' pictures.
Then eSpeak's sentence synthesis alone and while OCR runs (what the background
recognition costs the voice), with one and two onnxruntime threads.

Then a 100-page text PDF written with Qt's QPdfWriter is opened with
accessible_reader.documents.pdf (pypdfium2), beside poppler's pdftotext if present.
Run: ``.venv/bin/python benchmarks/ocr.py``.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# QPdfWriter needs a QApplication: offscreen unless told otherwise, like the other benchmarks.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from accessible_reader.documents.ocr import RapidOcr, read_picture  # noqa: E402
from tests.documents.helpers import font  # noqa: E402

TEXT = (
    "为进一步做好老年人等特殊群体的信息无障碍服务工作，切实解决老年人在运用智能技术方面"
    "遇到的困难，现就有关事项通知如下。各地区各部门要高度重视，结合实际制定具体措施，"
    "2024年12月31日前完成政府网站适老化改造，提供大字版、语音朗读和高对比度模式。"
    "咨询电话：12345，办公地址：人民路88号。"
)
TITLE = "关于做好信息无障碍服务工作的通知"


def wrap(text: str, per_line: int) -> list[str]:
    return [text[i : i + per_line] for i in range(0, len(text), per_line)]


def render(lines: list[str], size: int, kind: str, width: int, title: str = "") -> Image.Image:
    """Black text on white, a title (1.4× larger, centred) above the lines."""
    spacing = 1.7
    top = int(size * 2.2) if title else 0
    height = int(40 + top + len(lines) * size * spacing + 20)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    if title:
        big = font(int(size * 1.4), kind)
        title_width = draw.textlength(title, font=big)
        draw.text(((width - title_width) / 2, 20), title, font=big, fill="black")
    face = font(size, kind)
    y = 20.0 + top
    for line in lines:
        draw.text((20, y), line, font=face, fill="black")
        y += size * spacing
    return image


def scan_like(image: Image.Image, seed: int = 7) -> Image.Image:
    """Grey paper, a slight rotation, sensor noise, softness and JPEG artefacts."""
    rng = random.Random(seed)
    grey = image.convert("L").point(lambda v: 40 + v * 0.78)
    grey = grey.rotate(1.5, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=239)
    noise = Image.effect_noise(grey.size, 18)
    grey = Image.blend(grey, noise, 0.12).filter(ImageFilter.GaussianBlur(0.6))
    buffer = io.BytesIO()
    grey.convert("RGB").save(buffer, "JPEG", quality=55 + rng.randint(0, 10))
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def two_columns(kind: str = "sans") -> tuple[Image.Image, str]:
    size, per_line = 20, 17
    left = wrap(TEXT[:102], per_line)
    right = wrap(TEXT[102:], per_line)
    width = 900
    height = 120 + max(len(left), len(right)) * 34
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    big = font(30, kind)
    draw.text(((width - draw.textlength(TITLE, font=big)) / 2, 20), TITLE, font=big, fill="black")
    face = font(size, kind)
    for column, lines in ((30, left), (480, right)):
        for row, line in enumerate(lines):
            draw.text((column, 90 + row * 34), line, font=face, fill="black")
    return image, TITLE + TEXT[:102] + TEXT[102:]


def notice() -> tuple[Image.Image, str]:
    """A 1000×1400 notice: title, 20 body lines at 28 px, signature and date."""
    body = (TEXT * 3)[: 20 * 32]
    lines = wrap(body, 32)
    image = render(lines, 28, "serif", 1000, TITLE)
    canvas = Image.new("RGB", (1000, 1400), "white")
    canvas.paste(image.crop((0, 0, 1000, min(1400, image.height))), (0, 0))
    draw = ImageDraw.Draw(canvas)
    face = font(28, "serif")
    draw.text((640, 1250), "某某市人民政府", font=face, fill="black")
    draw.text((640, 1300), "2024年10月18日", font=face, fill="black")
    return canvas, TITLE + body + "某某市人民政府2024年10月18日"


def accuracy(found: str, truth: str) -> float:
    found = "".join(found.split())
    truth = "".join(truth.split())
    previous = list(range(len(truth) + 1))
    for i, a in enumerate(found, 1):
        current = [i]
        for j, b in enumerate(truth, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return max(0.0, 1 - previous[-1] / max(1, len(truth)))


def ours(engine: RapidOcr) -> Callable[[Image.Image], str]:
    return lambda image: "".join(p.text for p in read_picture(image, engine))


def tesseract(image: Image.Image) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.png"
        image.save(path)
        result = subprocess.run(
            ["tesseract", str(path), "stdout", "-l", "chi_sim", "--psm", "3"],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    return result.stdout


def timed(read: Callable[[Image.Image], str], image: Image.Image) -> tuple[str, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    text = read(image)
    return text, time.perf_counter() - wall, time.process_time() - cpu


def cases() -> list[tuple[str, Image.Image, str]]:
    found: list[tuple[str, Image.Image, str]] = []
    for kind, label in (("sans", "黑体"), ("serif", "宋体")):
        for size in (12, 16, 20, 28, 40):
            per_line = max(8, 900 // size - 2)
            image = render(wrap(TEXT, per_line), size, kind, 940)
            found.append((f"clean {label} {size}px", image, TEXT))
        image = render(wrap(TEXT, 30), 24, kind, 800)
        found.append((f"scan {label} 24px", scan_like(image), TEXT))
        image = render(wrap(TEXT, 40), 16, kind, 720)
        found.append((f"scan {label} 16px", scan_like(image, 11), TEXT))
    image, truth = two_columns()
    found.append(("two columns", image, truth))
    found.append(("two columns scan", scan_like(image, 3), truth))
    return found


REAL_PICTURES: tuple[tuple[str, str, str], ...] = (
    # (path on a Debian machine, package, the words in the picture as transcribed by
    # looking at it). Read in place, never copied: their licences are in each package's
    # /usr/share/doc/<package>/copyright. speech-dispatcher is installed by
    # tools/system-deps.sh; gnupg is on every Debian system.
    (
        "/usr/share/doc/speech-dispatcher/architecture.png",
        "speech-dispatcher",
        "applications client libraries Speech Dispatcher output modules synthesizers "
        "Emacspeak Speakup GNU Typist History and configuration client "
        "elisp library C library Perl library Python library SSIP "
        "server core text pre-processing configuration history synchronisation "
        "priority queues authentication module API Apollo Festival Flite "
        "Apollo Festival Flite",
    ),
    (
        "/usr/share/doc/speech-dispatcher/priorities.png",
        "speech-dispatcher",
        "Important priority message text Doesn't interrupt itself Interrupts itself "
        "notification progress",
    ),
    (
        "/usr/share/doc/speech-dispatcher/architecture-future.png",
        "speech-dispatcher",
        "Applications and accessibility tools Message Dispatcher Output "
        "Emacs speechd-speak speechd-el SSIP Orca Python SSIP library SSIP "
        "KTTS C/C++ SSIP library SSIP Speakup Speechd-Up C/C++ SSIP library SSIP "
        "Message Dispatcher Features high-level API synchronization priorities history "
        "configuration network transparency TTS API Provider TTS API speech "
        "provides access to various speech synthesizers, emulates necessary capabilities "
        "Brltty BrlAPI braille manages the various braille devices "
        "Symbols : process inter-process communication",
    ),
    (
        "/usr/share/info/gnupg-module-overview.png",
        "gnupg",
        "GPGME aware Applications Pinentry Smartcard watchgnupg gpgconf gpg gpgsm "
        "gpg-agent scdaemon Log Socket Config Files Public Keys Private Keys dirmngr "
        "CRL/Certificate Cache Keyserver CRLs/Certificates GnuPG architecture "
        "closely linked Assuan protocol execute/access configure process object 2016-02-16",
    ),
)


def words(text: str) -> list[str]:
    """Latin words and numbers, lower case: diagrams have no single reading order, so
    they are scored by the words found, not by the order."""
    import re

    return re.findall(r"[a-z0-9]+", text.lower())


def word_recall(found: str, truth: str) -> tuple[float, int]:
    """Share of the true words found (each as often as it is there) and the words
    read that are not in the picture."""
    from collections import Counter

    wanted, got = Counter(words(truth)), Counter(words(found))
    hit = sum((wanted & got).values())
    return hit / max(1, sum(wanted.values())), sum((got - wanted).values())


def tesseract_latin(image: Image.Image) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.png"
        image.save(path)
        result = subprocess.run(
            ["tesseract", str(path), "stdout", "-l", "eng", "--psm", "3"],
            capture_output=True, text=True, check=False,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )  # fmt: skip
    return result.stdout


def real_pictures(engine: RapidOcr, has_tesseract: bool) -> None:
    """Real diagrams with Latin text from Debian's documentation, read in place (see
    REAL_PICTURES): words found, words read that are not there, CPU seconds."""
    from accessible_reader.documents.ocr import to_rgb

    present = [item for item in REAL_PICTURES if Path(item[0]).is_file()]
    print(f"\nReal pictures ({len(present)} of {len(REAL_PICTURES)} on this machine; "
          "Latin text, transcribed; words found / words that are not there):")
    peer = "tesseract eng" if has_tesseract else ""
    print(f"  {'picture':<54} {'ours':>6} {'extra':>5} {peer:>14} {'CPU s':>6}")
    for path, package, truth in present:
        image = to_rgb(Image.open(path))
        read = lambda picture: "\n".join(p.text for p in read_picture(picture, engine))  # noqa: E731
        text, _wall, cpu = timed(read, image)
        recall, extra = word_recall(text, truth)
        theirs = ""
        if has_tesseract:
            their_recall, their_extra = word_recall(tesseract_latin(image), truth)
            theirs = f"{their_recall:>8.1%} {their_extra:>5}"
        name = f"{Path(path).name} {image.width}×{image.height} ({package})"
        print(f"  {name:<54} {recall:>6.1%} {extra:>5} {theirs:>14} {cpu:>6.2f}")
    missing = len(REAL_PICTURES) - len(present)
    if missing:
        print(f"  ({missing} not installed here)")


def main() -> int:
    has_tesseract = shutil.which("tesseract") is not None
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (shared)")
    start = time.perf_counter()
    engine = RapidOcr(threads=1)
    engine.lines(Image.new("RGB", (64, 32), "white"))
    print(f"engine load: {time.perf_counter() - start:.2f} s (first call, models in the wheel)")
    peer = "tesseract" if has_tesseract else "(tesseract not installed)"
    print(f"\n{'picture':<22} {'ours':>7} {peer:>10} {'ours s':>8} {'cpu s':>7}")
    groups: dict[str, list[float]] = {"clean": [], "scan": [], "two": []}
    peer_groups: dict[str, list[float]] = {"clean": [], "scan": [], "two": []}
    for name, image, truth in cases():
        text, wall, cpu = timed(ours(engine), image)
        score = accuracy(text, truth)
        groups[name.split()[0]].append(score)
        peer_text = f"{'':>10}"
        if has_tesseract:
            theirs = accuracy(tesseract(image), truth)
            peer_groups[name.split()[0]].append(theirs)
            peer_text = f"{theirs:>10.1%}"
        print(f"{name:<22} {score:>7.1%} {peer_text} {wall:>8.2f} {cpu:>7.2f}")
    print()
    for group, scores in groups.items():
        line = f"mean {group:<17} {statistics.mean(scores):>7.1%}"
        if peer_groups[group]:
            line += f" {statistics.mean(peer_groups[group]):>10.1%}"
        print(line)

    real_pictures(engine, has_tesseract)
    notice_benchmark(has_tesseract)
    speech_beside_ocr()
    pdf_benchmark()
    return 0


def previous_settings(threads: int) -> Callable[[Image.Image], str]:
    """The engine as session 3 set it up: the library's own pipeline, per-model thread
    options (which rapidocr-onnxruntime 1.4.4 overwrites with its global default, so
    onnxruntime ran one thread per core), the 1280-px limit it ignored and one line
    per batch, every line read whole."""
    from rapidocr_onnxruntime import RapidOCR

    options: dict[str, object] = {}
    for part in ("det", "cls", "rec"):
        options[f"{part}_intra_op_num_threads"] = threads
        options[f"{part}_inter_op_num_threads"] = 1
    engine = RapidOCR(
        use_cls=False, det_limit_type="max", det_limit_side_len=1280, rec_batch_num=1, **options
    )

    def read(image: Image.Image) -> str:
        import numpy as np

        result, _elapsed = engine(np.asarray(image))
        return "".join(str(text) for _box, text, score in result or [] if float(score) >= 0.6)

    read(Image.new("RGB", (64, 32), "white"))
    return read


def notice_benchmark(has_tesseract: bool) -> None:
    """Before and after on the 1000×1400 notice, beside Tesseract, as ratios of CPU."""
    image, truth = notice()
    scan = scan_like(image)
    print("\n1000×1400 notice (title, 15 lines at 28 px Song, signature); medians of 3,")
    print("CPU seconds (the machine is shared, so wall time says more about the others):")
    print(f"  {'':<34} {'right':>6} {'scan':>6} {'wall s':>7} {'CPU s':>6} {'× ours':>7}")
    rows: list[tuple[str, Callable[[Image.Image], str]]] = []
    chosen = RapidOcr().threads
    for threads in (1, 2):
        engine = RapidOcr(threads=threads)
        engine.lines(Image.new("RGB", (64, 32), "white"))
        mark = " (the app's)" if threads == chosen else ""
        rows.append((f"ours, {threads} thread(s){mark}", ours(engine)))
    rows.append(("before (session 3 settings)", previous_settings(1)))
    if has_tesseract:
        rows.append(("tesseract chi_sim, 1 thread", tesseract))
    base = 0.0
    for label, read in rows:
        runs = [timed(read, image) for _ in range(3)]
        wall = statistics.median(run[1] for run in runs)
        cpu = statistics.median(run[2] for run in runs)
        if read is tesseract:  # a child process: its CPU is not ours; wall, one thread
            cpu = wall
        base = base or cpu
        right = accuracy(runs[0][0], truth)
        scanned = accuracy(read(scan), truth)
        print(f"  {label:<34} {right:>6.1%} {scanned:>6.1%} {wall:>7.2f} {cpu:>6.2f} "
              f"{cpu / base:>6.1f}×")
    print(f"  load average now {os.getloadavg()[0]:.1f}")


def speech_beside_ocr() -> None:
    """What reading a picture in the background costs the voice: eSpeak synthesising the
    notice's sentences one by one (as the narrator does, each sentence's clip before it
    plays) alone, then while the notice is read over and over on a worker thread with one
    and with two onnxruntime threads. The sentence's synthesis time is the part of
    key-to-sound the engine adds (goal: first audio within 100 ms)."""
    import threading

    from accessible_reader.speech.espeak import EspeakEngine

    speech = EspeakEngine()
    sentences = [part + "。" for part in (TEXT * 2).split("。") if part][:12]
    speech.synthesize(sentences[0], None, 1.0, 1.0)
    image, _truth = notice()
    chosen = RapidOcr().threads
    print(f"\nSpeech beside OCR ({len(sentences)} sentences synthesised in turn, eSpeak NG;")
    print(f"the app uses {chosen} OCR thread(s) on this {os.cpu_count()}-core machine):")
    print(f"  {'':<28} {'median ms':>9} {'max ms':>7} {'× alone':>8} {'notice s':>9}")
    base = 0.0
    for threads in (0, 1, 2):
        stop = threading.Event()
        notices: list[float] = []
        worker: threading.Thread | None = None
        if threads:
            engine = RapidOcr(threads=threads)
            engine.lines(Image.new("RGB", (64, 32), "white"))

            def loop(
                engine: RapidOcr = engine,
                stop: threading.Event = stop,
                notices: list[float] = notices,
            ) -> None:
                while not stop.is_set():
                    start = time.perf_counter()
                    read_picture(image, engine)
                    notices.append(time.perf_counter() - start)

            worker = threading.Thread(target=loop, daemon=True)
            worker.start()
            time.sleep(0.5)  # the detector is running
        times = []
        for _round in range(2):
            for sentence in sentences:
                start = time.perf_counter()
                speech.synthesize(sentence, None, 1.0, 1.0)
                times.append((time.perf_counter() - start) * 1000)
        stop.set()
        if worker is not None:
            worker.join()
        median = statistics.median(times)
        base = base or median
        label = "alone" if not threads else f"while OCR runs, {threads} thread(s)"
        read = f"{statistics.median(notices):>9.2f}" if notices else f"{'':>9}"
        print(f"  {label:<28} {median:>9.0f} {max(times):>7.0f} {median / base:>7.1f}× {read}")
    print(f"  load average now {os.getloadavg()[0]:.1f}")
    speech.close()


def pdf_benchmark() -> None:
    from PySide6.QtWidgets import QApplication

    from accessible_reader.documents.pdf import read_pdf
    from tests.documents.test_pdf import PARAGRAPH, write_pdf

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = write_pdf(Path(folder) / "hundred.pdf", [[PARAGRAPH] * 8 for _ in range(100)])
        data = path.read_bytes()
        times = []
        for _ in range(3):
            start = time.perf_counter()
            article = read_pdf(data, path.name)
            times.append(time.perf_counter() - start)
        ours_s = statistics.median(times)
        chars = sum(len(block.text) for block in article.blocks)
        print(f"\n100-page text PDF ({len(data) // 1024} KB, {chars} characters):")
        print(f"  ours (pypdfium2 + layout): {ours_s:.2f} s, {len(article.blocks)} paragraphs")
        if shutil.which("pdftotext"):
            start = time.perf_counter()
            subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=False)
            theirs = time.perf_counter() - start
            print(f"  pdftotext (plain text):    {theirs:.2f} s, ratio {ours_s / theirs:.1f}×")
    del app


if __name__ == "__main__":
    raise SystemExit(main())
