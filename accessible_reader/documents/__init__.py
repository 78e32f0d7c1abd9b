"""Pictures and attachments as text, offline: OCR, PDF, Word, spreadsheets.

Qt-free, like the rest of the core. `open.open_document` turns a PDF, DOCX, XLSX or
picture file into an Article (accessible_reader.article.load calls it first);
`recognise.recognise_article` adds the text found in an article's pictures as blocks
after them, through the one small `ocr.Recogniser` protocol, with results cached by
image hash (`cache`). `layout` puts lines into paragraphs in reading order for both
OCR and PDF text; `kangxi` repairs the radical code points of Chinese PDF text.
"""
