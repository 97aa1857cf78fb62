import ChiSoKit
import Testing

@Suite struct EscapingTests {
    static let hostile = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "' onmouseover='alert(1)",
        "a | b `code` **bold** [link](javascript:alert(1))",
    ]

    @Test func htmlEscapesTheFiveSpecialCharacters() {
        #expect(HTMLEscaping.escape("<a href=\"x\">Tom & Jerry's</a>")
            == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(HTMLEscaping.escape("Thiết chế pháp lý & An ninh") == "Thiết chế pháp lý &amp; An ninh")
    }

    @Test(arguments: hostile)
    func htmlOutputHasNoMarkupLeft(_ text: String) {
        let escaped = HTMLEscaping.escape(text)
        #expect(!escaped.contains("<"))
        #expect(!escaped.contains(">"))
        #expect(!escaped.contains("\""))
        #expect(!escaped.contains("'"))
    }

    @Test func characterssXMLForbidsAreReplaced() {
        #expect(HTMLEscaping.escape("a\u{0}b\u{1B}c\td") == "a\u{FFFD}b\u{FFFD}c\td")
    }

    @Test func onlyHarmlessLinkSchemesAreKept() {
        #expect(HTMLEscaping.safeURL("https://pcivietnam.vn/") == "https://pcivietnam.vn/")
        #expect(HTMLEscaping.safeURL("#hinh-1") == "#hinh-1")
        #expect(HTMLEscaping.safeURL("charts/01-a.svg") == "charts/01-a.svg")
        #expect(HTMLEscaping.safeURL("mailto:a@b.vn") == "mailto:a@b.vn")
        #expect(HTMLEscaping.safeURL("javascript:alert(1)") == nil)
        #expect(HTMLEscaping.safeURL(" JavaScript:alert(1)") == nil)
        #expect(HTMLEscaping.safeURL("java\tscript:alert(1)") == nil)
        #expect(HTMLEscaping.safeURL("data:text/html,<b>") == nil)
        #expect(HTMLEscaping.safeURL("") == nil)
    }

    @Test func markdownTableCellsCannotEndEarly() {
        #expect(MarkdownEscaping.tableCell("a|b") == "a\\|b")
        #expect(MarkdownEscaping.tableCell("`x`") == "\\`x\\`")
        #expect(MarkdownEscaping.tableCell("line1\nline2") == "line1 line2")
        #expect(MarkdownEscaping.tableCell("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(MarkdownEscaping.tableCell("+7") == "+7")
        #expect(MarkdownEscaping.tableCell("- x") == "- x")
    }

    @Test func markdownAmpersandsAreEscapedOnlyWhereTheyWouldStartAnEntity() {
        #expect(MarkdownEscaping.inline("pháp lý & an ninh") == "pháp lý & an ninh")
        #expect(MarkdownEscaping.inline("&amp; &lt;b&gt; &#39; &#x27;") == "&amp;amp; &amp;lt;b&amp;gt; &amp;\\#39; &amp;\\#x27;")
        #expect(MarkdownEscaping.tableCell("AT&T;") == "AT&amp;T;")
    }

    @Test func markdownInlineShowsPunctuationLiterally() {
        #expect(MarkdownEscaping.inline("**bold** _em_ [x](y) ~z~") == "\\*\\*bold\\*\\* \\_em\\_ \\[x\\](y) \\~z\\~")
        #expect(MarkdownEscaping.inline("C:\\path") == "C:\\\\path")
        #expect(MarkdownEscaping.inline("Phú Yên tăng 7 bậc") == "Phú Yên tăng 7 bậc")
    }

    @Test func markdownLineStartsCannotStartBlocks() {
        #expect(MarkdownEscaping.inline("# not a heading") == "\\# not a heading")
        #expect(MarkdownEscaping.inline("- not a list") == "\\- not a list")
        #expect(MarkdownEscaping.inline("+ not a list") == "\\+ not a list")
        #expect(MarkdownEscaping.inline("---") == "\\---")
        #expect(MarkdownEscaping.inline("-3 bậc") == "-3 bậc")
        #expect(MarkdownEscaping.inline("+1,33 điểm") == "+1,33 điểm")
        #expect(MarkdownEscaping.inline("1.5 điểm") == "1.5 điểm")
        #expect(MarkdownEscaping.inline("2021. not a list") == "2021\\. not a list")
        #expect(MarkdownEscaping.inline("> not a quote") == "&gt; not a quote")
        #expect(MarkdownEscaping.inline("64,17 điểm") == "64,17 điểm")
    }

    @Test func markdownDestinationsAreEncodedOrRefused() {
        #expect(MarkdownEscaping.destination("charts/01 a (b).svg") == "charts/01%20a%20%28b%29.svg")
        #expect(MarkdownEscaping.destination("javascript:alert(1)") == nil)
    }

    @Test func slugsAreAsciiWithoutVietnameseMarks() {
        #expect(Slug.make(from: "Thứ hạng PCI của Phú Yên, 2006–2021") == "thu-hang-pci-cua-phu-yen-2006-2021")
        #expect(Slug.make(from: "Đắk Lắk & Đà Nẵng") == "dak-lak-da-nang")
        // NFD input gives the same slug as NFC.
        #expect(Slug.make(from: "Phu\u{0301} Y\u{00EA}n") == "phu-yen")
        #expect(Slug.make(from: "\"><img onerror=alert(1)>") == "img-onerror-alert-1")
        #expect(Slug.make(from: "…") == "item")
        #expect(Slug.make(from: "Phú Yên's PCI rank") == "phu-yens-pci-rank")
        #expect(Slug.make(from: "một hai ba bốn năm", maxLength: 10) == "mot-hai-ba")
    }
}
