"""Remove scraped-web noise from a document's text by general line rules, and read its metadata.

`clean_text` works line by line and only ever drops whole lines: lines of site chrome (breadcrumbs, visitor
widgets, comment prompts, share buttons, related-news lists, contact footers, lines that are nothing but a view
counter or an image path) go, a repeated lead paragraph is kept once and blank runs are collapsed. A kept line is
stored exactly as extracted, so every quote is found verbatim in the user's file; the rules judge each line in its
`match_form` with whitespace collapsed and inline junk cut out, a view that is never stored.
`extract_metadata` is meant for the cleaned text (the pipeline passes it) and reads title, date, locality, author.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from vntext.normalize import match_form, normalize, source_text
from vntext.dates import valid_iso
from vntext.places import load_places
from vntext.contact import ADDRESS_LINE, is_contact_heading
from core.settings import PROMPTS_DIR
from core.types import DocumentMeta


_I = re.IGNORECASE
_IMG = r"(?:jpe?g|png|gif|bmp|webp|tiff?)"
_INLINE_JUNK = [
    re.compile(r"\s*[-–|•,]?\s*\b(?:Số lần xem|Số lượt xem|Lượt xem|Lượt đọc|Lượt truy cập|Đã xem|Lượt views?|Views?)\s*:\s*\d[\d.,]*", _I),
    re.compile(r"https?://\S+?\." + _IMG + r"\b\S*", _I),
    re.compile(r"[A-Za-z]:\\(?:[^\\\n]+\\)*[^\\\n]*?\." + _IMG + r"\b", _I),
    re.compile(r"(?<![\w/.:-])/(?:[^/\s]+/)+[^/\s]+\." + _IMG + r"\b", _I),
    re.compile(r"(?<![\w/.-])[\w()~-]+\." + _IMG + r"\b", _I),
]
_WIDGET = (r"Xem với cỡ chữ|Cỡ chữ|In bài viết|In bài|In trang|Bản in|Bản để in|Gửi bài viết|Gửi email|Gửi cho bạn bè|"
           r"Chia sẻ(?: bài viết)?|Lưu bài(?: viết)?|Share|Tweet|Like|Facebook|Zalo|Print|E-?mail|Quay lại|Trở về|"
           r"Về đầu trang|Đầu trang|Phóng to|Thu nhỏ|A[-+]?")
_WIDGET_LINE = re.compile(rf"^(?:(?:{_WIDGET})[\s|/-]*)+$", _I)
_TIME = re.compile(r"(?:,?\s*(?:lúc\s*)?\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*(?:AM|PM|\(?GMT\s*\+\s*7\)?))?)?", _I)
_NOISE_LINES = [
    re.compile(r"^(?:Truy cập hiện tại|Đang truy cập|Đang trực tuyến|Trực tuyến|(?:Tổng |Số )?lượt truy cập|Thống kê truy cập|"
               r"Số lần xem(?: các bài viết)?|(?:Tổng số )?lượt xem|Hôm nay|Hôm qua|Tuần này|Tháng này|Tất cả)\s*:?\s*[\d.,]*$", _I),
    re.compile(r"^(?=.{0,120}$).*(?:đang online|đang trực tuyến|\bkhách\b.*\bthành viên\b.*\b(?:online|trực tuyến))", _I),
    re.compile(r"^(?:Ý kiến bạn đọc|Ý kiến\s*\(\d*\)|Ý kiến của bạn|Ý kiến phản hồi|Gửi ý kiến(?: của bạn)?|Gửi bình luận|"
               r"Viết bình luận|Bình luận(?: của bạn)?(?:\s*\(\d*\))?|Các bình luận|Chưa có bình luận nào|Gửi phản hồi|"
               r"Hãy là người đầu tiên bình luận.{0,40}|Đăng nhập để bình luận|Phản hồi|Mã xác nhận|Mã bảo vệ)\s*[:.]?$", _I),
    re.compile(r"^(?:Trang chủ|Thư viện (?:hình|ảnh|hình ảnh|video)|Liên kết website|Liên kết web|Sơ đồ (?:trang|site|cổng)|"
               r"Đăng nhập|Tìm kiếm|Menu|Skip to content)\s*:?$", _I),
    re.compile(r"^Trang chủ\s*[>»›/|]"),
    re.compile(r"^(?:(?:Xem thêm|Đọc thêm|Tin liên quan|Tin nổi bật)\s*:?\s*)?(?:>\s*){2,}\S", _I),  # ">> headline" links
]
_LONE_NUMBER = re.compile(r"^[\d.,\s]+$")  # view counters above/below the article (in the body: table numbers)
_BREADCRUMB_SEP = re.compile(r"\s+(?:>>?|»|›)\s+")
_RELATED = re.compile(r"^(?:Các tin khác|Tin khác|Tin liên quan|Các tin liên quan|Tin cùng chuyên mục|Cùng chuyên mục|"
                      r"Bài viết liên quan|Bài liên quan|Các bài viết khác|Các tin đã đưa|Tin đã đưa|Tin mới hơn|Tin cũ hơn|"
                      r"Tin tức khác|Xem thêm|Đọc thêm)\s*:?$", _I)
_CONTACT = re.compile(r"^(?:Địa chỉ|Đ/c|Trụ sở|Điện thoại|ĐT|Tel|Fax|E-?mail|Website|Hotline|Đường dây nóng|Giấy phép|"
                      r"Chịu trách nhiệm|Cơ quan chủ quản|Bản quyền|Copyright|©|Phát triển bởi|Thiết kế bởi|Ghi rõ nguồn)\b", _I)
# an organisation's own contact lines (kept under its name); the rest of a footer is the site's credits
_OWN_CONTACT = re.compile(r"^(?:Địa chỉ|Đ/c|Trụ sở|Điện thoại|ĐT|Tel|Fax|E-?mail)\b", _I)
_DATE_NUM = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_DATE_WORDS = r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
_DATELINE = re.compile(r"^(?:(?:Ngày đăng|Ngày cập nhật|Cập nhật(?: lúc| ngày)?|Đăng ngày|Đăng lúc|Ngày xuất bản|Xuất bản|"
                       r"Thời gian đăng|Thời gian|Ngày|Thứ \w+|Chủ nhật|Posted)\s*:?\s*,?\s*(?:ngày\s+)?)?"
                       rf"(?:{_DATE_NUM}|{_DATE_WORDS})", _I)
_PLACE_DATE = re.compile(r"^[^\W\d][\w .'-]{1,40},\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", _I)
_TITLE_DATE = re.compile(rf"\bngày\s+(?:{_DATE_NUM}|{_DATE_WORDS})", _I)
_MOTTO = re.compile(r"^(?:CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM|Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc"
                    r"|Số\s*:?\s*\d|[-–_*\s]+$)", _I)
_SOURCE_LINE = re.compile(r"^[(•*\-–\s]*(?:Nguồn|Tác giả|Theo|Bài và ảnh|Bài, ảnh|Bài|Người viết|Tin, ảnh)\s*:\s*(.+?)[)\s]*$", _I)
_SENTENCE_END = ('.', '!', '?', '…', '"', '”', ';', ':', '/.', '»')


def _is_substantial(line: str) -> bool:
    """A paragraph of running text, as opposed to headings, captions, menus and signatures."""
    return len(line) >= 200 or (len(line.split()) >= 12 and line.rstrip(")").endswith(_SENTENCE_END))


def _is_breadcrumb(line: str) -> bool:
    parts = _BREADCRUMB_SEP.split(line)
    return (len(parts) >= 2 and len(line) <= 150
            and all(p and p[0].isupper() and len(p) <= 50 and len(p.split()) <= 6 and not p.endswith(".") for p in parts))


def _is_noise(line: str) -> bool:
    return (any(p.search(line) for p in _NOISE_LINES) or bool(_WIDGET_LINE.match(line)) or _is_breadcrumb(line))


def _tidy(line: str) -> str:
    """Whitespace collapsed, inline counters/image names/paths removed, table-cell bars trimmed."""
    line = re.sub(r"[ \t]+", " ", line).strip()
    if not line:
        return line
    for pattern in _INLINE_JUNK:
        line = pattern.sub("", line)
    m = _DATELINE.match(line)
    if m:  # "Cập nhật 24/07/2019 08:53 Xem với cỡ chữ": buttons after the date and time
        rest = _TIME.match(line, m.end())
        if rest and rest.end() < len(line) and _WIDGET_LINE.match(line[rest.end():].strip(" |-")):
            line = line[: rest.end()]
    return line.strip(" |").strip()


def _is_signature(line: str) -> bool:
    """A trailing author/source line: "Nguồn: ...", or a short line of capitalised words ("Mai Hân", "BBT.")."""
    if _SOURCE_LINE.match(line):
        return len(line) <= 150
    words = re.sub(r"\s*\([^()]*\)$", "", line).rstrip(".").split()
    return 0 < len(words) <= 8 and len(line) <= 60 and all(w[0].isupper() or w in "-–" for w in words)


def clean_text(text: str) -> str:
    """Noise-free text: the kept lines of `text` unchanged, one blank line at most between paragraphs."""
    return "\n".join(ln for _, ln in _clean(source_text(text)))


def clean_with_spans(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[str, list[tuple[int, int]]]:
    """`clean_text` of `text` (already `source_text`), and `spans` of `text` carried over to the cleaned text (the
    kept lines each span touched)."""
    kept = _clean(text)
    starts = [0]
    for ln in text.split("\n"):
        starts.append(starts[-1] + len(ln) + 1)
    out_spans: list[tuple[int, int]] = []
    at = 0
    for src, ln in kept:
        if src is not None and ln and any(a < starts[src] + len(ln) and starts[src] < b for a, b in spans):
            if out_spans and out_spans[-1][1] >= at - 2:
                out_spans[-1] = (out_spans[-1][0], at + len(ln))
            else:
                out_spans.append((at, at + len(ln)))
        at += len(ln) + 1
    return "\n".join(ln for _, ln in kept), out_spans


def _clean(text: str) -> list[tuple[int | None, str]]:
    """(source line number or None for a blank, line) of every output line."""
    raw = text.split("\n")
    lines = [_tidy(match_form(ln)) for ln in raw]  # how each line is judged; never stored
    keep = [bool(ln) and not _is_noise(ln) for ln in lines]
    noise = [bool(raw[i].strip()) and not keep[i] for i in range(len(lines))]
    substantial = [i for i, ln in enumerate(lines) if keep[i] and _is_substantial(ln)]
    if substantial:
        first, last = substantial[0], substantial[-1]
        for i, ln in enumerate(lines):
            if (i < first or i > last) and keep[i] and _LONE_NUMBER.match(ln):
                keep[i], noise[i] = False, True
        total = sum(len(ln) for ln in lines)
        _cut_related(lines, keep, first, total)
        contact = _cut_footer(lines, keep)
        _cut_tail_chrome(lines, keep, noise, last, contact)
        _cut_header_chrome(lines, keep, first)
    _drop_repeats(lines, keep)
    out: list[tuple[int | None, str]] = []
    for i, ln in enumerate(raw):
        if keep[i]:
            out.append((i, ln.strip()))
        elif not ln.strip() and out and out[-1][1].strip():
            out.append((None, ""))
    while out and not out[-1][1].strip():
        out.pop()
    return out


def _cut_related(lines: list[str], keep: list[bool], first: int, total: int) -> None:
    """A "Tin khác"/"Xem thêm" marker in the second half and the headline list after it (up to the next paragraph)."""
    done = 0
    for i, ln in enumerate(lines):
        if i > first and keep[i] and _RELATED.match(ln) and done >= total // 2:
            run, j = [], i
            while j < len(lines) and not (keep[j] and _is_substantial(lines[j])) and not _heads_contact(lines, keep, j):
                run += [j] if keep[j] else []
                j += 1
            if j == len(lines) and len(run) > 1 and _is_signature(lines[run[-1]]):
                run.pop()  # the article's signature after the list
            for r in run:
                keep[r] = False
        done += len(ln)


def _heads_contact(lines: list[str], keep: list[bool], i: int) -> bool:
    """Whether line i is an organisation's name in capitals over its address (the publisher's contact block)."""
    after = next((j for j in range(i + 1, len(lines)) if keep[j]), None)
    return keep[i] and is_contact_heading(lines[i], lines[after] if after is not None else None)


def _cut_footer(lines: list[str], keep: list[bool]) -> frozenset[int]:
    """Cuts the site's contact footer. The block of an organisation (its name in capitals over its address:
    "LIÊN HIỆP CÁC TỔ CHỨC HỮU NGHỊ TỈNH ĐỒNG NAI / Địa chỉ: Số 129, Hà Huy Giáp, ...") is the publisher's own
    record, which readers ask about ("Liên hiệp ... đặt trụ sở ở đâu?"): its name, address and numbers are kept,
    the site's credits cut. Returns the lines kept."""
    kept = [i for i, k in enumerate(keep) if k]
    block, heading = [], None
    for i in reversed(kept):
        if _CONTACT.match(lines[i]) or ("@" in lines[i] and len(lines[i]) <= 80):
            block.append(i)
        else:
            if len(block) >= 2 and lines[i].isupper() and len(lines[i]) <= 120:
                block.append(i)  # the organisation's name heading the contact block
                heading = i
            break
    if len(block) < 2:
        return frozenset()
    addressed = heading is not None and any(ADDRESS_LINE.match(lines[i]) for i in block)
    own = frozenset(i for i in block if addressed and (i == heading or _OWN_CONTACT.match(lines[i])
                                                         or "@" in lines[i] and not _CONTACT.match(lines[i])))
    for i in block:
        keep[i] = i in own
    return own


def _cut_tail_chrome(lines: list[str], keep: list[bool], noise: list[bool], last: int,
                     contact: frozenset[int] = frozenset()) -> None:
    """Short non-sentence lines between the last paragraph and the last noise line are sidebar chrome.

    Kept: sentences, long lines, parenthesised lines and the first signature-like line (the author).
    """
    tail_noise = [i for i in range(last + 1, len(lines)) if noise[i]]
    if not tail_noise:
        return
    signed = False
    for i in range(last + 1, tail_noise[-1]):
        ln = lines[i]
        if not keep[i] or i in contact:
            continue
        if not signed and _is_signature(ln):
            signed = True
        elif not (ln.endswith((".", "!", "?", "…", "”", '"', ":")) or len(ln.split()) > 10
                  or (ln.startswith("(") and ln.endswith(")"))):
            keep[i] = False


def _cut_header_chrome(lines: list[str], keep: list[bool], first: int) -> None:
    """When a dateline follows the headline, the short lines above the headline are banners and menus."""
    kept = [i for i in range(first) if keep[i]]
    for n, i in enumerate(kept):
        if n and _DATELINE.match(lines[i]):
            above = kept[: n - 1]
            if all(len(lines[j]) < 200 for j in above):
                for j in above:
                    keep[j] = False
            return


def _drop_repeats(lines: list[str], keep: list[bool]) -> None:
    """A lead repeated verbatim is kept once (a standalone lead that opens the next paragraph is dropped)."""
    seen: set[str] = set()
    kept = [i for i, k in enumerate(keep) if k]
    for n, i in enumerate(kept):
        ln = lines[i]
        if len(ln) < 40:
            continue
        if ln in seen:
            keep[i] = False
            continue
        seen.add(ln)
        nxt = kept[n + 1] if n + 1 < len(kept) else None
        if nxt is not None and len(lines[nxt]) > len(ln) and lines[nxt].startswith(ln):
            keep[i] = False


# --- metadata --------------------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def find_locality(title: str, text: str) -> str | None:
    """The province named in the title, else the one mentioned most often (at least 3 times, no tie)."""
    places = load_places(PROMPTS_DIR)
    if places is None:
        return None
    in_title = places.find(title)
    if in_title:
        return min((s, name) for name, s, _ in in_title)[1]
    ranked = Counter(name for name, _, _ in places.find(text)).most_common(2)
    if ranked and ranked[0][1] >= 3 and (len(ranked) < 2 or ranked[1][1] < ranked[0][1]):
        return ranked[0][0]
    return None


def _header(lines: list[str]) -> list[int]:
    """Positions of the non-blank lines before the first paragraph of running text (at most 8)."""
    out = []
    for i, ln in enumerate(lines):
        if _is_substantial(ln) or len(out) >= 8:
            break
        if ln.strip():
            out.append(i)
    return out


_YEARS = (1900, 2100)  # a document's own date; an impossible one ("ngày 31/13") dates nothing


def find_date(header: list[str], title: str = "") -> str | None:
    """ISO date of the document: the first dateline in the header ("Ngày đăng: 09/07/2014" -> "2014-07-09";
    dd/mm/yyyy), else the place-and-date line of an official document ("Đắk Nông, ngày 15 tháng 3 năm 2024"), else a
    date its title states ("Kế hoạch số 12/KH-UBND ngày 15/3/2024 về ..."). None when the one found is impossible."""
    for ln in header:
        m = _DATELINE.match(ln)
        if m:
            return valid_iso(*(int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:])), years=_YEARS)
    for ln in header:
        m = _PLACE_DATE.match(ln)
        if m:
            return valid_iso(int(m.group(1)), int(m.group(2)), int(m.group(3)), years=_YEARS)
    m = _TITLE_DATE.search(title)
    if m:
        d, mo, y = (int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
        return valid_iso(d, mo, y, years=_YEARS)
    return None


def find_author(lines: list[str]) -> str | None:
    """The trailing "Nguồn: ..."/"Tác giả: ..." line or signature ("Mai Hân"), else None; a publisher's contact block
    after the article (its name over its address) is not the article's."""
    body = [ln.strip() for ln in lines if ln.strip()]
    while body and (_OWN_CONTACT.match(body[-1]) or "@" in body[-1] and len(body[-1]) <= 80):
        body.pop()
    if len(body) < len([ln for ln in lines if ln.strip()]) and body and body[-1].isupper():
        body.pop()  # the organisation's name over its contact lines
    tail = body[-2:]
    for ln in reversed(tail):
        m = _SOURCE_LINE.match(ln)
        if m and len(ln) <= 150:
            return m.group(1).strip(" .")
    if tail and not _is_substantial(tail[-1]) and _is_signature(tail[-1]) and not _DATELINE.match(tail[-1]):
        return tail[-1].strip(" .•")
    return None


def _title_at(header: list[str]) -> list[int]:
    """Positions in `header` of the title: the first headline-like line, past an official document's motto, number
    and place-date lines; a bare upper-case type line ("KẾ HOẠCH") takes the subject line under it."""
    cands = [k for k, ln in enumerate(header[:6]) if not (_MOTTO.match(ln) or _PLACE_DATE.match(ln))]
    for n, k in enumerate(cands[:4]):
        ln = header[k]
        if 2 <= len(ln.split()) and len(ln) <= 250 and not _DATELINE.match(ln) and not ln.startswith("("):
            if ln.isupper() and len(ln.split()) <= 3 and n + 1 < len(cands) and not header[cands[n + 1]].isupper():
                return [k, cands[n + 1]]
            return [k]
    return []


def extract_metadata(text: str, path: Path, html_title: str | None) -> DocumentMeta:
    """Title (HTML headline, else the first headline-like line, else the file name), date, locality, author.

    Expects the output of `clean_text` (site chrome above the headline is gone there). Lines are judged in their
    `match_form` with whitespace collapsed; the title keeps the document's own spelling.
    """
    raw = [re.sub(r"\s+", " ", ln).strip() for ln in text.split("\n")]
    lines = [match_form(ln) for ln in raw]
    at = _header(lines)
    header = [lines[i] for i in at]
    title = re.sub(r"\s+", " ", html_title).strip() if html_title else ""
    if not title:
        title = " ".join(raw[at[k]] for k in _title_at(header))
    if not title:
        title = Path(path).stem.replace("_", " ").strip()
    return DocumentMeta(title=title, date=find_date(header, match_form(title)),
                        locality=find_locality(normalize(title), "\n".join(lines)), author=find_author(lines))
