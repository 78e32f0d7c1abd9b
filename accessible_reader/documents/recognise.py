"""An article's pictures read: their text becomes a block right after each picture.

The window runs this on a worker after the page is painted, the kiosk during its
content refresh. Each picture is looked up in the cache by its digest first, so an
article opened again (or pre-recognised) costs a hash per picture. A picture with no
text gets no block; a broken, huge or hostile one is skipped with a note. Blocks
are inserted, so indices after a picture move: `Recognised.remap` moves a reading
position with them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.documents.cache import CachedResult, OcrCache
from accessible_reader.documents.ocr import PictureSkipped, Recogniser, read_picture
from accessible_reader.documents.sources import ArticleFiles
from accessible_reader.i18n import Joined, Message

MAX_PICTURES = 60
"""Pictures read per article at most (a gallery page of hundreds would take minutes)."""

Progress = Callable[[int, int], None]
"""Called with (pictures done, pictures in all) before each picture the engine reads."""


@dataclass(frozen=True)
class Recognised:
    """The article with its picture text, and what happened."""

    article: Article
    pictures: int
    """Pictures whose text was added."""
    skipped: tuple[Message, ...]
    """Why pictures were skipped (too large, damaged), shown in the interface language."""
    inserted_after: tuple[int, ...]
    """Old block indices that got a text block after them, ascending."""

    def remap(self, block: int) -> int:
        """An old block index in the new article (title and meta line stay)."""
        if block < 0:
            return block
        return block + sum(1 for index in self.inserted_after if index < block)

    @property
    def changed(self) -> bool:
        return bool(self.inserted_after)


def pictures_to_read(article: Article) -> list[int]:
    """Indices of image blocks that have no recognised text after them yet."""
    blocks = article.blocks
    found: list[int] = []
    for index, block in enumerate(blocks):
        if block.kind is not BlockKind.IMAGE or not block.src:
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if following is not None and following.kind is BlockKind.IMAGE_TEXT:
            continue
        found.append(index)
    return found[:MAX_PICTURES]


def text_block(src: str, result: CachedResult) -> Block | None:
    """The block of a picture's text (None: no text)."""
    text = "\n".join(p.text for p in result.paragraphs if p.text.strip())
    return Block(BlockKind.IMAGE_TEXT, text, src=src) if text else None


def recognise_article(
    article: Article,
    recogniser: Recogniser,
    cache: OcrCache | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Recognised:
    """Read every picture of `article` not read yet (see the module docstring)."""
    wanted = pictures_to_read(article)
    files = ArticleFiles(article)
    engine = recogniser.name
    added: dict[int, Block] = {}
    skipped: list[Message] = []
    for done, index in enumerate(wanted):
        if cancelled is not None and cancelled():
            break
        src = article.blocks[index].src
        try:
            source = files.picture(src)
        except Exception:  # a file that vanished or an archive that will not parse
            source = None
        if source is None:
            continue
        result = cache.get(source.digest, engine) if cache is not None else None
        if result is None:
            if progress is not None:  # only for real work: a cache hit is instant
                progress(done, len(wanted))
            result, lasting = _read(source.open, recogniser, cancelled)
            if cancelled is not None and cancelled():
                break
            if cache is not None and lasting:
                cache.put(source.digest, engine, result)
        if result.skipped:
            skipped.append(result.skipped)
        block = text_block(src, result)
        if block is not None:
            added[index] = block
    if not added:
        return Recognised(article, 0, tuple(skipped), ())
    blocks: list[Block] = []
    for index, block in enumerate(article.blocks):
        blocks.append(block)
        if index in added:
            blocks.append(added[index])
    return Recognised(
        replace(article, blocks=tuple(blocks)), len(added), tuple(skipped), tuple(sorted(added))
    )


def _read(
    open_picture: Callable[[], object],
    recogniser: Recogniser,
    cancelled: Callable[[], bool] | None,
) -> tuple[CachedResult, bool]:
    """What a picture gives, and whether that lasts (an engine failure or a lack of
    memory may not happen next time, so it is not cached)."""
    try:
        image = open_picture()
        from PIL import Image

        assert isinstance(image, Image.Image)
        try:
            return CachedResult(tuple(read_picture(image, recogniser, cancelled))), True
        finally:
            image.close()
    except PictureSkipped as skipped:
        return CachedResult(skipped=skipped.reason), True
    except MemoryError:
        return CachedResult(skipped=Message("图片太大，内存不足，没有识别")), False
    except Exception as error:  # an engine failure on one picture must not stop the rest
        kind = type(error).__name__
        return CachedResult(skipped=Message("图片无法识别（{kind}）", kind=kind)), False


def keep_picture_text(old: Article, new: Article) -> Article:
    """`new` (an article extracted again) with the picture text `old` had: each text
    block follows the picture with the same src again (the n-th picture of a src gets
    the n-th one's text), so `library reextract` does not drop what OCR found. A
    picture that is gone takes its text with it."""
    found: dict[str, list[Block]] = {}
    for index, block in enumerate(old.blocks[:-1]):
        following = old.blocks[index + 1]
        if block.kind is BlockKind.IMAGE and following.kind is BlockKind.IMAGE_TEXT:
            found.setdefault(block.src, []).append(following)
        elif block.kind is BlockKind.IMAGE:
            found.setdefault(block.src, []).append(Block(BlockKind.PARAGRAPH, ""))
    if not any(b.text for texts in found.values() for b in texts):
        return new
    blocks: list[Block] = []
    seen: dict[str, int] = {}
    for index, block in enumerate(new.blocks):
        blocks.append(block)
        if block.kind is not BlockKind.IMAGE:
            continue
        number = seen.get(block.src, 0)
        seen[block.src] = number + 1
        texts = found.get(block.src, [])
        after = new.blocks[index + 1] if index + 1 < len(new.blocks) else None
        already = after is not None and after.kind is BlockKind.IMAGE_TEXT
        if number < len(texts) and texts[number].text and not already:
            blocks.append(texts[number])
    return replace(new, blocks=tuple(blocks))


def summary(result: Recognised) -> Joined | None:
    """What the window and `extract --ocr` say when recognition is done, in the
    interface language (None when there is nothing to say)."""
    parts: list[Message] = []
    if result.pictures:
        parts.append(Message("已识别 {count} 张图片的文字", count=result.pictures))
    if result.skipped:
        parts.append(
            Message(
                "{count} 张图片没有识别：{reason}",
                count=len(result.skipped),
                reason=result.skipped[0],
            )
        )
    return Joined(parts) if parts else None
