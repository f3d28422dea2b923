using System.Text;
using DanVan.Core.Citations;

namespace DanVan.Tests.Citations;

public sealed class LegalRegistryTests
{
    [Theory]
    [InlineData("34/2007/PL-UBTVQH11", "pháp lệnh", "2007-04-20", "Ủy ban Thường vụ Quốc hội")]
    [InlineData("10/2022/QH15", "luật", "2022-11-10", "Quốc hội")]
    [InlineData("33/CT-TTg", "chỉ thị", "2021-11-26", "Thủ tướng Chính phủ")]
    [InlineData("76/NQ-CP", "nghị quyết", "2021-07-15", "Chính phủ")]
    [InlineData("217-QĐ/TW", "quyết định", "2013-12-12", "Bộ Chính trị")]
    [InlineData("218-QĐ/TW", "quyết định", "2013-12-12", "Bộ Chính trị")]
    [InlineData("09/2019/NĐ-CP", "nghị định", "2019-01-24", "Chính phủ")]
    [InlineData("30/2020/NĐ-CP", "nghị định", "2020-03-05", "Chính phủ")]
    [InlineData("25-NQ/TW", "nghị quyết", "2013-06-03", "Ban Chấp hành Trung ương Đảng")]
    [InlineData("61/2023/NĐ-CP", "nghị định", "2023-08-16", "Chính phủ")]
    public void Default_RequiredDocument_Known(string number, string type, string issuedOn, string issuer)
    {
        var document = LegalRegistry.Default.Find(CitationParser.NormaliseNumber(number));

        Assert.NotNull(document);
        Assert.Equal(number, document.Number);
        Assert.Equal(type, document.Type);
        Assert.Equal(DateOnly.Parse(issuedOn, System.Globalization.CultureInfo.InvariantCulture), document.IssuedOn);
        Assert.Equal(issuer, document.Issuer);
    }

    [Fact]
    public void Default_GrassrootsDemocracyOrdinance_ReplacedByLawFromJuly2023()
    {
        var ordinance = LegalRegistry.Default.Find("34/2007/PL-UBTVQH11");

        Assert.NotNull(ordinance);
        Assert.Equal("10/2022/QH15", ordinance.SupersededBy);
        Assert.Equal(new DateOnly(2023, 7, 1), ordinance.SupersededFrom);
        Assert.Null(LegalRegistry.Default.Find("10/2022/QH15")!.SupersededBy);
    }

    [Fact]
    public void Default_EveryDocument_NamesThePublicSourceItWasCheckedAgainst()
    {
        Assert.All(LegalRegistry.Default.Documents, d => Assert.False(string.IsNullOrWhiteSpace(d.Source), d.Number));
    }

    [Fact]
    public void Default_EveryDocument_HasListedTypeAndKnownReplacement()
    {
        Assert.NotEmpty(LegalRegistry.Default.Documents);
        foreach (var document in LegalRegistry.Default.Documents)
        {
            Assert.Contains(document.Type, DocumentTypes.All);
            Assert.False(string.IsNullOrWhiteSpace(document.Title));
            Assert.Equal(document.SupersededBy is null, document.SupersededFrom is null);
            if (document.SupersededBy is not null)
            {
                Assert.NotNull(LegalRegistry.Default.Find(document.SupersededBy));
            }
        }
    }

    [Theory]
    [InlineData("33/CT-TTg")]
    [InlineData("33/CT-TTG")]
    [InlineData("33/ct-ttg")]
    [InlineData("33 / CT-TTg")]
    public void Find_AnySpellingOfNumber_FindsDocument(string number)
    {
        Assert.Equal("33/CT-TTg", LegalRegistry.Default.Find(number)?.Number);
    }

    [Fact]
    public void Find_UnknownNumber_Null()
    {
        Assert.Null(LegalRegistry.Default.Find("2040/KH-UBND"));
    }

    [Fact]
    public void Constructor_DuplicateNumber_Throws()
    {
        var document = new KnownDocument("1/KH-UBND", DocumentTypes.KeHoach, "A", new DateOnly(2020, 1, 1), "UBND xã", null, null);

        Assert.Throws<ArgumentException>(() => new LegalRegistry([document, document with { Number = "1/KH-ubnd" }]));
    }

    [Fact]
    public void Constructor_TypeNotInList_Throws()
    {
        var document = new KnownDocument("1/KH-UBND", "plan", "A", new DateOnly(2020, 1, 1), "UBND xã", null, null);

        Assert.Throws<ArgumentException>(() => new LegalRegistry([document]));
    }

    [Fact]
    public void Constructor_ReplacementNotListed_Throws()
    {
        var document = new KnownDocument("1/KH-UBND", DocumentTypes.KeHoach, "A", new DateOnly(2020, 1, 1), "UBND xã", "2/KH-UBND", new DateOnly(2021, 1, 1));

        Assert.Throws<ArgumentException>(() => new LegalRegistry([document]));
    }

    [Fact]
    public void FromJson_SupersededWithoutDate_Throws()
    {
        const string json = """
            { "documents": [
              { "number": "1/KH-UBND", "type": "kế hoạch", "title": "A", "issuedOn": "2020-01-01", "issuer": "UBND xã", "supersededBy": "2/KH-UBND" },
              { "number": "2/KH-UBND", "type": "kế hoạch", "title": "B", "issuedOn": "2021-01-01", "issuer": "UBND xã" }
            ] }
            """;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        Assert.Throws<InvalidDataException>(() => LegalRegistry.FromJson(stream));
    }

    [Theory]
    [InlineData("""{ "documents": [ { "number": "1/KH-UBND", "type": "kế hoạch", "title": "A", "issuedOn": "01/01/2020", "issuer": "UBND xã" } ] }""", "issuedOn '01/01/2020' is not a yyyy-mm-dd date")]
    [InlineData("""{ "documents": [ { "number": 1, "type": "kế hoạch" } ] }""", "?: number must be text")]
    [InlineData("""{ "documents": [ { "number": "1/KH-UBND", "type": 2 } ] }""", "1/KH-UBND: type must be text")]
    [InlineData("""{ "documents": [ { "number": "1/KH-UBND", """, "not valid JSON")]
    [InlineData("""[]""", "no \"documents\" list")]
    [InlineData("""{ "documents": { "number": "1/KH-UBND" } }""", "no \"documents\" list")]
    [InlineData("""{ "documents": [ { "number": "1/KH-UBND", "type": "kế hoạch", "title": "A", "issuedOn": "2020-01-01", "issuer": "UBND xã" } ] } }""", "not valid JSON")]
    [InlineData("""{ "documents": [ "1/KH-UBND" ] }""", "?: number is missing")]
    [InlineData("""{ "documents": [ { "number": "1/KH-UBND", "type": "kế hoạch", "title": { "vi": "A" } } ] }""", "1/KH-UBND: title must be text, not Object")]
    [InlineData("", "not valid JSON")]
    public void FromJson_Malformed_ThrowsSayingWhat(string json, string message)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var error = Assert.Throws<InvalidDataException>(() => LegalRegistry.FromJson(stream));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2023-07-01")]
    [InlineData("2024-02-29")]
    [InlineData("2023-02-29")]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("0000-01-01")]
    [InlineData("2023-13-01")]
    [InlineData("2023-00-10")]
    [InlineData("2023-04-31")]
    [InlineData("2023-1-01")]
    [InlineData(" 2023-01-01")]
    [InlineData("2023-01-01 ")]
    [InlineData("2023/01/01")]
    [InlineData("٢٠٢٣-01-01")]
    [InlineData("+023-01-01")]
    [InlineData("")]
    public void IsoDate_ReadsWhatTryParseExactReads(string text)
    {
        DateOnly? expected = DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date) ? date : null;

        Assert.Equal(expected, LegalRegistry.IsoDate(text));
    }

    [Fact]
    public void FromJson_PropertyNamesInAnyCase_Read()
    {
        const string json = """
            { "Documents": [ { "Number": "1/KH-UBND", "TYPE": "kế hoạch", "title": "A", "IssuedOn": "2020-01-01", "issuer": "UBND xã" } ] }
            """;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var document = Assert.Single(LegalRegistry.FromJson(stream).Documents);
        Assert.Equal(new DateOnly(2020, 1, 1), document.IssuedOn);
    }

    [Theory]
    [InlineData("Văn bản", "công văn")]
    [InlineData("CHƯƠNG TRÌNH PHỐI HỢP", "chương trình phối hợp")]
    [InlineData("Qui  chế", "quy chế")]
    [InlineData("Thông tư liên tịch", "thông tư")]
    [InlineData("QĐ", "quyết định")]
    [InlineData("Kế hoạch", "kế hoạch")]
    public void FromWord_WrittenTypeWord_Type(string word, string type)
    {
        Assert.Equal(type, DocumentTypes.FromWord(word));
    }
}
