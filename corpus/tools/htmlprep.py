"""Prepare an HTML page for LibreOffice's HTML import.

LibreOffice Writer reads only a little CSS: inline styles and simple
type/class selectors, no descendant selectors, no inheritance into headings.
This module applies the page's style sheet itself (a small CSS cascade:
type, class, id and attribute selectors, descendant and child combinators,
:first-child/:last-child/:nth-child, specificity, !important, inheritance of
font and colour properties) and writes the result back as inline styles and
the HTML attributes Writer understands (bgcolor, valign, align, width,
border, cellpadding).  The text of the page is not changed.

It also reports what the converter needs to know about the page: the @page
size, orientation and margins, and for every table (in document order) how
many header rows it repeats and which ruling lines it draws.

Standard library only, so that LibreOffice's own Python (which has `uno`)
can run it.
"""

import html
import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr"}
RAW_TEXT = {"script", "style"}

# Elements whose open instance is closed by a new start tag (HTML's optional
# end tags), as: new tag -> tags it closes, and the tags that stop the search.
IMPLIED_CLOSE = {
    "p": ({"p"}, {"td", "th", "li", "div", "table", "body", "blockquote"}),
    "li": ({"li", "p"}, {"ul", "ol", "td", "th", "table", "body"}),
    "tr": ({"tr", "td", "th", "p", "li"}, {"table", "thead", "tbody", "tfoot"}),
    "td": ({"td", "th", "p", "li"}, {"tr", "table"}),
    "th": ({"td", "th", "p", "li"}, {"tr", "table"}),
    "thead": ({"thead", "tbody", "tfoot", "tr", "td", "th", "p", "li"}, {"table"}),
    "tbody": ({"thead", "tbody", "tfoot", "tr", "td", "th", "p", "li"}, {"table"}),
    "tfoot": ({"thead", "tbody", "tfoot", "tr", "td", "th", "p", "li"}, {"table"}),
    "dt": ({"dt", "dd", "p"}, {"dl", "body"}),
    "dd": ({"dt", "dd", "p"}, {"dl", "body"}),
}
for _h in ("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "div",
           "blockquote", "dl", "pre", "hr", "section", "header", "footer",
           "article", "main", "nav", "aside", "figure"):
    IMPLIED_CLOSE.setdefault(_h, ({"p"}, {"td", "th", "li", "div", "body", "blockquote"}))

INHERITED = {"color", "font-family", "font-size", "font-weight", "font-style",
             "text-align", "text-decoration", "line-height", "text-transform",
             "letter-spacing", "white-space", "visibility"}

# The default style sheet of a browser, as far as it matters for print.
UA_CSS = """
h1 { font-size: 2em; font-weight: bold; }
h2 { font-size: 1.5em; font-weight: bold; }
h3 { font-size: 1.17em; font-weight: bold; }
h4 { font-size: 1em; font-weight: bold; }
h5 { font-size: 0.83em; font-weight: bold; }
h6 { font-size: 0.67em; font-weight: bold; }
th { font-weight: bold; text-align: center; }
b, strong { font-weight: bold; }
i, em, cite, var, dfn { font-style: italic; }
u, ins { text-decoration: underline; }
s, strike, del { text-decoration: line-through; }
small { font-size: smaller; }
big { font-size: larger; }
caption { text-align: center; }
"""

NAMED_COLOURS = {
    "black": "#000000", "white": "#ffffff", "red": "#ff0000", "green": "#008000",
    "blue": "#0000ff", "yellow": "#ffff00", "orange": "#ffa500",
    "gray": "#808080", "grey": "#808080", "silver": "#c0c0c0", "lime": "#00ff00",
    "navy": "#000080", "maroon": "#800000", "purple": "#800080", "teal": "#008080",
    "olive": "#808000", "aqua": "#00ffff", "cyan": "#00ffff", "fuchsia": "#ff00ff",
    "magenta": "#ff00ff", "gold": "#ffd700", "darkgreen": "#006400",
    "lightgreen": "#90ee90", "darkred": "#8b0000", "lightgray": "#d3d3d3",
    "lightgrey": "#d3d3d3", "darkgray": "#a9a9a9", "darkgrey": "#a9a9a9",
    "lightblue": "#add8e6", "darkblue": "#00008b", "skyblue": "#87ceeb",
    "royalblue": "#4169e1", "steelblue": "#4682b4", "dodgerblue": "#1e90ff",
    "forestgreen": "#228b22", "limegreen": "#32cd32", "seagreen": "#2e8b57",
    "darkorange": "#ff8c00", "orangered": "#ff4500", "crimson": "#dc143c",
    "firebrick": "#b22222", "tomato": "#ff6347", "salmon": "#fa8072",
    "pink": "#ffc0cb", "khaki": "#f0e68c", "lightyellow": "#ffffe0",
    "whitesmoke": "#f5f5f5", "gainsboro": "#dcdcdc", "beige": "#f5f5dc",
    "lavender": "#e6e6fa", "aliceblue": "#f0f8ff", "honeydew": "#f0fff0",
    "mintcream": "#f5fffa", "ivory": "#fffff0", "linen": "#faf0e6",
    "wheat": "#f5deb3", "goldenrod": "#daa520", "indigo": "#4b0082",
    "slategray": "#708090", "slategrey": "#708090", "dimgray": "#696969",
    "dimgrey": "#696969", "darkslategray": "#2f4f4f", "midnightblue": "#191970",
    "cornflowerblue": "#6495ed", "lightsteelblue": "#b0c4de",
    "palegreen": "#98fb98", "yellowgreen": "#9acd32", "olivedrab": "#6b8e23",
    "mediumseagreen": "#3cb371", "lightcoral": "#f08080", "indianred": "#cd5c5c",
}


class Element:
    __slots__ = ("tag", "attrs", "children", "parent", "style", "computed")

    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = dict(attrs)
        self.children = []
        self.parent = parent
        self.style = {}      # cascaded declarations (own)
        self.computed = {}   # own + inherited

    def element_children(self):
        return [c for c in self.children if isinstance(c, Element)]

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Element):
                yield from c.iter()


class Text(str):
    pass


class Comment(str):
    pass


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.stack = [self.root]
        self.doctype = None

    def _close_implied(self, tag):
        rule = IMPLIED_CLOSE.get(tag)
        if not rule:
            return
        closes, stops = rule
        lowest = None
        for i in range(len(self.stack) - 1, 0, -1):
            t = self.stack[i].tag
            if t in stops:
                break
            if t in closes:
                lowest = i
        if lowest is not None:
            del self.stack[lowest:]

    def handle_starttag(self, tag, attrs):
        self._close_implied(tag)
        if tag == "tr" and self.stack[-1].tag == "table":
            # a browser puts rows written straight into <table> in a <tbody>
            tbody = Element("tbody", {}, self.stack[-1])
            self.stack[-1].children.append(tbody)
            self.stack.append(tbody)
        el = Element(tag, [(k, v if v is not None else "") for k, v in attrs], self.stack[-1])
        self.stack[-1].children.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(Text(data))

    def handle_comment(self, data):
        self.stack[-1].children.append(Comment(data))

    def handle_decl(self, decl):
        self.doctype = decl


def parse_html(text):
    b = _TreeBuilder()
    b.feed(text)
    b.close()
    return b.root, b.doctype


# ---------------------------------------------------------------- CSS parsing

class Rule:
    __slots__ = ("selector", "specificity", "order", "decls")

    def __init__(self, selector, specificity, order, decls):
        self.selector = selector
        self.specificity = specificity
        self.order = order
        self.decls = decls  # list of (prop, value, important)


def parse_declarations(text):
    out = []
    for part in _split_top(text, ";"):
        if ":" not in part:
            continue
        prop, value = part.split(":", 1)
        prop = prop.strip().lower()
        value = value.strip()
        important = False
        m = re.search(r"!\s*important\s*$", value, re.I)
        if m:
            important = True
            value = value[:m.start()].strip()
        if prop and value:
            out.append((prop, value, important))
    return out


def _split_top(text, sep):
    """Split on sep outside parentheses and quotes."""
    parts, depth, quote, cur = [], 0, None, []
    for ch in text:
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    parts.append("".join(cur))
    return parts


def _blocks(css):
    """Yield (prelude, body) for each top-level block of a style sheet."""
    i, n = 0, len(css)
    while i < n:
        j = css.find("{", i)
        if j < 0:
            return
        prelude = css[i:j].strip()
        depth, k = 1, j + 1
        while k < n and depth:
            if css[k] == "{":
                depth += 1
            elif css[k] == "}":
                depth -= 1
            k += 1
        body = css[j + 1:k - 1]
        # an @import or @charset line before the prelude ends with ';'
        if ";" in prelude and prelude.startswith("@"):
            prelude = prelude.rsplit(";", 1)[1].strip()
        yield prelude, body
        i = k


class StyleSheet:
    def __init__(self):
        self.rules = []
        self.page = {}
        self.warnings = []
        self._order = 0

    def add(self, css, origin=0):
        css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
        css = re.sub(r"<!--|-->", "", css)
        for prelude, body in _blocks(css):
            low = prelude.lower()
            if low.startswith("@page"):
                if low == "@page":
                    for p, v, _ in parse_declarations(body):
                        self.page[p] = v
                continue
            if low.startswith("@media"):
                media = low[len("@media"):]
                if "print" in media or "all" in media or not media.strip():
                    self.add(body, origin)
                continue
            if low.startswith("@"):
                continue
            decls = parse_declarations(body)
            for sel in _split_top(prelude, ","):
                sel = sel.strip()
                if not sel:
                    continue
                parsed = parse_selector(sel)
                if parsed is None:
                    if "::" in sel or ":before" in sel or ":after" in sel:
                        if any(p == "content" for p, _, _ in decls):
                            self.warnings.append(f"generated content is not converted: {sel}")
                    else:
                        self.warnings.append(f"selector not understood, rule ignored: {sel}")
                    continue
                self._order += 1
                spec = (origin,) + specificity(parsed)
                self.rules.append(Rule(parsed, spec, self._order, decls))


_COMPOUND_RE = re.compile(
    r"""(?P<tag>\*|[a-zA-Z][a-zA-Z0-9-]*)
      | \#(?P<id>[-\w]+)
      | \.(?P<cls>[-\w]+)
      | \[(?P<attr>[-\w]+)\s*(?:(?P<op>[~|^$*]?=)\s*(?P<val>"[^"]*"|'[^']*'|[^\]\s]+))?\s*\]
      | :(?P<pseudo>[-\w]+)(?:\((?P<arg>[^)]*)\))?
    """, re.X)


def parse_selector(sel):
    """Return a list of (combinator, compound) from left to right, or None."""
    tokens = re.split(r"\s*(>|\+|~)\s*|\s+", sel.strip())
    parts, comb = [], " "
    for tok in tokens:
        if tok is None or tok == "":
            continue
        if tok in (">", "+", "~"):
            comb = tok
            continue
        compound, pos = [], 0
        while pos < len(tok):
            m = _COMPOUND_RE.match(tok, pos)
            if not m or m.end() == pos:
                return None
            if m.group("pseudo"):
                name = m.group("pseudo").lower()
                if name not in ("first-child", "last-child", "nth-child", "only-child"):
                    return None
            compound.append(m)
            pos = m.end()
        parts.append((comb, compound))
        comb = " "
    return parts or None


def specificity(parsed):
    a = b = c = 0
    for _, compound in parsed:
        for m in compound:
            if m.group("id"):
                a += 1
            elif m.group("cls") or m.group("attr") or m.group("pseudo"):
                b += 1
            elif m.group("tag") and m.group("tag") != "*":
                c += 1
    return (a, b, c)


def _siblings(el):
    return el.parent.element_children() if el.parent else [el]


def _nth(expr, index):
    expr = expr.replace(" ", "").lower()
    if expr == "odd":
        a, b = 2, 1
    elif expr == "even":
        a, b = 2, 0
    else:
        m = re.fullmatch(r"([+-]?\d*)n([+-]\d+)?|([+-]?\d+)", expr)
        if not m:
            return False
        if m.group(3) is not None:
            return index == int(m.group(3))
        a = m.group(1)
        a = -1 if a == "-" else 1 if a in ("", "+") else int(a)
        b = int(m.group(2) or 0)
    if a == 0:
        return index == b
    return (index - b) % a == 0 and (index - b) // a >= 0


def match_compound(el, compound):
    for m in compound:
        if m.group("tag"):
            if m.group("tag") != "*" and m.group("tag").lower() != el.tag:
                return False
        elif m.group("id"):
            if el.attrs.get("id") != m.group("id"):
                return False
        elif m.group("cls"):
            if m.group("cls") not in el.classes():
                return False
        elif m.group("attr"):
            name = m.group("attr").lower()
            if name not in el.attrs:
                return False
            if m.group("op"):
                want = m.group("val").strip("\"'")
                have = el.attrs[name]
                op = m.group("op")
                ok = {
                    "=": have == want,
                    "~=": want in have.split(),
                    "|=": have == want or have.startswith(want + "-"),
                    "^=": have.startswith(want),
                    "$=": have.endswith(want),
                    "*=": want in have,
                }[op]
                if not ok:
                    return False
        elif m.group("pseudo"):
            sibs = _siblings(el)
            name = m.group("pseudo").lower()
            if name == "first-child" and sibs[0] is not el:
                return False
            if name == "last-child" and sibs[-1] is not el:
                return False
            if name == "only-child" and len(sibs) != 1:
                return False
            if name == "nth-child" and not _nth(m.group("arg") or "", sibs.index(el) + 1):
                return False
    return True


def match_selector(el, parsed, i=None):
    if i is None:
        i = len(parsed) - 1
    comb, compound = parsed[i]
    if not match_compound(el, compound):
        return False
    if i == 0:
        return True
    if comb == ">":
        return el.parent is not None and el.parent.tag != "#document" and match_selector(el.parent, parsed, i - 1)
    if comb == " ":
        p = el.parent
        while p is not None and p.tag != "#document":
            if match_selector(p, parsed, i - 1):
                return True
            p = p.parent
        return False
    sibs = _siblings(el)
    idx = sibs.index(el)
    if comb == "+":
        return idx > 0 and match_selector(sibs[idx - 1], parsed, i - 1)
    if comb == "~":
        return any(match_selector(s, parsed, i - 1) for s in sibs[:idx])
    return False


# --------------------------------------------------------------- values

def parse_colour(value):
    """Return '#rrggbb' for a CSS colour value, 'transparent', or None."""
    v = value.strip().lower()
    if v in ("transparent", "none", "initial", "inherit", "unset"):
        return "transparent" if v in ("transparent", "none") else None
    m = re.fullmatch(r"#([0-9a-f]{3}|[0-9a-f]{6})", v)
    if m:
        h = m.group(1)
        if len(h) == 3:
            h = "".join(c * 2 for c in h)
        return "#" + h
    m = re.fullmatch(r"rgba?\(\s*([\d.]+%?)\s*[, ]\s*([\d.]+%?)\s*[, ]\s*([\d.]+%?)\s*(?:[,/]\s*([\d.]+%?))?\s*\)", v)
    if m:
        chans = []
        for g in m.groups()[:3]:
            chans.append(round(float(g[:-1]) * 2.55) if g.endswith("%") else round(float(g)))
        alpha = m.group(4)
        if alpha is not None:
            a = float(alpha[:-1]) / 100 if alpha.endswith("%") else float(alpha)
            if a == 0:
                return "transparent"
        return "#%02x%02x%02x" % tuple(max(0, min(255, c)) for c in chans)
    return NAMED_COLOURS.get(v)


def find_colour(value):
    """The first colour among the words of a shorthand (background, border)."""
    for tok in re.findall(r"rgba?\([^)]*\)|#[0-9a-fA-F]{3,6}\b|[a-zA-Z]+", value):
        c = parse_colour(tok)
        if c:
            return c
    return None


LENGTH_RE = re.compile(r"^(-?[\d.]+)(px|pt|mm|cm|in|pc|em|rem|%|)$")


def length_pt(value, font_pt=12.0, percent_of=None):
    """A CSS length in points, or None."""
    m = LENGTH_RE.match(value.strip().lower())
    if not m:
        return None
    n, unit = float(m.group(1)), m.group(2)
    if unit in ("px", ""):
        return n * 0.75 if unit == "px" or n == 0 else None
    return {
        "pt": n, "mm": n * 72 / 25.4, "cm": n * 72 / 2.54, "in": n * 72, "pc": n * 12,
        "em": n * font_pt, "rem": n * 12.0,
        "%": n / 100 * (percent_of if percent_of is not None else font_pt),
    }[unit]


FONT_SIZE_KEYWORDS = {"xx-small": 7, "x-small": 7.5, "small": 10, "medium": 12,
                      "large": 13.5, "x-large": 18, "xx-large": 24}


def resolve_font_size(value, parent_pt):
    v = value.strip().lower()
    if v in FONT_SIZE_KEYWORDS:
        return FONT_SIZE_KEYWORDS[v]
    if v == "smaller":
        return parent_pt / 1.2
    if v == "larger":
        return parent_pt * 1.2
    pt = length_pt(v, parent_pt, parent_pt)
    return pt if pt and pt > 0 else parent_pt


BORDER_STYLES = {"none", "hidden", "solid", "dotted", "dashed", "double",
                 "groove", "ridge", "inset", "outset"}
BORDER_WIDTH_KEYWORDS = {"thin": 0.75, "medium": 2.25, "thick": 3.75}


def parse_border(value):
    """(width_pt, style, colour) from a border shorthand."""
    width, style, colour = None, None, None
    for tok in re.findall(r"rgba?\([^)]*\)|\S+", value.strip().lower()):
        if tok in BORDER_STYLES:
            style = tok
        elif tok in BORDER_WIDTH_KEYWORDS:
            width = BORDER_WIDTH_KEYWORDS[tok]
        elif length_pt(tok) is not None:
            width = length_pt(tok)
        else:
            c = parse_colour(tok)
            if c:
                colour = c
    return width, style, colour


def expand_box(value):
    """CSS 1-4 value box shorthand -> (top, right, bottom, left)."""
    vals = value.split()
    if not vals:
        return None
    if len(vals) == 1:
        vals *= 4
    elif len(vals) == 2:
        vals = [vals[0], vals[1], vals[0], vals[1]]
    elif len(vals) == 3:
        vals = [vals[0], vals[1], vals[2], vals[1]]
    return vals[:4]


SIDES = ("top", "right", "bottom", "left")


def expand_shorthands(decls):
    """Expand background/border/padding/margin shorthands into longhands."""
    out = []
    for prop, value, imp in decls:
        v = value.strip()
        if prop == "background":
            c = find_colour(v)
            if c:
                out.append(("background-color", c, imp))
            elif v.lower() in ("none", "transparent"):
                out.append(("background-color", "transparent", imp))
        elif prop == "border" or prop in ("border-" + s for s in SIDES):
            sides = SIDES if prop == "border" else (prop[7:],)
            w, st, c = parse_border(v)
            if v.lower() in ("none", "0", "hidden"):
                w, st = 0.0, "none"
            for s in sides:
                out.append((f"border-{s}-style", st or "none", imp))
                out.append((f"border-{s}-width", "%gpt" % (w if w is not None else 2.25), imp))
                if c:
                    out.append((f"border-{s}-color", c, imp))
        elif prop in ("border-width", "border-style", "border-color"):
            kind = prop.split("-")[1]
            box = expand_box(v)
            if box:
                for s, x in zip(SIDES, box):
                    out.append((f"border-{s}-{kind}", x, imp))
        elif prop in ("padding", "margin"):
            box = expand_box(v)
            if box:
                for s, x in zip(SIDES, box):
                    out.append((f"{prop}-{s}", x, imp))
        elif prop == "font":
            # font: [style] [weight] size[/line-height] family
            m = re.match(r"(?P<pre>.*?)(?P<size>[\d.]+(?:px|pt|em|rem|%)|xx-small|x-small|small|medium|large|x-large|xx-large)(?:/\S+)?\s+(?P<fam>.+)$", v, re.I)
            if m:
                pre = m.group("pre").lower().split()
                out.append(("font-style", "italic" if "italic" in pre else "normal", imp))
                out.append(("font-weight", "bold" if ("bold" in pre or any(p.isdigit() and int(p) >= 600 for p in pre)) else "normal", imp))
                out.append(("font-size", m.group("size"), imp))
                out.append(("font-family", m.group("fam"), imp))
        elif prop in ("break-after", "break-before"):
            if v.lower() in ("page", "always", "left", "right", "recto", "verso"):
                out.append(("page-" + prop, "always", imp))
            elif v.lower() in ("avoid", "avoid-page"):
                out.append(("page-" + prop, "avoid", imp))
        elif prop == "break-inside":
            if v.lower().startswith("avoid"):
                out.append(("page-break-inside", "avoid", imp))
        else:
            out.append((prop, v, imp))
    return out


# --------------------------------------------------------------- cascade

def cascade(root, sheet):
    body_font = None
    for el in root.iter():
        if el.tag == "#document":
            continue
        matched = []
        for rule in sheet.rules:
            if match_selector(el, rule.selector):
                for prop, value, imp in expand_shorthands(rule.decls):
                    matched.append(((imp, rule.specificity, rule.order), prop, value))
        inline = parse_declarations(el.attrs.get("style", ""))
        for prop, value, imp in expand_shorthands(inline):
            matched.append(((imp, (2, 0, 0, 0), 1 << 30), prop, value))  # style="" beats rules
        matched.sort(key=lambda x: x[0])
        style = {}
        for _, prop, value in matched:
            style[prop] = value
        el.style = style

        parent = el.parent.computed if el.parent is not None and el.parent.tag != "#document" else {}
        comp = {k: v for k, v in parent.items() if k in INHERITED}
        parent_pt = parent.get("_font_pt", 12.0)
        for prop, value in style.items():
            if value.lower() == "inherit":
                if prop in parent:
                    comp[prop] = parent[prop]
                continue
            comp[prop] = value
        comp["_font_pt"] = resolve_font_size(style["font-size"], parent_pt) if "font-size" in style else parent_pt
        comp["font-weight"] = _weight(comp.get("font-weight", "normal"), parent.get("font-weight", "normal"))
        el.computed = comp
        if el.tag == "body":
            body_font = comp.get("font-family")
    return body_font


def _weight(value, parent):
    v = value.strip().lower()
    if v == "bolder":
        return "bold"
    if v == "lighter":
        return "normal"
    if v.isdigit():
        return "bold" if int(v) >= 600 else "normal"
    return "bold" if v == "bold" else "normal"


# --------------------------------------------------------------- rewriting

TEXT_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "div",
               "caption", "dt", "dd", "blockquote", "pre", "address", "span",
               "a", "b", "strong", "i", "em", "u", "small", "big", "font", "sub",
               "sup", "label", "section", "article", "header", "footer", "main",
               "figcaption", "body"}
CHAR_PROPS = ("font-family", "color", "text-decoration", "text-transform")
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "caption",
          "dt", "dd", "div", "pre"}


def _css_pt(pt):
    return "%gpt" % round(pt, 2)


def table_grid(table):
    """[(row, [(cell, first_column, colspan)])] with rowspans accounted for."""
    grid, occupied = [], {}
    for ri, (_, row) in enumerate(_table_rows(table)):
        col, cells = 0, []
        for cell in row.element_children():
            if cell.tag not in ("td", "th"):
                continue
            while occupied.get((ri, col)):
                col += 1
            span = _int_attr(cell, "colspan")
            rspan = _int_attr(cell, "rowspan")
            for r in range(ri, ri + rspan):
                for c in range(col, col + span):
                    occupied[(r, c)] = True
            cells.append((cell, col, span))
            col += span
        grid.append((row, cells))
    return grid


def _int_attr(el, name):
    try:
        return max(1, int(el.attrs.get(name, "1")))
    except ValueError:
        return 1


def column_widths(table):
    """Widths given by <col> elements, one per column (None where not given)."""
    widths = []
    for child in table.element_children():
        cols = [child] if child.tag == "col" else (
            [c for c in child.element_children() if c.tag == "col"] if child.tag == "colgroup" else [])
        for col in cols:
            w = col.style.get("width") or col.attrs.get("width")
            widths.extend([w.strip() if w else None] * _int_attr(col, "span"))
    return widths


def _width_value(w, font_pt=12.0):
    """('%', n) or ('pt', n) for a width, or None."""
    if not w:
        return None
    w = w.strip().lower()
    if w.endswith("%"):
        try:
            return ("%", float(w[:-1]))
        except ValueError:
            return None
    if re.fullmatch(r"[\d.]+", w):
        return ("pt", float(w) * 0.75)
    pt = length_pt(w, font_pt)
    return ("pt", pt) if pt else None


def column_fractions(table, grid):
    """Each grid column's share of the table width, when the page says so."""
    ncols = max((first + span for _, cells in grid for _, first, span in cells), default=0)
    if ncols == 0:
        return None
    cols = [_width_value(w) for w in column_widths(table)]
    if len(cols) < ncols or not all(cols[:ncols]):
        cols = None
        for _, cells in grid:
            if sum(span for _, _, span in cells) == ncols and all(span == 1 for _, _, span in cells):
                ws = [_width_value(c.style.get("width") or c.attrs.get("width")) for c, _, _ in cells]
                if all(ws):
                    cols = ws
                    break
        if cols is None:
            return None
    cols = cols[:ncols]
    if len({unit for unit, _ in cols}) != 1:
        return None
    total = sum(v for _, v in cols)
    if total <= 0:
        return None
    return [v / total for _, v in cols]


def spread_column_widths(root):
    """Copy <col> widths onto the cells, where Writer looks for them."""
    for table in root.iter():
        if table.tag != "table":
            continue
        widths = column_widths(table)
        if not widths or not any(widths):
            continue
        for _, cells in table_grid(table):
            for cell, first, span in cells:
                if "width" in cell.style or "width" in cell.attrs:
                    continue
                ws = widths[first:first + span]
                if len(ws) != span or not all(ws):
                    continue
                if all(w.endswith("%") for w in ws):
                    cell.style["width"] = "%g%%" % sum(float(w[:-1]) for w in ws)
                elif span == 1:
                    cell.style["width"] = ws[0]


def rewrite(root):
    """Turn the computed styles into inline styles and attributes Writer reads."""
    spread_column_widths(root)
    for el in root.iter():
        tag = el.tag
        if tag in ("#document", "html", "head", "title", "meta", "style", "script", "link"):
            continue
        st, comp = el.style, el.computed
        out = []
        if tag in TEXT_BLOCKS:
            for p in CHAR_PROPS:
                if p in comp and (p in st or tag in BLOCKS):
                    v = comp[p]
                    if p == "color":
                        v = parse_colour(v) or v
                    elif p == "font-family":
                        v = v.replace('"', "'")
                    out.append((p, v))
            if "font-size" in st or tag in BLOCKS:
                out.append(("font-size", _css_pt(comp["_font_pt"])))
            out.append(("font-weight", comp["font-weight"]))
            if "font-style" in comp:
                out.append(("font-style", comp["font-style"]))
            if "text-align" in comp:
                out.append(("text-align", comp["text-align"]))
        for p in ("page-break-before", "page-break-after", "page-break-inside"):
            if p in st:
                out.append((p, st[p]))
        for p in ("margin-top", "margin-bottom", "margin-left", "text-indent"):
            if p in st:
                pt = length_pt(st[p], comp["_font_pt"])
                out.append((p, _css_pt(pt) if pt is not None else st[p]))
        if tag in BLOCKS and "line-height" in comp:
            # Writer reads a plain number as a percentage of the font's own
            # line height; a browser multiplies the font size.  Give points.
            lh = comp["line-height"].strip().lower()
            try:
                pt = float(lh) * comp["_font_pt"]
            except ValueError:
                pt = None if lh == "normal" else length_pt(lh, comp["_font_pt"], comp["_font_pt"])
            if pt:
                out.append(("line-height", _css_pt(pt)))
        bg = parse_colour(st.get("background-color", "")) if "background-color" in st else None
        if bg and bg != "transparent":
            out.append(("background-color", bg))
        if tag in ("td", "th", "tr") and bg and bg != "transparent":
            el.attrs["bgcolor"] = bg
        if tag in ("td", "th"):
            va = st.get("vertical-align", "").lower()
            if va in ("top", "middle", "bottom"):
                el.attrs["valign"] = va
            ta = comp.get("text-align", "").lower()
            if ta in ("left", "right", "center", "justify"):
                el.attrs["align"] = ta
        if tag == "table":
            collapse = st.get("border-collapse", "").lower() == "collapse"
            el.attrs.setdefault("cellspacing", "0" if collapse else "2")
            pad = _first_cell_padding(el)
            if pad is not None:
                el.attrs.setdefault("cellpadding", str(round(pad / 0.75)))
        if tag in ("td", "th", "table", "col", "colgroup") and "width" in st:
            w = st["width"].strip().lower()
            if w.endswith("%"):
                el.attrs["width"] = w
            else:
                pt = length_pt(w, comp["_font_pt"])
                if pt:
                    el.attrs["width"] = str(round(pt / 0.75))
        # keep the original inline declarations that are not overridden
        merged = dict(out)
        for prop, value, _ in parse_declarations(el.attrs.get("style", "")):
            if prop not in merged and prop not in ("background", "border") and not prop.startswith("border"):
                merged[prop] = value
        if merged:
            el.attrs["style"] = "; ".join(f"{k}: {v}" for k, v in merged.items())
        elif "style" in el.attrs:
            del el.attrs["style"]
        if "class" in el.attrs:
            del el.attrs["class"]


def _cell_border(cell):
    sides = {}
    for s in SIDES:
        st = cell.style.get(f"border-{s}-style", "none").lower()
        w = length_pt(cell.style.get(f"border-{s}-width", "0pt")) or BORDER_WIDTH_KEYWORDS.get(cell.style.get(f"border-{s}-width", ""), 0)
        if st in ("none", "hidden") or not w:
            continue
        c = parse_colour(cell.style.get(f"border-{s}-color", "")) or parse_colour(cell.computed.get("color", "")) or "#000000"
        sides[s] = (w, c)
    return sides


def _cell_padding(table):
    """Padding (pt) per side of the table's first body cell, or None."""
    first = None
    for section, row in _table_rows(table):
        for cell in row.element_children():
            if cell.tag in ("td", "th"):
                if first is None or (section != "thead" and first[0] == "thead"):
                    first = (section, cell)
                break
        if first and first[0] != "thead":
            break
    if first is None:
        return None
    cell = first[1]
    pad = {}
    for s in SIDES:
        v = cell.style.get(f"padding-{s}")
        pt = length_pt(v, cell.computed.get("_font_pt", 12.0)) if v else None
        if pt is not None:
            pad[s] = pt
    return pad or None


def _first_cell_padding(table):
    pad = _cell_padding(table)
    return max(pad.values()) if pad else None


def _table_rows(table):
    """Rows of a table (not of tables nested in it), with their section tag."""
    rows = []
    for child in table.element_children():
        if child.tag == "tr":
            rows.append(("tbody", child))
        elif child.tag in ("thead", "tbody", "tfoot"):
            for r in child.element_children():
                if r.tag == "tr":
                    rows.append((child.tag, r))
    return rows


def describe_tables(root):
    """Facts about each table, in document order (nested tables included)."""
    tables = []
    for el in root.iter():
        if el.tag != "table":
            continue
        rows = _table_rows(el)
        header_rows = 0
        for section, _ in rows:
            if section == "thead":
                header_rows += 1
            else:
                break
        lines = {"top": None, "bottom": None, "left": None, "right": None,
                 "horizontal": None, "vertical": None}
        widths = []
        try:
            border_attr = int(el.attrs.get("border", "0") or "1")
        except ValueError:
            border_attr = 1
        own = _cell_border(el)
        for s in SIDES:
            if s in own:
                lines[s] = own[s]
        if border_attr > 0 and not any(k.startswith("border") for k in el.style):
            for k in lines:
                lines[k] = lines[k] or (0.75, "#808080")
        nrows = len(rows)
        for ri, (_, row) in enumerate(rows):
            cells = [c for c in row.element_children() if c.tag in ("td", "th")]
            for ci, cell in enumerate(cells):
                for side, (w, c) in _cell_border(cell).items():
                    widths.append(w)
                    if side in ("left", "right"):
                        outer = (side == "left" and ci == 0) or (side == "right" and ci == len(cells) - 1)
                        key = side if outer else "vertical"
                    else:
                        outer = (side == "top" and ri == 0) or (side == "bottom" and ri == nrows - 1)
                        key = side if outer else "horizontal"
                    if lines[key] is None or w > lines[key][0]:
                        lines[key] = (w, c)
        try:
            attr_pad = float(el.attrs["cellpadding"]) * 0.75 if "cellpadding" in el.attrs else None
        except ValueError:
            attr_pad = None
        padding = _cell_padding(el) or ({s: attr_pad for s in SIDES} if attr_pad is not None else None)
        grid = table_grid(el)
        tables.append({"header_rows": header_rows, "lines": lines, "padding_pt": padding,
                       "column_fractions": column_fractions(el, grid),
                       "margin_pt": {side: length_pt(el.style[f"margin-{side}"], el.computed.get("_font_pt", 12.0))
                                     for side in ("top", "bottom") if f"margin-{side}" in el.style},
                       "row_cells": [[[first, span] for _, first, span in cells] for _, cells in grid],
                       "rows_keep_together": [row.style.get("page-break-inside", "").lower() == "avoid"
                                              for _, row in rows],
                       "rows": nrows, "nested": any(p.tag == "table" for p in _ancestors(el))})
    return tables


def _ancestors(el):
    p = el.parent
    while p is not None:
        yield p
        p = p.parent


def page_setup(sheet):
    """(width_mm, height_mm, landscape, margins_mm dict) from the @page rule."""
    size = sheet.page.get("size", "").lower().split()
    sizes = {"a4": (210, 297), "a3": (297, 420), "a5": (148, 210), "letter": (215.9, 279.4),
             "legal": (215.9, 355.6)}
    w, h = sizes["a4"]
    landscape = False
    lengths = []
    for tok in size:
        if tok in sizes:
            w, h = sizes[tok]
        elif tok == "landscape":
            landscape = True
        elif tok == "portrait":
            landscape = False
        else:
            pt = length_pt(tok)
            if pt:
                lengths.append(pt * 25.4 / 72)
    if len(lengths) == 1:
        w = h = lengths[0]
    elif len(lengths) >= 2:
        w, h = lengths[0], lengths[1]
        landscape = w > h
    if landscape and w < h:
        w, h = h, w
    margins = {}
    box = expand_box(sheet.page.get("margin", ""))
    if box:
        for s, v in zip(SIDES, box):
            pt = length_pt(v)
            if pt is not None:
                margins[s] = pt * 25.4 / 72
    for s in SIDES:
        if f"margin-{s}" in sheet.page:
            pt = length_pt(sheet.page[f"margin-{s}"])
            if pt is not None:
                margins[s] = pt * 25.4 / 72
    return {"width_mm": w, "height_mm": h, "landscape": landscape, "margins_mm": margins}


def serialise(root, doctype, page_css):
    out = []
    if doctype:
        out.append(f"<!{doctype}>\n")

    def attrs(el):
        return "".join(' %s="%s"' % (k, v.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;"))
                       for k, v in el.attrs.items())

    def walk(node):
        if isinstance(node, Comment):
            return
        if isinstance(node, Text):
            out.append(html.escape(node, quote=False))
            return
        tag = node.tag
        if tag == "style":
            return
        if node.style.get("display", "").lower() == "none" and tag not in ("head", "title", "meta"):
            return  # not printed by a browser either
        if tag == "#document":
            for c in node.children:
                walk(c)
            return
        out.append(f"<{tag}{attrs(node)}>")
        if tag in VOID:
            return
        if tag in RAW_TEXT:
            out.append("".join(str(c) for c in node.children))
        else:
            for c in node.children:
                walk(c)
        if tag == "head" and page_css:
            out.append(f"<style>{page_css}</style>")
        out.append(f"</{tag}>")

    walk(root)
    return "".join(out)


def collect_css(root):
    css = []
    for el in root.iter():
        if el.tag == "style":
            media = el.attrs.get("media", "all").lower()
            if "print" in media or "all" in media:
                css.append("".join(str(c) for c in el.children))
    return "\n".join(css)


def prepare(text):
    """Return (html_for_writer, info) for the HTML source text."""
    root, doctype = parse_html(text)
    sheet = StyleSheet()
    sheet.add(UA_CSS, origin=0)
    sheet.add(collect_css(root), origin=1)
    body_font = cascade(root, sheet)
    tables = describe_tables(root)
    page = page_setup(sheet)
    title = None
    for el in root.iter():
        if el.tag == "title":
            title = " ".join("".join(str(c) for c in el.children if isinstance(c, Text)).split()) or None
            break
    rewrite(root)
    page_css = "@page { size: %s%s; }" % ("A4" if page["width_mm"] in (210, 297) else "%gmm %gmm" % (page["width_mm"], page["height_mm"]),
                                          " landscape" if page["landscape"] and page["width_mm"] in (210, 297) else "")
    out = serialise(root, doctype, page_css)
    if not re.search(r"<meta[^>]+charset", out, re.I):
        out = out.replace("<head>", '<head><meta charset="utf-8">', 1)
    info = {"page": page, "tables": tables, "body_font": body_font, "title": title,
            "warnings": sheet.warnings}
    return out, info


if __name__ == "__main__":
    import json
    import sys
    src = open(sys.argv[1], encoding="utf-8").read()
    out, info = prepare(src)
    if len(sys.argv) > 2:
        open(sys.argv[2], "w", encoding="utf-8").write(out)
    json.dump(info, sys.stderr, indent=1)
    sys.stderr.write("\n")
