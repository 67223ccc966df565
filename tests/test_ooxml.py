"""The OOXML layer, as tables of tiny XML snippets and what they mean (python-docx's way).

One row per edge case: block walking through content controls and custom XML at every
level, the text a run shows (fields, symbols, objects), toggles and the formatting layers
docDefaults → table style → paragraph style → character style → direct formatting, and the
headers a section shows.
"""

from __future__ import annotations

import pytest
from lxml import etree

from reportgen.ooxml import finite_number, int_value, is_on
from reportgen.ooxml.blocks import block_elements, grid_span, paragraph_runs, row_cells, table_rows
from reportgen.ooxml.numbering import ListLabels
from reportgen.ooxml.sections import section_properties, story_references
from reportgen.ooxml.styles import StyleResolver
from reportgen.ooxml.text import field_codes, shown_runs

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xml(snippet: str) -> etree._Element:
    """`<w:p>…</w:p>` with the w: and r: namespaces declared on the root."""
    head, rest = snippet.split(">", 1) if not snippet.split(">", 1)[0].endswith("/") else (snippet[:-2], "/>")
    if rest == "/>":
        return etree.fromstring(f'{head} xmlns:w="{W_NS}" xmlns:r="{R_NS}"/>')
    return etree.fromstring(f'{head} xmlns:w="{W_NS}" xmlns:r="{R_NS}">{rest}')


def text_of(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(f"{{{W_NS}}}t"))


# --- values ------------------------------------------------------------------------------

@pytest.mark.parametrize(("snippet", "on"), [
    ("<w:b/>", True),
    ('<w:b w:val="1"/>', True),
    ('<w:b w:val="true"/>', True),
    ('<w:b w:val="on"/>', True),
    ('<w:b w:val="0"/>', False),
    ('<w:b w:val="false"/>', False),
    ('<w:b w:val="Off"/>', False),
])
def test_on_off_values(snippet, on):
    assert is_on(xml(snippet)) is on


def test_an_absent_property_is_off():
    assert is_on(None) is False


@pytest.mark.parametrize(("value", "number"), [
    ("720", 720), ("-1", -1), ("12.5", 12), ("999999999", 999999999), ("1000000000", None),
    ("1e400", None), ("nan", None), ("inf", None), ("abc", None), ("", None), (None, None),
])
def test_numbers_from_hostile_attributes(value, number):
    assert int_value(value) == number
    assert (finite_number(value) is None) is (number is None)


@pytest.mark.parametrize(("snippet", "span"), [
    ("<w:tc/>", 1),
    ('<w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr></w:tc>', 3),
    ('<w:tc><w:tcPr><w:gridSpan w:val="0"/></w:tcPr></w:tc>', 1),
    ('<w:tc><w:tcPr><w:gridSpan w:val="-2"/></w:tcPr></w:tc>', 1),
    ('<w:tc><w:tcPr><w:gridSpan w:val="99999"/></w:tcPr></w:tc>', 1),
])
def test_grid_span(snippet, span):
    assert grid_span(xml(snippet)) == span


# --- block walking -----------------------------------------------------------------------

@pytest.mark.parametrize(("snippet", "blocks"), [
    ("<w:body><w:p><w:r><w:t>a</w:t></w:r></w:p><w:tbl/><w:sectPr/></w:body>", ["p:a", "tbl"]),
    ("<w:body><w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>a</w:t></w:r></w:p></w:sdtContent></w:sdt></w:body>",
     ["p:a"]),
    ("<w:body><w:customXml><w:p><w:r><w:t>a</w:t></w:r></w:p></w:customXml></w:body>", ["p:a"]),
    ("<w:body><w:customXml><w:sdt><w:sdtContent><w:tbl/></w:sdtContent></w:sdt></w:customXml></w:body>", ["tbl"]),
    ("<w:body><w:sdt><w:sdtPr/></w:sdt><w:p/></w:body>", ["p:"]),  # a control with no content
    ("<w:body><w:bookmarkStart/><w:p/><w:proofErr/></w:body>", ["p:"]),
])
def test_blocks_are_found_through_content_controls_and_custom_xml(snippet, blocks):
    found = [f"p:{text_of(e)}" if e.tag.endswith("}p") else "tbl" for e in block_elements(xml(snippet))]
    assert found == blocks


def test_the_final_section_is_a_block_only_when_asked():
    body = xml("<w:body><w:p/><w:sectPr/></w:body>")
    assert [e.tag.rsplit("}")[1] for e in block_elements(body, sections=True)] == ["p", "sectPr"]


@pytest.mark.parametrize("wrap", [
    "{}",
    "<w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt>",
    "<w:customXml>{}</w:customXml>",
    "<w:customXml><w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt></w:customXml>",
])
def test_rows_and_cells_are_found_through_content_controls_and_custom_xml(wrap):
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    row = "<w:tr>" + wrap.format(cell.format("a")) + cell.format("b") + "</w:tr>"
    tbl = xml("<w:tbl><w:tblPr/>" + wrap.format(row) + "</w:tbl>")
    rows = list(table_rows(tbl))
    assert len(rows) == 1
    assert [text_of(c) for c in row_cells(rows[0])] == ["a", "b"]


@pytest.mark.parametrize(("snippet", "runs"), [
    ("<w:p><w:r><w:t>a</w:t></w:r><w:r><w:t>b</w:t></w:r></w:p>", ["a", "b"]),
    ('<w:p><w:hyperlink r:id="x"><w:r><w:t>a</w:t></w:r></w:hyperlink></w:p>', ["a"]),
    ("<w:p><w:ins><w:r><w:t>a</w:t></w:r></w:ins><w:del><w:r><w:delText>b</w:delText></w:r></w:del></w:p>", ["a"]),
    ("<w:p><w:moveTo><w:r><w:t>a</w:t></w:r></w:moveTo><w:moveFrom><w:r><w:t>b</w:t></w:r></w:moveFrom></w:p>", ["a"]),
    ("<w:p><w:sdt><w:sdtContent><w:r><w:t>a</w:t></w:r></w:sdtContent></w:sdt></w:p>", ["a"]),
    ("<w:p><w:smartTag><w:customXml><w:r><w:t>a</w:t></w:r></w:customXml></w:smartTag></w:p>", ["a"]),
    ('<w:p><w:fldSimple w:instr="REF x"><w:r><w:t>a</w:t></w:r></w:fldSimple></w:p>', ["a"]),
])
def test_runs_of_a_paragraph(snippet, runs):
    assert [text_of(r) for r in paragraph_runs(xml(snippet))] == runs


# --- shown text and fields ---------------------------------------------------------------

FIELD = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> {} </w:instrText></w:r>'
         '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{}</w:t></w:r>'
         '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


@pytest.mark.parametrize(("snippet", "shown"), [
    ("<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/></w:r></w:p>", "a\tb\n"),
    ('<w:p><w:r><w:sym w:char="F0B7"/><w:noBreakHyphen/></w:r></w:p>', "\uf0b7\u2011"),
    ('<w:p><w:r><w:sym w:char="zz"/></w:r></w:p>', "\ufffc"),
    ("<w:p><w:r><w:drawing/></w:r></w:p>", "\ufffc"),
    ("<w:p><w:r><w:t>Trang </w:t></w:r>" + FIELD.format("PAGE", "6") + "</w:p>", "Trang "),
    ("<w:p>" + FIELD.format("NUMPAGES", "12") + "</w:p>", ""),
    ("<w:p>" + FIELD.format("DATE \\@ dd/MM/yyyy", "01/01/2024") + "</w:p>", ""),
    ("<w:p>" + FIELD.format("REF _Ref1 \\h", "Điều 3") + "</w:p>", "Điều 3"),  # a cross-reference is content
    ('<w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple><w:r><w:t>x</w:t></w:r></w:p>', "x"),
    ('<w:p><w:fldSimple w:instr="MERGEFIELD Ten"><w:r><w:t>An</w:t></w:r></w:fldSimple></w:p>', "An"),
    ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>REF a</w:instrText></w:r>'
     '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Mục </w:t></w:r>' + FIELD.format("PAGE", "3")
     + '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>', "Mục "),  # nested: only the volatile result goes
])
def test_shown_text(snippet, shown):
    assert "".join(text for _, text in shown_runs(xml(snippet))) == shown


@pytest.mark.parametrize(("snippet", "codes"), [
    ("<w:p><w:r><w:t>a</w:t></w:r></w:p>", ()),
    ("<w:p>" + FIELD.format("PAGE", "1") + "</w:p>", ("PAGE",)),
    ('<w:p><w:fldSimple w:instr=" numpages "/></w:p>', ("NUMPAGES",)),
    ("<w:p>" + FIELD.format("REF x", "a") + FIELD.format("PAGE", "1") + "</w:p>", ("REF", "PAGE")),
])
def test_field_codes(snippet, codes):
    assert field_codes(xml(snippet)) == codes


# --- effective formatting ----------------------------------------------------------------

STYLES = """<w:styles>
  <w:docDefaults>
    <w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault>
    <w:pPrDefault><w:pPr><w:spacing w:after="160"/></w:pPr></w:pPrDefault>
  </w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>
    <w:pPr><w:jc w:val="both"/></w:pPr><w:rPr><w:sz w:val="28"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Bold"><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="NotBold"><w:basedOn w:val="Bold"/><w:rPr><w:b w:val="0"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:jc w:val="center"/><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="Outline"><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
  <w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="Red"><w:rPr><w:color w:val="FF0000"/></w:rPr></w:style>
  <w:style w:type="table" w:styleId="Grid"><w:rPr><w:b/><w:sz w:val="24"/></w:rPr>
    <w:pPr><w:jc w:val="left"/></w:pPr></w:style>
</w:styles>"""


@pytest.fixture(scope="module")
def resolver() -> StyleResolver:
    return StyleResolver(xml(STYLES), None)


@pytest.mark.parametrize(("p_style", "r_pr", "table", "bold", "size"), [
    (None, "", None, False, 14),                                     # default paragraph style over docDefaults
    ("Bold", "", None, True, 14),                                    # paragraph style
    ("NotBold", "", None, False, 14),                                # a derived style overrides its base
    ("Bold", '<w:rStyle w:val="Strong"/>', None, False, 14),         # across layers a toggle toggles
    ("Bold", '<w:rStyle w:val="Strong"/><w:b/>', None, True, 14),    # direct formatting sets outright
    ("Bold", '<w:b w:val="0"/>', None, False, 14),
    (None, '<w:rStyle w:val="Strong"/>', None, True, 14),
    (None, "", "Grid", True, 14),                                    # table style under the paragraph style
    ("Bold", "", "Grid", False, 14),                                 # table bold toggled off by the paragraph's
    (None, '<w:sz w:val="27"/>', None, False, 13.5),
    (None, '<w:rStyle w:val="Missing"/>', None, False, 14),          # an unknown style is ignored
])
def test_run_formatting_layers(resolver, p_style, r_pr, table, bold, size):
    run = resolver.run(xml(f"<w:rPr>{r_pr}</w:rPr>") if r_pr else None, p_style or "Normal", table)
    assert (run.bold, run.size) == (bold, size)


def test_no_styles_at_all_gives_words_defaults():
    run = StyleResolver(None, None).run(None, None)
    assert (run.bold, run.italic, run.size, run.underline) == (False, False, 10.0, None)


@pytest.mark.parametrize(("p_pr", "table", "align", "after", "num", "heading"), [
    ("", None, "both", 160, None, None),
    ('<w:pStyle w:val="H2"/>', None, "center", 160, ("1", 0), 2),
    ('<w:pStyle w:val="H2"/><w:numPr><w:ilvl w:val="2"/></w:numPr>', None, "center", 160, ("1", 2), 2),
    ('<w:pStyle w:val="H2"/><w:numPr><w:numId w:val="0"/></w:numPr>', None, "center", 160, None, 2),
    ('<w:pStyle w:val="H2"/><w:jc w:val="right"/><w:spacing w:after="0"/>', None, "right", 0, ("1", 0), 2),
    ('<w:jc w:val="start"/>', None, "left", 160, None, None),
    ('<w:jc w:val="end"/>', None, "right", 160, None, None),
    ('<w:pStyle w:val="Outline"/>', None, "left", 160, None, 1),
    ('<w:outlineLvl w:val="9"/>', None, "both", 160, None, None),   # level 9 is body text
    ("", "Grid", "both", 160, None, None),                          # the paragraph style beats the table style
])
def test_paragraph_formatting_layers(resolver, p_pr, table, align, after, num, heading):
    fmt = resolver.paragraph(xml(f"<w:pPr>{p_pr}</w:pPr>"), table)
    assert (fmt.align, fmt.after, fmt.num, resolver.heading_level(fmt)) == (align, after, num, heading)


@pytest.mark.parametrize(("name", "shown"), [("heading 2", "Heading 2"), ("Normal", "Normal")])
def test_built_in_style_names_are_shown_capitalised(resolver, name, shown):
    style = {"heading 2": "H2", "Normal": "Normal"}[name]
    assert resolver.style_name(style) == shown


def test_theme_colour_is_kept_beside_the_value():
    run = StyleResolver(None, None).run(xml('<w:rPr><w:color w:val="000000" w:themeColor="text1"/></w:rPr>'), None)
    assert (run.color, run.theme_color) == ("000000", "text1")


# --- lists -------------------------------------------------------------------------------

NUMBERING = """<w:numbering>
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""


def test_list_labels_count_like_word():
    labels = ListLabels(xml(NUMBERING))
    got = [labels.next_label(n) for n in [("1", 0), ("1", 1), ("1", 1), ("1", 0), ("1", 1), ("0", 0), None]]
    assert got == ["1.", "a)", "b)", "2.", "a)", "", ""]


def test_list_kind_is_the_same_whatever_the_list_id():
    labels = ListLabels(xml(NUMBERING))
    assert labels.list_kind(("1", 1)) == labels.list_kind(("7", 1)) == ("lowerLetter", "%2)")
    assert labels.list_kind(("9", 0)) is None


# --- sections ----------------------------------------------------------------------------

def _ref(kind: str, rid: str, slot: str = "default") -> str:
    return f'<w:{kind}Reference w:type="{slot}" r:id="{rid}"/>'


@pytest.mark.parametrize(("sections", "expected"), [
    # one section
    ([_ref("header", "h1")], [{"default": "h1.xml"}]),
    # the second section names nothing: it shows the first one's header
    ([_ref("header", "h1"), ""], [{"default": "h1.xml"}, {"default": "h1.xml"}]),
    # a first-page header added in section 2; the default one inherited
    ([_ref("header", "h1"), _ref("header", "h2", "first")],
     [{"default": "h1.xml"}, {"default": "h1.xml", "first": "h2.xml"}]),
    # a repeated reference (LibreOffice writes one per section) reads the same as inheriting
    ([_ref("header", "h1"), _ref("header", "h1")], [{"default": "h1.xml"}, {"default": "h1.xml"}]),
    # an unknown relationship is ignored
    ([_ref("header", "nope")], [{}]),
])
def test_headers_a_section_shows(sections, expected):
    paras = "".join(f"<w:p><w:pPr><w:sectPr>{s}</w:sectPr></w:pPr></w:p>" for s in sections[:-1])
    body = xml(f"<w:body>{paras}<w:p/><w:sectPr>{sections[-1]}</w:sectPr></w:body>")
    rels = {"h1": ("header", "h1.xml"), "h2": ("header", "h2.xml")}
    assert story_references(section_properties(body), rels, "header") == expected


def test_a_body_without_a_final_section_has_words_defaults():
    assert section_properties(xml("<w:body><w:p/></w:body>")) == [None]
