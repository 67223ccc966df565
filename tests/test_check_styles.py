"""The effective-formatting resolver: defaults, style chains, toggles, theme fonts, tables."""

from __future__ import annotations

from lxml import etree

from reportgen.ooxml.styles import StyleResolver

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"

STYLES = f"""
<w:styles xmlns:w="{W_NS}">
  <w:docDefaults>
    <w:rPrDefault><w:rPr>
      <w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/>
      <w:sz w:val="22"/>
    </w:rPr></w:rPrDefault>
    <w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault>
  </w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal">
    <w:pPr><w:jc w:val="both"/><w:ind w:firstLine="720"/></w:pPr>
    <w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Heading">
    <w:basedOn w:val="Normal"/>
    <w:pPr><w:jc w:val="center"/><w:ind w:hanging="360"/></w:pPr>
    <w:rPr><w:b/><w:i/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="SubHeading">
    <w:basedOn w:val="Heading"/>
    <w:rPr><w:i w:val="0"/><w:sz w:val="26"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Loop1"><w:basedOn w:val="Loop2"/><w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Loop2"><w:basedOn w:val="Loop1"/></w:style>
  <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"/>
  <w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="Arial"><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr></w:style>
  <w:style w:type="table" w:default="1" w:styleId="TableNormal"/>
  <w:style w:type="table" w:styleId="Grid">
    <w:pPr><w:jc w:val="left"/><w:spacing w:after="0"/></w:pPr>
    <w:rPr><w:sz w:val="24"/><w:u w:val="single"/></w:rPr>
  </w:style>
</w:styles>
"""

THEME = f"""
<a:theme xmlns:a="{A_NS}"><a:themeElements><a:fontScheme name="Office">
  <a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>
  <a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>
</a:fontScheme></a:themeElements></a:theme>
"""


def resolver() -> StyleResolver:
    return StyleResolver(etree.fromstring(STYLES), etree.fromstring(THEME))


def ppr(xml: str = "") -> etree._Element:
    return etree.fromstring(f'<w:pPr xmlns:w="{W_NS}">{xml}</w:pPr>')


def rpr(xml: str = "") -> etree._Element:
    return etree.fromstring(f'<w:rPr xmlns:w="{W_NS}">{xml}</w:rPr>')


def test_default_paragraph_style_applies_when_none_is_named():
    res = resolver()
    para = res.paragraph(None)
    assert para.style_id == "Normal"
    assert para.align == "both" and para.first_line == 720
    assert para.after == 160 and para.line == 259  # from the document defaults
    run = res.run(None, "Normal")
    assert run.size == 14 and run.font("ascii") == "Times New Roman"


def test_theme_fonts_resolve_through_the_theme():
    res = resolver()
    run = res.run(None, "Normal")
    assert run.font("cs") is None  # minorBidi has an empty typeface: unset
    bare = StyleResolver(etree.fromstring(STYLES.replace('w:default="1" w:styleId="Normal"', 'w:styleId="Normal"')),
                         etree.fromstring(THEME))
    assert bare.run(None, None).font("ascii") == "Calibri"


def test_based_on_chain_overrides_and_hanging_replaces_first_line():
    res = resolver()
    heading = res.paragraph(ppr('<w:pStyle w:val="Heading"/>'))
    assert heading.align == "center" and heading.first_line == -360
    sub = res.run(None, "SubHeading")
    assert sub.bold and not sub.italic and sub.size == 13
    assert sub.font("ascii") == "Times New Roman"


def test_toggle_properties_xor_across_style_layers():
    res = resolver()
    assert res.run(None, "Heading").bold
    strong_in_heading = res.run(rpr('<w:rStyle w:val="Strong"/>'), "Heading")
    assert not strong_in_heading.bold  # paragraph style bold + character style bold
    assert res.run(rpr('<w:rStyle w:val="Strong"/>'), "Normal").bold


def test_direct_formatting_sets_toggles_outright():
    res = resolver()
    assert not res.run(rpr('<w:b w:val="0"/>'), "Heading").bold
    assert res.run(rpr('<w:rStyle w:val="Strong"/><w:b/>'), "Heading").bold
    assert res.run(rpr("<w:i/>"), "Normal").italic
    assert res.run(rpr('<w:u w:val="none"/>'), "Normal", "Grid").underline is None


def test_character_style_fonts_and_direct_size():
    res = resolver()
    run = res.run(rpr('<w:rStyle w:val="Arial"/><w:sz w:val="25"/>'), "Normal")
    assert run.font("ascii") == "Arial" and run.font("hAnsi") == "Times New Roman"
    assert run.size == 12.5


def test_table_style_sits_below_the_paragraph_style():
    res = resolver()
    para = res.paragraph(None, "Grid")
    assert para.align == "both"  # Normal's jc wins over the table style's
    assert para.after == 0  # the table style's spacing wins over the document defaults
    run = res.run(None, "Normal", "Grid")
    assert run.size == 14 and run.underline == "single"
    assert res.table_style_id(None) == "TableNormal"
    assert res.table_style_id("Missing") == "TableNormal"


def test_style_cycles_do_not_hang():
    assert resolver().run(None, "Loop1").bold


def test_no_styles_part_gives_word_defaults():
    res = StyleResolver(None, None)
    run = res.run(None, None)
    assert run.size == 10 and run.font("ascii") is None and not run.bold
    assert res.paragraph(None).align == "left"
